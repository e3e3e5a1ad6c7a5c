"""An officer at the intake screens, as keystrokes and clicks: shared by the window tests and by
the child process that is killed mid-intake (tests/ui/intake_child.py), so both drive the screens
the same way. No pytest here: `wait(condition, timeout_ms)` is qtbot.waitUntil in a test and a
QTest.qWait loop in the child.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from counter_app.citizen import CitizenId
from counter_app.dossier import DossierState
from tests.synthetic import render_text_page, save_page
from tests.synthetic_idcard import PhotoSettings, photograph, render_card, synthetic_citizen
from ui.intake import IntakeSection

S = DossierState
Wait = Callable[[Callable[[], object], int], None]
STEP_MS = 60_000
BIRTH = "1.001193"
# The birth registration's components and where each comes from in these tests.
DEMO = "demo:0"
SANE = "sane:test:0"
# A card held flat under the counter camera or photographed on the desk.
STEADY = PhotoSettings(card_width=(0.55, 0.7), max_tilt=0.06, blur_sigma=(0.0, 0.5), jpeg_quality=(85, 95))


def card_photo(folder: Path, seed: int) -> tuple[CitizenId, Path]:
    """A synthetic citizen's ID card, photographed on a desk and saved as the officer's JPEG."""
    rng = random.Random(seed)
    citizen = synthetic_citizen(rng)
    frame, _ = photograph(render_card(citizen), rng, STEADY)
    path = folder / f"the-can-cuoc-{seed}.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), frame)
    return citizen, path


def qt_wait(condition: Callable[[], object], timeout_ms: int) -> None:
    """qtbot.waitUntil for a process without pytest."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_ms} ms")
        QTest.qWait(20)


def answer_file_dialog(*paths: Path) -> None:
    """Type `paths` into the file dialog about to open (Qt's own dialog offscreen) and press Enter:
    one name as it is, several each in quotes, as the dialog's name field takes them."""
    typed = str(paths[0]) if len(paths) == 1 else " ".join(f'"{p}"' for p in paths)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(2, answer)  # the dialog is being made: look again shortly
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(typed)
        QTest.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


