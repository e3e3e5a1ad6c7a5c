"""Signing from the window: certificate picker, PIN dialog, one-login batch with progress and Cancel.

Real peers: a SoftHSM2 token provisioned by tests/softhsm.py (Vietnamese holder names, an
expired and an encryption-only certificate), the demo PKCS#12 keystore, and an unreachable
loopback TSA. Signed outputs are checked by pdfsig (poppler) and `signing.verify`.
"""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from common.progress import Update
from counter_app.intake.sign_requests import SignDocument
from signing.certs import DEMO_MARK
from signing.session import DocumentMetadata
from signing.verify import load_trust_roots, verify_pdf
from tests.softhsm import (
    ENCRYPT_ONLY_ID,
    EXPIRED_ID,
    RSA_HOLDER,
    RSA_ID,
    SoftHsmToken,
    make_pdf,
    pdfsig,
    shared_token,
)
from ui.tasks import TaskRunner
from ui.widgets.signing import SigningController


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


def fresh_softhsm(token: SoftHsmToken) -> None:
    """Point the (process-wide, cached) SoftHSM2 module at the test token again.

    An earlier test may have loaded the module through the known-modules list with another
    SOFTHSM2_CONF; SoftHSM2 reads its configuration at C_Initialize.
    """
    import pkcs11

    os.environ["SOFTHSM2_CONF"] = str(token.conf)
    pkcs11.lib(token.module).reinitialize()


class Run:
    """One `sign()` call: what came back, through the callbacks the intake wizard uses.

    The controller hands back signed bytes; they are written into `out` (named after the
    inputs) so that independent validators can read them."""

    def __init__(self, files: list[Path], out: Path) -> None:
        self.files, self.out = files, out
        self.done: list[Path] | None = None
        self.error: BaseException | None = None

    @property
    def finished(self) -> bool:
        return self.done is not None or self.error is not None

    def on_done(self, outputs: list[bytes]) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        paths = [self.out / src.name for src in self.files]
        for path, data in zip(paths, outputs, strict=True):
            path.write_bytes(data)
        self.done = paths

    def on_error(self, exc: BaseException) -> None:
        self.error = exc


