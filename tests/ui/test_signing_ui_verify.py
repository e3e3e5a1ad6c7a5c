"""The verification panel, on files signed through SoftHSM2 and the demo keystore (real validators underneath)."""

from __future__ import annotations

from pathlib import Path

import pytest

from signing.provider import sign_with_demo, sign_with_token
from signing.session import SigningSettings
from tests.softhsm import EC_HOLDER, EC_ID, RSA_HOLDER, RSA_ID, SoftHsmToken, make_pdf, shared_token
from tests.ui.test_signing_ui import fresh_softhsm
from ui.tasks import TaskRunner
from ui.widgets.sign_verify import SignatureVerifyPanel


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


def _panel(qtbot, ctx) -> tuple[SignatureVerifyPanel, TaskRunner]:
    tasks = TaskRunner()
    panel = SignatureVerifyPanel(ctx, tasks)
    qtbot.addWidget(panel)
    panel.show()
    return panel, tasks


def _verified(qtbot, panel: SignatureVerifyPanel, path: Path) -> None:
    panel.verify(path)
    qtbot.waitUntil(lambda: panel.open_button.isEnabled(), timeout=30_000)


def test_token_signature_is_valid_and_trusted_with_the_configured_root(qtbot, ctx, softhsm_token, tmp_path):
    fresh_softhsm(softhsm_token)
    result = sign_with_token(
        softhsm_token.module, [make_pdf(tmp_path / "a.pdf")], tmp_path / "out", SigningSettings(),
        pin=softhsm_token.pin, cert_id=bytes.fromhex(RSA_ID),
    )  # fmt: skip
    signed = Path(result.files[0].out or "")
    ctx.config.set_user("signing.trust_roots", [str(softhsm_token.ca.pem_path)])
    panel, tasks = _panel(qtbot, ctx)
    _verified(qtbot, panel, signed)
    row = panel.tree.topLevelItem(0)
    assert [row.text(i) for i in range(5)] == [RSA_HOLDER, "Hợp lệ", "Có", "Có", "B-B"]
    assert "tất cả hợp lệ" in panel.summary.text()

    second = sign_with_token(
        softhsm_token.module, [signed], tmp_path / "out2", SigningSettings(),
        pin=softhsm_token.pin, cert_id=bytes.fromhex(EC_ID),
    )  # fmt: skip
    _verified(qtbot, panel, Path(second.files[0].out or ""))
    first, last = (panel.tree.topLevelItem(i) for i in range(2))
    assert (first.text(0), first.text(1), first.text(2)) == (RSA_HOLDER, "Hợp lệ", "Có chữ ký sau")
    assert (last.text(0), last.text(1), last.text(2)) == (EC_HOLDER, "Hợp lệ", "Có")
    assert "2 chữ ký, tất cả hợp lệ" in panel.summary.text()

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(signed.read_bytes())
    data[data.index(b"Page 1 of 2")] ^= 0x01  # inside the signed page content
    tampered.write_bytes(bytes(data))
    _verified(qtbot, panel, tampered)
    assert "KHÔNG HỢP LỆ" in panel.summary.text()
    assert panel.tree.topLevelItem(0).text(1) == "KHÔNG HỢP LỆ"
    tasks.wait()


def test_demo_signature_is_valid_but_not_trusted_and_unsigned_file_says_so(qtbot, ctx, tmp_path):
    unsigned = make_pdf(tmp_path / "b.pdf")
    result = sign_with_demo(ctx.paths.data_dir / "demo", [unsigned], tmp_path / "out", SigningSettings())
    panel, tasks = _panel(qtbot, ctx)
    _verified(qtbot, panel, Path(result.files[0].out or ""))
    row = panel.tree.topLevelItem(0)
    assert (row.text(1), row.text(3)) == ("Hợp lệ", "KHÔNG")
    assert "(DEMO)" in row.text(0)
    _verified(qtbot, panel, unsigned)
    assert "không có chữ ký số" in panel.summary.text() and panel.tree.topLevelItemCount() == 0
    tasks.wait()
