"""A dossier survives the process being killed mid-step: reopened exactly where it was, every page kept.

The child process is killed with SIGKILL (no clean-up, like a power cut or a crash in a native driver)
while it holds an open SQLite transaction, right after a page file reached the disk.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, DossierState
from counter_app.events import iter_events, verify
from counter_app.workflow import Workflow

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import io, os, signal, sys
    from PIL import Image
    from counter_app.citizen import parse_citizen_payload
    from counter_app.context import AppContext
    from counter_app.dossier import PageMeta
    from counter_app.workflow import Workflow

    def page(seed):
        buf = io.BytesIO()
        Image.new("RGB", (80, 113), (seed * 40 % 256, 200, 30 * seed % 256)).save(buf, "PNG", dpi=(200, 200))
        return buf.getvalue()

    ctx = AppContext.open()
    wf = Workflow(ctx)
    d = wf.start()
    wf.identify(d, parse_citizen_payload("079190000001||Nguyễn Thị Thử|15081990|Nữ|Bến Nghé|15082021"))
    wf.choose_procedure(d, "1.001193")
    meta = PageMeta(80, 113, 200, "color")
    for seed, key in [(1, "to_khai_khai_sinh"), (2, "to_khai_khai_sinh"), (3, "giay_chung_sinh")]:
        wf.add_page(d, key, page(seed), meta)
    print(d.local_ref, flush=True)
    if sys.argv[1] == "during_page":
        # The 4th page file is written, then the process dies inside the transaction recording it.
        wf.repo.insert_page = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        wf.add_page(d, "giay_chung_sinh", page(4), meta)
    else:
        wf.complete_capture(d)
        wf.attach_pdf(d, "to_khai_khai_sinh", b"%PDF-1.7 first")
        wf.repo.update_component = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        wf.attach_pdf(d, "giay_chung_sinh", b"%PDF-1.7 second")
    raise SystemExit("not killed")
    """
)


def expected_page(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (80, 113), (seed * 40 % 256, 200, 30 * seed % 256)).save(buf, "PNG", dpi=(200, 200))
    return buf.getvalue()


def run_child(mode: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    return proc.stdout.split()[0]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_killed_while_recording_a_page_reopens_with_every_page():
    local_ref = run_child("during_page")
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        d = wf.open(local_ref)
        assert d.state is DossierState.PROCEDURE_CHOSEN
        pages = {c.key: c.pages for c in d.components}
        assert [p.seq for p in pages["to_khai_khai_sinh"]] == [1, 2]
        assert [p.seq for p in pages["giay_chung_sinh"]] == [1, 2]  # the 4th page, written before the kill
        got = [wf.page_image(d, p) for key in ("to_khai_khai_sinh", "giay_chung_sinh") for p in pages[key]]
        assert [hashlib.sha256(b).hexdigest() for b in got] == [
            hashlib.sha256(expected_page(s)).hexdigest() for s in (1, 2, 3, 4)
        ]
        recovered = [
            e.payload for e in iter_events(ctx.db, kinds=("page_scanned",)) if e.payload.get("recovered")
        ]
        assert recovered == [
            {
                "component_key": "giay_chung_sinh",
                "page": 2,
                "dpi": 200,
                "mode": "color",
                "blank": False,
                "recovered": True,
            }
        ]
        assert verify(ctx.db)["ok"]
        # Reopening again adopts nothing twice, and the officer simply carries on.
        assert wf.open(local_ref).page_count == 4
        wf.complete_capture(d)
        assert d.state is DossierState.COMPONENTS_CAPTURED
    finally:
        ctx.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_killed_while_building_pdfs_keeps_the_finished_step_and_nothing_half_done():
    local_ref = run_child("during_pdf")
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        d = wf.open(local_ref)
        assert d.state is DossierState.COMPONENTS_CAPTURED
        assert d.component("to_khai_khai_sinh").status is ComponentStatus.DIGITIZED
        assert wf.read_file(d, d.component("to_khai_khai_sinh").pdf_name) == b"%PDF-1.7 first"
        assert d.component("giay_chung_sinh").status is ComponentStatus.CAPTURED  # rolled back, redo it
        assert d.page_count == 3
        digitized = [e.payload["component_key"] for e in iter_events(ctx.db, kinds=("component_digitized",))]
        assert digitized == ["to_khai_khai_sinh"]
        wf.attach_pdf(d, "giay_chung_sinh", b"%PDF-1.7 second")
        wf.complete_pdfs(d)
        assert d.state is DossierState.PDFS_BUILT
        assert verify(ctx.db)["ok"]
    finally:
        ctx.close()