def controller_for(qtbot, ctx, token: SoftHsmToken | None) -> tuple[SigningController, TaskRunner]:
    """A controller that sees only the SoftHSM2 module (or no module at all: demo keystore)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    tasks = TaskRunner(parent)
    if token is not None:
        fresh_softhsm(token)
    ctx.config.set_user("signing.module_paths", [token.module] if token else [])
    return SigningController(parent, ctx, tasks, include_known=False), tasks


def inputs(folder: Path, count: int) -> list[Path]:
    return [make_pdf(folder / f"thanh-phan-{i}.pdf", pages=2) for i in range(count)]


def documents(files: list[Path]) -> list[SignDocument]:
    return [SignDocument(f.name, f.read_bytes(), DocumentMetadata(f.name)) for f in files]


def start(controller: SigningController, files: list[Path], out: Path) -> Run:
    run = Run(files, out)
    controller.sign(documents(files), run.on_done, run.on_error)
    return run


def wait_picker_filled(qtbot, controller: SigningController) -> None:
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.tree.topLevelItemCount() > 0,
                    timeout=20_000)  # fmt: skip


def pick(qtbot, controller: SigningController, cert_id: str) -> None:
    """Choose by CKA_ID: other tests add certificates of the same holder to the shared token."""
    wait_picker_filled(qtbot, controller)
    picker = controller.picker
    assert picker is not None
    (item,) = [item for choice, item in picker.rows() if choice.cert.cert_id == cert_id]
    picker.tree.setCurrentItem(item)
    assert picker.sign_button.isEnabled()
    qtbot.mouseClick(picker.sign_button, Qt.MouseButton.LeftButton)


def type_pin(qtbot, controller: SigningController, pin: str) -> None:
    qtbot.waitUntil(
        lambda: controller.pin_dialog is not None and controller.pin_dialog.isVisible(), timeout=20_000
    )
    dialog = controller.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)


def assert_signed(path: Path, holder: str, roots: list[Path] = ()) -> None:  # type: ignore[assignment]
    report = pdfsig(path)
    assert "Signature is Valid" in report, report
    assert "Total document signed" in report, report
    assert holder in report
    (status,) = verify_pdf(path, load_trust_roots(roots))
    assert status.intact and status.valid and status.covers_whole_file
    assert status.signer == holder
    if roots:
        assert status.trusted


def _free_port() -> int:
    """A loopback port with nobody listening: an unreachable timestamp server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def digest(paths: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_picker_lists_token_certificates_and_greys_the_unusable_ones(qtbot, ctx, softhsm_token):
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    run = start(controller, [], Path("unused"))
    wait_picker_filled(qtbot, controller)
    picker = controller.picker
    assert picker is not None
    rows = {choice.cert.cert_id: item for choice, item in picker.rows()}
    column = {name: i for i, name in enumerate(picker.COLUMNS)}
    usable = rows[RSA_ID]
    assert usable.text(column["Người ký"]) == RSA_HOLDER
    assert usable.text(column["Tổ chức"]) == "UBND Phường Thử Nghiệm"
    assert usable.text(column["Cấp bởi"]) == "CA Thử Nghiệm Một Cửa Số"
    assert "Ký số" in usable.text(column["Mục đích"])
    assert usable.text(column["Tình trạng"]) == "Dùng để ký được"
    assert usable.flags() & Qt.ItemFlag.ItemIsSelectable

    expired = rows[EXPIRED_ID]
    assert expired.text(column["Người ký"]) == "Lê Hết Hạn"
    assert not expired.flags() & Qt.ItemFlag.ItemIsSelectable
    assert expired.foreground(0).color().name() == "#8a8a8a"  # greyed
    assert "hết hạn" in expired.text(column["Tình trạng"])
    assert "không được cấp cho mục đích ký số" in rows[ENCRYPT_ONLY_ID].text(column["Tình trạng"])
    # The officer can arrow onto a grey row to read why, but cannot choose it.
    picker.tree.setCurrentItem(expired)
    assert picker.choice() is None and not picker.sign_button.isEnabled()
    assert "hết hạn" in picker.details.text()
    qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    assert picker.isVisible()
    assert not picker.demo_banner.isVisible()

    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: run.finished)
    assert getattr(run.error, "code", "") == "signing_cancelled"
    tasks.wait()


def test_two_pdfs_signed_in_one_login_with_the_right_pin(qtbot, ctx, softhsm_token, tmp_path):
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    files = inputs(tmp_path / "in", 2)
    before = digest(files)
    run = start(controller, files, tmp_path / "out")
    pick(qtbot, controller, RSA_ID)
    type_pin(qtbot, controller, softhsm_token.pin)
    qtbot.waitUntil(lambda: run.finished, timeout=60_000)
    assert run.error is None, run.error
    assert run.done is not None and len(run.done) == 2
    for out in run.done:
        assert out.parent == tmp_path / "out"
        assert_signed(out, RSA_HOLDER, [softhsm_token.ca.pem_path])
    assert digest(files) == before
    assert controller.outcome is not None
    assert (controller.outcome.level, controller.outcome.logins, controller.outcome.demo) == ("B-B", 1, False)
    assert not controller.busy
    tasks.wait()


