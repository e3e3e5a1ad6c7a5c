"""Finding 7: `verify` exited 0 for unreadable files and for a tampered signature (`"valid": false`).

The signatures are made with the demo keystore (a real PAdES signature by pyHanko); the
trusted case (exit 0) is `tests/integration/test_signing_cli.py` with a SoftHSM token.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.cli import main
from tests.softhsm import make_pdf


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signed")
    source = make_pdf(folder / "a.pdf")
    assert (
        main(["sign", "--data-dir", str(folder / "data"), "--out-dir", str(folder / "out"), str(source)]) == 0
    )
    [signed] = (folder / "out").glob("*.pdf")
    return signed


def _verify(capsys, *files: Path) -> tuple[int, list[dict]]:
    code = main(["verify", *map(str, files)])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_an_unreadable_file_exits_4(tmp_path, capsys) -> None:
    missing, garbage = tmp_path / "khong-co.pdf", tmp_path / "rac.pdf"
    garbage.write_bytes(b"%PDF-1.7\n garbage")
    code, rows = _verify(capsys, missing, garbage)
    assert code == 4
    assert all("error" in row for row in rows)


def test_a_tampered_signature_exits_3_even_beside_good_files(signed_pdf, tmp_path, capsys) -> None:
    data = bytearray(signed_pdf.read_bytes())
    data[data.index(b"Page 1 of 2")] ^= 0x20
    tampered = tmp_path / "sua.pdf"
    tampered.write_bytes(bytes(data))
    code, rows = _verify(capsys, signed_pdf, tampered, tmp_path / "khong-co.pdf")
    assert code == 3
    assert rows[1]["signatures"][0]["valid"] is False


def test_an_untrusted_or_unsigned_file_exits_5(signed_pdf, tmp_path, capsys) -> None:
    code, rows = _verify(capsys, signed_pdf)
    assert code == 5 and rows[0]["signatures"][0]["valid"] and not rows[0]["signatures"][0]["trusted"]
    code, rows = _verify(capsys, make_pdf(tmp_path / "chua-ky.pdf"))
    assert code == 5 and rows[0]["signatures"] == []


def test_the_exit_codes_are_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "exit codes: 0" in text
        and "3 a signature is invalid" in text
        and "4 a file could not be read" in text
    )
