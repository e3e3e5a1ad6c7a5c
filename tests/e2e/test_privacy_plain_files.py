"""Nothing in plain text outside the workspace: a whole headless intake, watched file by file.

Every file the process writes is seen by an audit hook (`tests.write_watch`), and its content is
kept even if it is deleted a moment later. After the intake (ID photo, page images and a
born-digital PDF, PDFs built, PAdES-signed with the demo keystore, filed to the sandbox over
loopback, receipt) no plain PDF is left anywhere (the build folder's copies were temporary and are
gone), every file still there is inside the data folder, and none of them holds the citizen's
name or ID number. The receipt is written in the clear only where the officer asked for it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import pytest

from counter_app.cli import main
from sandbox.server import start_in_thread
from tests.integration.test_dossier_plaintext import leaks, needles_for
from tests.synthetic import render_text_page, save_page
from tests.synthetic_idcard import render_card, synthetic_citizen
from tests.write_watch import WriteWatch

BIRTH = "1.001193"
DPI = 200


@pytest.fixture
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy-inputs")
    citizen = synthetic_citizen(random.Random(29))
    cv2.imwrite(str(folder / "cccd.png"), render_card(citizen))
    page = save_page(render_text_page(dpi=DPI, seed=5), folder / "tk1.png", dpi=DPI)
    from fpdf import FPDF

    letter = FPDF()
    letter.add_page()
    letter.set_font("helvetica", size=14)
    letter.cell(text="Giay chung sinh (born-digital)")
    letter.output(str(folder / "gcs.pdf"))
    return citizen, folder / "cccd.png", page, folder / "gcs.pdf"


@pytest.mark.slow
def test_a_headless_intake_leaves_no_plain_file_behind(inputs, tmp_path, isolated_dirs, capsys, monkeypatch):
    citizen, card, page, born_digital = inputs
    monkeypatch.chdir(tmp_path)
    handle = start_in_thread()  # the portal's store is in memory: its copy is not the counter's
    try:
        with WriteWatch() as watch:
            code = main([
                "intake", "--headless", "--id-image", str(card), "--procedure", BIRTH,
                "--component", f"to_khai_khai_sinh={page}",
                "--component", f"giay_chung_sinh={born_digital}",
                "--portal", handle.url, "--no-ocr", "--wait", "60",
            ])  # fmt: skip
    finally:
        handle.stop()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["portal_code"] and out["receipt"] is None

    seen_plain_pdf = watch.files_containing(b"%PDF-")
    assert seen_plain_pdf, "not vacuous: the PDF builds did pass through plain temporary files"
    assert [p for p in seen_plain_pdf if Path(p).exists()] == []
    left = sorted(p for p in watch.written if Path(p).is_file())
    # The signature stamp's font subset lives for the process (removed at exit): a font, no one's data.
    outside = [
        p
        for p in left
        if not Path(p).is_relative_to(isolated_dirs) and not Path(p).name.startswith("stamp-font-")
    ]
    assert left and outside == [], outside
    needles = [citizen.full_name.encode(), citizen.id_number.encode(), citizen.full_name.encode("utf-16-le")]
    assert [p for p in left for n in needles if n in Path(p).read_bytes()] == []
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.slow
def test_erasing_a_citizen_at_a_demo_counter_leaves_no_trace_in_the_data_folder(
    inputs, isolated_dirs, capsys
):
    """Demo mode: the stand-in portal's state sits in the same data folder, so it forgets the citizen too."""
    citizen, card, page, born_digital = inputs
    code = main([
        "intake", "--headless", "--id-image", str(card), "--procedure", BIRTH,
        "--component", f"to_khai_khai_sinh={page}", "--component", f"giay_chung_sinh={born_digital}",
        "--no-ocr", "--wait", "60",
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    filed = json.loads(capsys.readouterr().out)
    assert filed["portal_code"]
    searched = needles_for(citizen.full_name, citizen.id_number, citizen.address, citizen.old_id_number)
    assert any("sandbox-portal" in hit for hit in leaks(isolated_dirs, searched)), "not vacuous"

    assert main(["privacy", "erase", "--citizen", citizen.id_number]) == 0
    erased = json.loads(capsys.readouterr().out)
    assert erased["dossiers"] == 1 and erased["files"] >= 4
    assert leaks(isolated_dirs, searched) == []
    assert main(["audit", "verify"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