def test_wrong_pin_shows_the_known_error_and_is_never_retried(
    qtbot, ctx, softhsm_token, tmp_path, monkeypatch
):
    """Login attempts are counted by wrapping the real SoftHSM2 token's `open` (the PKCS#11 login)."""
    import signing.provider as provider

    logins: list[object] = []
    real_find = provider.find_token

    class CountingToken:
        def __init__(self, token: object) -> None:
            self._token = token

        def __getattr__(self, name: str) -> object:
            return getattr(self._token, name)

        def open(self, **kwargs: object) -> object:
            logins.append(kwargs)
            return self._token.open(**kwargs)

    monkeypatch.setattr(provider, "find_token", lambda lib, label=None: CountingToken(real_find(lib, label)))
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    run = start(controller, inputs(tmp_path / "in", 2), tmp_path / "out")
    pick(qtbot, controller, RSA_ID)
    type_pin(qtbot, controller, "000000")
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    tasks.wait()
    assert getattr(run.error, "code", "") == "pin_incorrect"
    box = controller.message_box
    assert box is not None and box.isVisible()
    assert "Mã PIN không đúng" in box.text()
    assert "không tự động thử lại" in box.informativeText()
    assert len(logins) == 1
    assert controller.pin_dialog is not None and not controller.pin_dialog.isVisible()
    assert not list((tmp_path / "out").glob("*"))
    box.close()
    # A successful login resets SoftHSM2's "count low" flag for the tests that follow.
    run = start(controller, inputs(tmp_path / "in2", 1), tmp_path / "out2")
    pick(qtbot, controller, RSA_ID)
    qtbot.waitUntil(
        lambda: controller.pin_dialog is not None and controller.pin_dialog.isVisible(), timeout=20_000
    )
    assert controller.pin_dialog.warning.isVisible()  # SoftHSM2 raises "count low" after a wrong PIN
    type_pin(qtbot, controller, softhsm_token.pin)
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    assert run.error is None and len(logins) == 2
    tasks.wait()


def _demo_sign(
    qtbot, ctx, tmp_path: Path, count: int
) -> tuple[SigningController, TaskRunner, Run, list[Path]]:
    controller, tasks = controller_for(qtbot, ctx, None)
    files = inputs(tmp_path / "in", count)
    run = start(controller, files, tmp_path / "out")
    wait_picker_filled(qtbot, controller)
    return controller, tasks, run, files


def test_demo_keystore_signs_when_no_module_is_configured(qtbot, ctx, tmp_path):
    controller, tasks, run, _files = _demo_sign(qtbot, ctx, tmp_path, 2)
    picker = controller.picker
    assert picker is not None
    assert picker.demo_banner.isVisible() and picker.demo_banner.text() == DEMO_MARK
    ((choice, item),) = picker.rows()
    assert choice.cert.demo and item.text(picker.COLUMNS.index("Tình trạng")) == DEMO_MARK
    assert picker.sign_button.isEnabled()  # the only usable certificate is preselected
    qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: run.finished, timeout=60_000)
    assert run.error is None, run.error
    assert controller.pin_dialog is None  # no PIN for the soft keystore
    assert controller.outcome is not None and controller.outcome.demo
    for out in run.done or []:
        assert_signed(out, controller.outcome.signer)
    assert len(run.done or []) == 2
    tasks.wait()


def test_cancel_mid_batch_leaves_no_output_and_originals_intact(qtbot, ctx, tmp_path):
    controller, tasks, run, files = _demo_sign(qtbot, ctx, tmp_path, 6)
    before = digest(files)
    signed_at_cancel: list[int] = []

    show_step = controller._batch_progress

    def cancel_after_first(step: Update) -> None:
        show_step(step)
        if not signed_at_cancel and controller.progress is not None:
            signed_at_cancel.append(step.item[0])  # documents signed so far
            qtbot.mouseClick(controller.progress.cancel_button, Qt.MouseButton.LeftButton)

    controller._batch_progress = cancel_after_first  # type: ignore[method-assign]
    qtbot.keyClick(controller.picker.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: run.finished, timeout=60_000)
    tasks.wait()
    assert signed_at_cancel and signed_at_cancel[0] >= 1  # cancelled with a file already signed
    assert getattr(run.error, "code", "") == "signing_cancelled"
    assert run.done is None and not (tmp_path / "out").exists()  # nothing of this batch is handed back
    assert digest(files) == before
    assert controller.message_box is None  # the officer cancelled: nothing to explain


