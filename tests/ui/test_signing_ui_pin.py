"""PIN dialog states, a token pulled out mid-batch, and the token watcher.

SoftHSM2 cannot show a token on its final PIN try, a locked token, a PIN pad or being pulled
out, so those tests wrap the real SoftHSM2 token at the PKCS#11 boundary (the token objects
python-pkcs11 returns) with proxies; everything else (listing, login, signing) stays real.
The flag proxy adds a token flag; the PIN-pad proxy supplies the PIN when asked for the
protected authentication path, as the token's own keypad would; the pulled-out token's key
raises DeviceRemoved. "Count low" is real: SoftHSM2 raises it after a wrong PIN (see
test_signing_ui.py). The watcher test adds a real second SoftHSM2 token while watching.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from signing.certs import describe_certificate
from signing.tokens import PinState, TokenInfo
from tests.softhsm import RSA_HOLDER, RSA_ID, SO_PIN, SoftHsmToken, shared_token
from tests.ui.test_signing_ui import (
    assert_signed,
    controller_for,
    fresh_softhsm,
    inputs,
    pick,
    start,
    type_pin,
)
from ui.tasks import TaskRunner
from ui.widgets.sign_pin import PinDialog
from ui.widgets.signing import SigningController, TokenWatcher


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


class FlaggedToken:
    """The real SoftHSM2 token with extra PKCS#11 token flags; counts logins (opens with a PIN)."""

    def __init__(self, token: Any, extra_flags: int, logins: list[object], pad_pin: str | None) -> None:
        self._token = token
        self._extra = extra_flags
        self._logins = logins
        self._pad_pin = pad_pin

    def __getattr__(self, name: str) -> Any:
        return getattr(self._token, name)

    @property
    def flags(self) -> int:
        return int(self._token.flags) | self._extra

    def open(self, **kwargs: Any) -> Any:
        from pkcs11 import PROTECTED_AUTH

        if "user_pin" in kwargs:
            self._logins.append(kwargs["user_pin"])
            if kwargs["user_pin"] is PROTECTED_AUTH:
                kwargs["user_pin"] = self._pad_pin  # the officer types it on the token's keypad
        return self._token.open(**kwargs)


@pytest.fixture
def flag_token(monkeypatch: pytest.MonkeyPatch, softhsm_token: SoftHsmToken):
    """Call with a TokenFlag to make the SoftHSM2 token report it; returns the login log."""
    import signing.tokens as tokens

    real = tokens.present_tokens

    def install(extra: int) -> list[object]:
        logins: list[object] = []
        monkeypatch.setattr(
            tokens,
            "present_tokens",
            lambda lib: [(s, FlaggedToken(t, extra, logins, softhsm_token.pin)) for s, t in real(lib)],
        )
        return logins

    return install


def test_locked_token_stops_before_any_pin_is_asked(qtbot, ctx, softhsm_token, flag_token, tmp_path):
    from pkcs11 import TokenFlag

    logins = flag_token(TokenFlag.USER_PIN_LOCKED)
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    run = start(controller, inputs(tmp_path / "in", 1), tmp_path / "out")
    pick(qtbot, controller, RSA_ID)
    qtbot.waitUntil(lambda: run.error is not None, timeout=20_000)
    tasks.wait()
    assert getattr(run.error, "code", "") == "pin_locked"
    box = controller.message_box
    assert box is not None and box.isVisible()
    assert "đã bị khóa" in box.text()
    assert "trả token về nhà cung cấp CA" in box.informativeText()
    assert controller.pin_dialog is None and logins == []


def test_final_try_needs_an_explicit_confirmation(qtbot, ctx, softhsm_token, flag_token, tmp_path):
    from pkcs11 import TokenFlag

    logins = flag_token(TokenFlag.USER_PIN_FINAL_TRY)
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    run = start(controller, inputs(tmp_path / "in", 1), tmp_path / "out")
    pick(qtbot, controller, RSA_ID)
    qtbot.waitUntil(
        lambda: controller.pin_dialog is not None and controller.pin_dialog.isVisible(), timeout=20_000
    )
    dialog = controller.pin_dialog
    assert "chỉ còn MỘT lần" in dialog.warning.text() and dialog.warning.isVisible()
    qtbot.keyClicks(dialog.pin_edit, softhsm_token.pin)
    assert not dialog.ok_button.isEnabled()  # not before the officer confirms the risk
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and logins == []
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    tasks.wait()
    assert run.error is None and run.done
    assert_signed(run.done[0], RSA_HOLDER, [softhsm_token.ca.pem_path])
    assert logins == [softhsm_token.pin]


def test_pin_pad_token_has_no_pin_field_and_signs(qtbot, ctx, softhsm_token, flag_token, tmp_path):
    from pkcs11 import PROTECTED_AUTH, TokenFlag

    logins = flag_token(TokenFlag.PROTECTED_AUTHENTICATION_PATH)
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    run = start(controller, inputs(tmp_path / "in", 2), tmp_path / "out")
    pick(qtbot, controller, RSA_ID)
    qtbot.waitUntil(
        lambda: controller.pin_dialog is not None and controller.pin_dialog.isVisible(), timeout=20_000
    )
    dialog = controller.pin_dialog
    assert not dialog.pin_edit.isVisible()
    assert "nhập PIN trên bàn phím của token" in dialog.pin_pad_note.text()
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    tasks.wait()
    assert run.error is None and len(run.done or []) == 2
    assert logins == [PROTECTED_AUTH]  # one login for the batch, the PIN never passed through us