class Officer:
    def __init__(self, section: IntakeSection, wait: Wait) -> None:
        self.section = section
        self.wait = wait
        self.typing_s = 0.0  # spent as the officer: typing text, choosing in a list (benchmarks leave it out)

    @contextmanager
    def typing(self) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.typing_s += time.perf_counter() - started

    def idle(self) -> None:
        section = self.section
        self.wait(lambda: not section.busy, STEP_MS)
        assert section.strip.error.isHidden(), section.strip.error.text()

    def back_to_window(self) -> None:
        """What the window manager does once a dialog has closed (offscreen has none): the window
        is active again, so its shortcuts work."""
        if not self.section.isActiveWindow():
            self.section.activateWindow()
            self.wait(self.section.isActiveWindow, 5000)

    def shortcut(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier
    ) -> None:
        self.back_to_window()
        focus = QApplication.focusWidget() or self.section
        QTest.keyClick(focus, key, modifier)

    # -- 1 Công dân ---------------------------------------------------------------------------------

    def read_card_image(self, path: Path) -> None:
        """«Mở ảnh/bản quét…» (Ctrl+O) on the citizen screen, the photo chosen in the file dialog."""
        section = self.section
        assert section.stack.currentWidget() is section.citizen
        answer_file_dialog(path)
        self.shortcut(Qt.Key.Key_O)  # returns once the dialog was answered
        self.wait(lambda: section.dossier is not None and section.dossier.citizen is not None, STEP_MS)
        self.idle()

    # -- 2 Thủ tục ----------------------------------------------------------------------------------

    def choose_procedure(self, typed: str, code: str) -> None:
        page = self.section.procedure
        self.wait(lambda: self.section.stack.currentWidget() is page, STEP_MS)
        with self.typing():
            QTest.keyClicks(page.search, typed)
        assert page.results.item(0).data(Qt.ItemDataRole.UserRole) == code
        QTest.keyClick(page.search, Qt.Key.Key_Return)
        self.idle()
        assert self.section.stack.currentWidget() is self.section.components

    # -- 3 Thành phần -------------------------------------------------------------------------------

    def select_component(self, key: str) -> None:
        checklist = self.section.components.checklist
        rows = [checklist.item(r).data(Qt.ItemDataRole.UserRole) for r in range(checklist.count())]
        checklist.setFocus()
        while checklist.currentRow() != rows.index(key):  # arrow keys, as the officer moves
            down = checklist.currentRow() < rows.index(key)
            QTest.keyClick(checklist, Qt.Key.Key_Down if down else Qt.Key.Key_Up)

    def pages_of(self, key: str) -> int:
        dossier = self.section.dossier
        return 0 if dossier is None else len(dossier.component(key).pages)

    def prepare_scan(self, key: str, device: str, source: str, dpi: int = 100) -> None:
        """Select the component, then the device, paper source and resolution in the scan panel."""
        self.select_component(key)
        panel = self.section.components.panel
        settings = panel.settings
        self.wait(lambda: settings.select_device(device), STEP_MS)
        self.wait(lambda: settings.ready() and panel.scan_button.isEnabled(), STEP_MS)
        settings.source.setCurrentIndex(settings.source.findData(source))
        settings.dpi_box.setCurrentIndex(settings.dpi_box.findData(dpi))

    def start_scan(self) -> None:
        button = self.section.components.panel.scan_button
        self.back_to_window()
        button.setFocus()  # F5 belongs to the scan panel: the officer is in it
        QTest.keyClick(button, Qt.Key.Key_F5)

    def scan(self, key: str, device: str, source: str = "flatbed", presses: int = 1) -> None:
        """F5 in the scan panel `presses` times, each waiting until its pages are stored and shown."""
        self.prepare_scan(key, device, source)
        panel = self.section.components.panel
        for _ in range(presses):
            before = self.pages_of(key)
            self.start_scan()
            try:
                self.wait(lambda b=before: not panel.busy() and self.pages_of(key) > b, STEP_MS)
            except Exception as exc:
                raise AssertionError(
                    f"scan into {key}: {panel.status.text()!r} active={self.section.isActiveWindow()}"
                    f" focus={QApplication.focusWidget()} enabled={panel.scan_button.isEnabled()} bound={panel.bound()}"
                    f" win={QApplication.activeWindow()}"
                ) from exc
            self.idle()

    def import_files(self, key: str, paths: list[Path], *, move_on: bool = False) -> None:
        """«Nhập từ tệp…» (Ctrl+O) on the component, its page files chosen in the file dialog;
        returns once the pages are stored and their thumbnails shown, or with `move_on` at once:
        the officer goes on to the next component while these are imported (or wait their turn)."""
        self.select_component(key)
        panel = self.section.components.panel
        before = self.pages_of(key)
        answer_file_dialog(*paths)
        self.shortcut(Qt.Key.Key_O)  # returns once the dialog was answered and the import asked for
        if move_on:
            assert self.section.busy, f"the import into {key} was neither started nor queued"
            return
        self.idle()
        self.wait(lambda: self.pages_of(key) > before and panel.strip.count() == self.pages_of(key), STEP_MS)

    def import_components(self, components: dict[str, list[Path]]) -> None:
        """Each component's files imported in turn without waiting for the one before (as an
        officer goes down the checklist); returns once every page is stored and the selected
        component's thumbnails are shown."""
        expected = {key: self.pages_of(key) + len(files) for key, files in components.items()}
        for key, files in components.items():
            self.import_files(key, files, move_on=True)
        self.idle()
        panel = self.section.components.panel
        key = self.section.components.current_key()
        self.wait(
            lambda: (
                all(self.pages_of(k) >= n for k, n in expected.items())
                and panel.strip.count() == self.pages_of(key)
            ),
            STEP_MS,
        )

    def not_provided(self, key: str) -> None:
        self.select_component(key)
        QTest.keyClick(self.section.components.checklist, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        self.wait(lambda: self.section.dossier.component(key).status.value == "not_provided", STEP_MS)
        self.idle()

    def none_of_the_rest(self, scanned: tuple[str, ...]) -> list[str]:
        """«Không cung cấp» for every component not scanned: the citizen did not bring them."""
        rest = [c.key for c in self.section.dossier.components if c.key not in scanned]
        for key in rest:
            self.not_provided(key)
        return rest

    def build_pdfs(self) -> None:
        self.shortcut(Qt.Key.Key_B)
        self.wait(lambda: self.section.dossier.state is S.PDFS_BUILT, STEP_MS)
        self.idle()

    # -- 4 Ký số & nộp ------------------------------------------------------------------------------

    @staticmethod
    def _picker_open(signing: object) -> bool:
        """This signing's certificate picker on screen with its certificates (not the last dossier's)."""
        picker = signing.picker
        return picker is not None and picker.isVisible() and picker.tree.topLevelItemCount() > 0

    def _stamp_dialog_open(self) -> bool:
        """The signing step asks where the stamp goes (page 1 has no white space at the top left)."""
        dialog = self.section.submit.stamp_dialog
        return dialog is not None and dialog.isVisible()

    def _pick_certificate(self, chosen: Callable[[object], bool]) -> object:
        """Ctrl+K, then the certificate `chosen` picks out in the picker, Enter; the controller."""
        signing = self.section.submit.signing
        self.shortcut(Qt.Key.Key_K)
        self.wait(lambda: self._picker_open(signing) or self._stamp_dialog_open(), STEP_MS)
        if self._stamp_dialog_open():  # a stamp would cover ink: the officer takes the corner offered
            QTest.keyClick(self.section.submit.stamp_dialog, Qt.Key.Key_Return)
            self.wait(lambda: self._picker_open(signing), STEP_MS)
        picker = signing.picker
        self.wait(lambda: any(chosen(choice.cert) for choice, _ in picker.rows()), STEP_MS)  # listed as found
        with self.typing():
            (item,) = [item for choice, item in picker.rows() if chosen(choice.cert)]
            picker.tree.setCurrentItem(item)
        QTest.keyClick(picker.tree, Qt.Key.Key_Return)
        return signing

    def sign_with_token(self, cert_id: str, pin: str) -> None:
        """Ctrl+K, the token's certificate chosen in the picker, the PIN typed, Enter."""
        signing = self._pick_certificate(lambda cert: cert.cert_id == cert_id)
        self.wait(lambda: signing.pin_dialog is not None and signing.pin_dialog.isVisible(), STEP_MS)
        with self.typing():
            QTest.keyClicks(signing.pin_dialog.pin_edit, pin)
        QTest.keyClick(signing.pin_dialog.pin_edit, Qt.Key.Key_Return)
        self.wait(lambda: self.section.dossier.state is S.SIGNED, STEP_MS)
        self.idle()

    def sign_with_demo_keystore(self) -> None:
        """Ctrl+K, the demo certificate (demo mode, no PIN) chosen in the picker, Enter."""
        self._pick_certificate(lambda cert: cert.demo)
        self.wait(lambda: self.section.dossier.state is S.SIGNED, STEP_MS)
        self.idle()

    def settle_account(self) -> None:
        """«Kiểm tra tài khoản»; when the portal cannot answer, «Đã hướng dẫn dùng VNeID»: filing
        needs one of them."""
        section = self.section
        section.submit.check_account.click()
        self.wait(lambda: not section.busy, STEP_MS)
        if not section.strip.error.isHidden():
            section.submit.guided.click()
            self.wait(lambda: not section.busy and "guided_to" in section.dossier.details, STEP_MS)
        self.wait(lambda: section.wf.account_settled(section.dossier), STEP_MS)

    def file(self) -> None:
        """The account settled, then Ctrl+Enter: into the outbox; the receipt screen follows."""
        if not self.section.wf.account_settled(self.section.dossier):
            self.settle_account()
        self.shortcut(Qt.Key.Key_Return)
        self.wait(lambda: self.section.stack.currentWidget() is self.section.receipt, STEP_MS)

    # -- 1 to 5 -------------------------------------------------------------------------------------

    def receive_birth_registration(self, card: Path, components: dict[str, list[Path]]) -> None:
        """One birth registration from the card to the receipt: the card photo read, the procedure
        chosen, each component's page files imported, the PDFs built, signed with the demo certificate
        and filed; returns once the portal's receipt (not the provisional one) is on screen."""
        self.read_card_image(card)
        self.choose_procedure("dang ky khai sinh", BIRTH)
        self.import_components(components)
        self.build_pdfs()
        # Only configured token modules, as on a locked-down PC: a SoftHSM2 token other tests of the
        # session left visible would otherwise stand in front of the demo certificate (a present token
        # hides it, by design).
        self.section.submit.signing.include_known = False
        self.sign_with_demo_keystore()
        self.file()
        self.await_receipt()

    def import_every_required(self, folder: Path) -> None:
        """A synthetic printed page imported into each required component of the dossier."""
        for component in self.section.dossier.components:
            if component.required:
                page = render_text_page(dpi=100, seed=len(component.key))
                self.import_files(component.key, [save_page(page, folder / f"{component.key}.png", dpi=100)])

    # -- 5 Phiếu tiếp nhận --------------------------------------------------------------------------

    def await_receipt(self) -> None:
        """After filing: the portal's receipt (not the provisional one) on screen, the section idle."""
        self.idle()
        receipt = self.section.receipt
        self.wait(lambda: receipt.outcome is not None and not receipt.outcome.provisional, STEP_MS)
        self.idle()

    def save_receipt(self, path: Path) -> None:
        """Ctrl+Shift+S, the name typed into the save dialog."""
        answer_file_dialog(path)
        self.shortcut(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        self.wait(path.exists, STEP_MS)
        self.idle()

    def next_dossier(self) -> None:
        """Ctrl+N once the receipt is handed over: the citizen screen, empty, for the next one."""
        section = self.section
        self.shortcut(Qt.Key.Key_N)
        self.wait(
            lambda: section.dossier is None and section.stack.currentWidget() is section.citizen, STEP_MS
        )
        self.idle()

    # -- Tiếp tục hồ sơ -----------------------------------------------------------------------------

    def resume(self, local_ref: str) -> None:
        """«Tiếp tục hồ sơ…» (Ctrl+R): the dossier picked from today's unfinished ones."""
        section = self.section
        section.resume_menu.aboutToShow.emit()  # what opening the menu does
        self.wait(lambda: not section.resume_loading, STEP_MS)  # the list is read on a worker
        actions = [a for a in section.resume_menu.actions() if local_ref in a.text()]
        assert len(actions) == 1, [a.text() for a in section.resume_menu.actions()]
        actions[0].trigger()
        self.wait(lambda: section.dossier is not None and section.dossier.local_ref == local_ref, STEP_MS)
        self.idle()
        self.wait(lambda: not section.citizen.citizen_loading, STEP_MS)  # the citizen, unsealed on a worker