@pytest.mark.parametrize("go_on", [True, False])
def test_unreachable_timestamp_server_lets_the_officer_choose_b_b(qtbot, ctx, tmp_path, go_on):
    ctx.config.set_user("signing.level", "B-T")
    ctx.config.set_user("signing.tsa_url", f"http://127.0.0.1:{_free_port()}/tsa")
    controller, tasks, run, _files = _demo_sign(qtbot, ctx, tmp_path, 2)
    qtbot.keyClick(controller.picker.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: controller.message_box is not None and controller.message_box.isVisible(), timeout=30_000
    )
    box = controller.message_box
    assert "B-T" in box.text()
    assert not list((tmp_path / "out").glob("*.pdf"))
    qtbot.mouseClick(
        controller.continue_button if go_on else controller.stop_button, Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: run.finished, timeout=60_000)
    tasks.wait()
    if go_on:
        assert run.error is None and controller.outcome is not None
        assert (controller.outcome.level, controller.outcome.configured_level) == ("B-B", "B-T")
        assert controller.outcome.level_reason
        for out in run.done or []:
            assert_signed(out, controller.outcome.signer)
            assert verify_pdf(out)[0].level == "B-B"
    else:
        assert getattr(run.error, "code", "").startswith("tsa_")
        assert not list((tmp_path / "out").glob("*.pdf"))


def test_outside_demo_mode_no_token_means_no_certificate_to_choose(qtbot, ctx, tmp_path):
    ctx.config.set_user("portal.url", "http://127.0.0.1:9/portal")  # a real portal: not demo mode
    assert not ctx.demo_mode
    controller, tasks = controller_for(qtbot, ctx, None)
    run = start(controller, inputs(tmp_path / "in", 1), tmp_path / "out")
    picker = controller.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.refresh_button.isEnabled(), timeout=20_000)
    assert picker.tree.topLevelItemCount() == 0 and not picker.demo_banner.isVisible()
    assert "Chưa cắm thiết bị ký số" in picker.status.text()
    assert not picker.sign_button.isEnabled()
    qtbot.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.finished)
    assert getattr(run.error, "code", "") == "signing_cancelled"
    tasks.wait()


def test_token_b_t_level_question_comes_before_the_pin_and_a_reachable_tsa_asks_nothing(
    qtbot, ctx, softhsm_token, tmp_path
):
    """The officer answers the level question before typing the PIN; with the loopback TSA up, B-T is reached."""
    from tests.tsa_server import running_tsa

    ctx.config.set_user("signing.level", "B-T")
    ctx.config.set_user("signing.tsa_url", f"http://127.0.0.1:{_free_port()}/tsa")
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    run = start(controller, inputs(tmp_path / "in", 1), tmp_path / "down")
    pick(qtbot, controller, RSA_ID)
    qtbot.waitUntil(
        lambda: controller.message_box is not None and controller.message_box.isVisible(), timeout=30_000
    )
    assert controller.pin_dialog is None
    qtbot.mouseClick(controller.continue_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, controller, softhsm_token.pin)
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    assert run.error is None and controller.outcome is not None
    assert (controller.outcome.level, controller.outcome.logins) == ("B-B", 1)

    with running_tsa(tmp_path / "tsa", softhsm_token.ca) as tsa:
        ctx.config.set_user("signing.tsa_url", tsa.url)
        run = start(controller, inputs(tmp_path / "in2", 2), tmp_path / "up")
        pick(qtbot, controller, RSA_ID)
        type_pin(qtbot, controller, softhsm_token.pin)
        qtbot.waitUntil(lambda: run.finished, timeout=60_000)
        tasks.wait()
    assert run.error is None and controller.message_box is None
    assert controller.outcome is not None and controller.outcome.level == "B-T"
    assert controller.outcome.level_reason is None
    for out in run.done or []:
        assert_signed(out, RSA_HOLDER, [softhsm_token.ca.pem_path])
        assert verify_pdf(out)[0].level == "B-T"