def test_pin_dialog_forgets_the_pin_once_taken(qtbot, softhsm_token):
    cert = describe_certificate(softhsm_token.certs[RSA_ID], bytes.fromhex(RSA_ID))
    token = TokenInfo("module.so", 0, "CanBo", "1", "SoftHSM", "v2", PinState("ok", False), (cert,))
    dialog = PinDialog(token, cert, token.pin, 3)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.pin_edit, "246810")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.pin_edit.text() == ""
    assert dialog.take_pin() == "246810"
    assert dialog.take_pin() is None


def test_token_watcher_notices_a_token_added_while_watching(qtbot, ctx, softhsm_token, tmp_path):
    """A second SoftHSM2 token is initialised while watching; an open picker re-reads the tokens."""
    token_dir = Path(softhsm_token.conf.read_text().split("=", 1)[1].splitlines()[0].strip())
    fresh_softhsm(softhsm_token)
    ctx.config.set_user("signing.module_paths", [softhsm_token.module])
    parent = QWidget()
    qtbot.addWidget(parent)
    tasks = TaskRunner(parent)
    watcher = TokenWatcher(ctx, tasks, interval_ms=200, include_known=False)
    controller = SigningController(parent, ctx, tasks, include_known=False, watcher=watcher)
    counts: list[int] = []
    watcher.tokens_changed.connect(counts.append)
    watcher.start()
    before = set(token_dir.iterdir())
    try:
        qtbot.waitUntil(lambda: counts == [1], timeout=20_000)
        run = start(controller, inputs(tmp_path / "in", 1), tmp_path / "out")
        qtbot.waitUntil(lambda: controller.picker.status.text().startswith("1 token"), timeout=20_000)
        subprocess.run(
            ["softhsm2-util", "--init-token", "--free", "--label", "Token Thứ Hai", "--so-pin", SO_PIN,
             "--pin", "654321"],
            check=True, capture_output=True, timeout=60, env={**os.environ, "SOFTHSM2_CONF": str(softhsm_token.conf)},
        )  # fmt: skip
        qtbot.waitUntil(lambda: counts == [1, 2], timeout=10_000)
        qtbot.waitUntil(lambda: controller.picker.status.text().startswith("2 token"), timeout=20_000)
        controller.picker.reject()
        assert getattr(run.error, "code", "") == "signing_cancelled"
    finally:
        watcher.stop()
        tasks.wait()
        for added in set(token_dir.iterdir()) - before:
            shutil.rmtree(added)
        import pkcs11

        pkcs11.lib(softhsm_token.module).reinitialize()  # the next tests see only the shared token


class _RemovableKey:
    """The real private key; after `allowed` signatures it raises what a pulled-out token raises."""

    def __init__(self, key: Any, state: dict[str, int]) -> None:
        self._key = key
        self._state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._key, name)

    def __getitem__(self, attribute: Any) -> Any:
        return self._key[attribute]

    def sign(self, data: bytes, **kwargs: Any) -> bytes:
        from pkcs11.exceptions import DeviceRemoved

        if self._state["allowed"] <= 0:
            raise DeviceRemoved()
        self._state["allowed"] -= 1
        return self._key.sign(data, **kwargs)


class _RemovableSession:
    def __init__(self, session: Any, state: dict[str, int]) -> None:
        self._session = session
        self._state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def get_objects(self, attrs: Any = None) -> Any:
        from pkcs11 import Attribute, ObjectClass

        found = self._session.get_objects(attrs)
        if attrs and attrs.get(Attribute.CLASS) == ObjectClass.PRIVATE_KEY:
            return [_RemovableKey(key, self._state) for key in found]
        return found


def test_token_pulled_out_mid_batch_keeps_signed_files_and_resumes(
    qtbot, ctx, softhsm_token, tmp_path, monkeypatch
):
    """The removal is faked at the PKCS#11 boundary: the real key raises DeviceRemoved after one signature."""
    import signing.provider as provider

    state = {"allowed": 1}
    real_find = provider.find_token

    class RemovableToken:
        def __init__(self, token: Any) -> None:
            self._token = token

        def __getattr__(self, name: str) -> Any:
            return getattr(self._token, name)

        def open(self, **kwargs: Any) -> Any:
            return _RemovableSession(self._token.open(**kwargs), state)

    monkeypatch.setattr(provider, "find_token", lambda lib, label=None: RemovableToken(real_find(lib, label)))
    controller, tasks = controller_for(qtbot, ctx, softhsm_token)
    files = inputs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run = start(controller, files, out)
    pick(qtbot, controller, RSA_ID)
    type_pin(qtbot, controller, softhsm_token.pin)
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    tasks.wait()
    assert getattr(run.error, "code", "") == "token_removed"
    box = controller.message_box
    assert box is not None and "rút ra" in box.text() and "1/3" in box.informativeText()
    assert state["allowed"] == 0  # the first document was signed before the removal
    box.close()

    state["allowed"] = 99  # the officer plugs the token back in and presses "Ký tiếp"
    run = start(controller, files, out)
    pick(qtbot, controller, RSA_ID)
    type_pin(qtbot, controller, softhsm_token.pin)
    qtbot.waitUntil(lambda: run.finished, timeout=30_000)
    tasks.wait()
    assert run.error is None and len(run.done or []) == 3
    for signed in run.done or []:
        assert_signed(signed, RSA_HOLDER, [softhsm_token.ca.pem_path])
    assert state["allowed"] == 97  # only the two missing files were signed
