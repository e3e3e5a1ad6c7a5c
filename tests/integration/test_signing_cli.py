"""`counter-app tokens`, `sign` and `verify` as IT staff run them: real processes, SoftHSM2, JSON out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from signing.certs import DEMO_MARK
from tests.softhsm import RSA_HOLDER, RSA_ID, SoftHsmToken, make_pdf, pdfsig, shared_token


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_tokens_lists_the_token_certificates_and_pin_state(softhsm_token):
    done = _cli("tokens", "--module", softhsm_token.module)
    assert done.returncode == 0, done.stderr
    (module,) = json.loads(done.stdout)
    assert module["loaded"] and module["path"] == softhsm_token.module
    (token,) = module["tokens"]
    assert token["label"] == softhsm_token.label and token["pin_state"] == "ok"
    holders = {c["holder"]: c for c in token["certificates"]}
    assert holders[RSA_HOLDER]["choosable"] is True and holders[RSA_HOLDER]["cert_id"] == RSA_ID
    assert holders["Lê Hết Hạn"]["choosable"] is False and holders["Lê Hết Hạn"]["reasons"]


def test_tokens_reports_a_missing_module_by_name(tmp_path):
    done = _cli("tokens", "--module", str(tmp_path / "vnptca_p11_v6.dll"))
    assert done.returncode == 0
    (module,) = json.loads(done.stdout)
    assert not module["loaded"] and module["error"]["code"] == "token_module_not_found"
    assert "vnptca_p11_v6.dll" in module["error"]["message"]


def test_sign_then_verify_with_the_token(softhsm_token, tmp_path):
    files = [str(make_pdf(tmp_path / f"tp{i}.pdf")) for i in range(2)]
    out = tmp_path / "signed"
    done = _cli(
        "sign", "--module", softhsm_token.module, "--cert-id", RSA_ID, "--pin-env", "TEST_TOKEN_PIN",
        "--out-dir", str(out), *files, env={"TEST_TOKEN_PIN": softhsm_token.pin},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _lines(done.stdout)
    assert [set(r) for r in rows[:2]] == [{"file", "out", "ok", "ms"}] * 2
    assert all(r["ok"] for r in rows[:2])
    summary = rows[-1]["summary"]
    assert summary["signed"] == 2 and summary["logins"] == 1 and summary["signer"] == RSA_HOLDER
    assert softhsm_token.pin not in done.stdout + done.stderr

    signed = [r["out"] for r in rows[:2]]
    done = _cli("verify", "--trust", str(softhsm_token.ca.pem_path), *signed)
    assert done.returncode == 0, done.stderr
    for row in _lines(done.stdout):
        (sig,) = row["signatures"]
        assert set(sig) == {
            "field",
            "signer",
            "valid",
            "intact",
            "trusted",
            "covers_whole_file",
            "level",
            "time",
        }
        assert sig["signer"] == RSA_HOLDER and sig["level"] == "B-B"
        assert sig["valid"] and sig["intact"] and sig["trusted"] and sig["covers_whole_file"]


def test_sign_with_a_wrong_pin_exits_2_with_a_known_error(softhsm_token, tmp_path):
    done = _cli(
        "sign", "--module", softhsm_token.module, "--cert-id", RSA_ID, "--pin-env", "TEST_TOKEN_PIN",
        "--out-dir", str(tmp_path / "out"), str(make_pdf(tmp_path / "a.pdf")), env={"TEST_TOKEN_PIN": "999999"},
    )  # fmt: skip
    assert done.returncode == 2
    assert json.loads(done.stderr.strip().splitlines()[-1])["error"]["code"] == "pin_incorrect"


def test_sign_without_token_options_uses_the_demo_keystore(tmp_path):
    data_dir = tmp_path / "data"
    src = make_pdf(tmp_path / "giay-to.pdf")
    done = _cli("sign", "--data-dir", str(data_dir), "--stamp", "--out-dir", str(tmp_path / "out"), str(src))
    assert done.returncode == 0, done.stderr
    rows = _lines(done.stdout)
    assert rows[0]["ok"] and rows[-1]["summary"]["demo"] is True
    assert (data_dir / "signing" / "demo" / "demo-signer.p12").exists()
    report = pdfsig(Path(rows[0]["out"]))
    assert "Signature is Valid" in report and DEMO_MARK in report
    done = _cli("verify", rows[0]["out"])
    (sig,) = _lines(done.stdout)[0]["signatures"]
    assert sig["intact"] and sig["valid"] and not sig["trusted"]  # a demo certificate is never trusted


def test_verify_reports_a_tampered_file(tmp_path):
    src = make_pdf(tmp_path / "giay-to.pdf")
    done = _cli("sign", "--out-dir", str(tmp_path / "out"), str(src))
    out = Path(_lines(done.stdout)[0]["out"])
    data = bytearray(out.read_bytes())
    data[data.index(b"Page 1 of 2")] ^= 0x20
    out.write_bytes(bytes(data))
    (row,) = _lines(_cli("verify", str(out)).stdout)
    assert row["signatures"][0]["intact"] is False and row["signatures"][0]["valid"] is False
