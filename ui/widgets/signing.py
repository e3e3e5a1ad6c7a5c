"""Signing a batch of PDFs from the window: certificate picker, PIN, one login, progress with Cancel.

    controller = SigningController(parent_widget, ctx, tasks)
    controller.sign(documents, on_done, on_error, local_ref=ref)   # SignDocument: key, PDF bytes, metadata

`on_done(outputs)` gets the signed PDFs (list[bytes], in the order of `documents`) and
`controller.outcome` tells the level actually reached (`level`, `configured_level`,
`level_reason` when the officer chose to go on at B-B), the signer and whether it was DEMO.
With `local_ref`, the documents are that dossier's PDFs: the batch (`IntakeService.sign`, the
same as the headless intake's) has attached them and moved the dossier to `signed`, and
`controller.dossier` is the dossier as stored. `on_error(exc)` is called when nothing usable was produced; the
controller has already shown the officer what happened and what to do (or nothing, when the
officer cancelled: `exc` is then a `SigningCancelledError`), so the caller only restores its
own state. PDFs are signed in memory by a `signing.session.SigningSession`: nothing is written
to disk. A cancelled batch keeps nothing it signed; a batch stopped by the token (pulled out,
failing) keeps the documents already signed, and the next `sign()` of the same documents resumes
after them. Originals are never touched.

All token work runs on the TaskRunner's serial thread, through the intake service
(`IntakeService.survey_tokens`, `read_pin_state`, `sign`). The PIN lives in this object only for
the batch (Python cannot wipe a str; it is dropped as soon as the batch ends) and is never
logged. A wrong PIN ends the batch: it is never sent again automatically.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from common.progress import Update
from counter_app.context import AppContext
from counter_app.dossier import Dossier
from counter_app.errors import error_dict, is_known_error
from counter_app.intake.outcomes import Signed
from counter_app.intake.service import IntakeService
from counter_app.intake.sign_requests import (
    BatchRequest,
    BatchResult,
    SignDocument,
    Survey,
    batch_error,
    demo_keystore_folder,
    level_failure,
    signing_settings,
)
from signing.errors import PinChangeRequiredError, PinLockedError, SigningCancelledError, SigningError
from signing.tokens import PinState
from ui.tasks import Task, TaskRunner
from ui.widgets.sign_picker import CertificatePickerDialog
from ui.widgets.sign_pin import PinDialog, locked_box
from ui.widgets.sign_progress import SigningProgressDialog
from ui.widgets.sign_watch import TokenWatcher

__all__ = ["SigningController", "SigningOutcome", "TokenWatcher"]


@dataclass(frozen=True)
class SigningOutcome:
    level: str
    configured_level: str
    level_reason: str | None  # why the configured level was not reached (the officer chose B-B)
    signer: str
    demo: bool
    logins: int
    total_ms: float


class SigningController(QObject):
    def __init__(
        self,
        parent_widget: QWidget,
        ctx: AppContext,
        tasks: TaskRunner,
        *,
        include_known: bool = True,
        watcher: TokenWatcher | None = None,
        service: IntakeService | None = None,
    ) -> None:
        """`watcher` (optional): an open picker re-reads the tokens when one is plugged in or out.
        `service`: the intake service whose token actions it runs (the intake screen's)."""
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.ctx = ctx
        self.tasks = tasks
        self.service = service or IntakeService(ctx)
        self.include_known = include_known  # False: only configured modules (tests, locked-down PCs)
        self.picker: CertificatePickerDialog | None = None
        self.pin_dialog: PinDialog | None = None
        self.progress: SigningProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self.outcome: SigningOutcome | None = None
        self.dossier: Dossier | None = None  # the dossier the last batch signed (with `local_ref`)
        self.busy = False
        self._request: BatchRequest | None = None
        self._task: Task | None = None
        self._cancelled = False
        self._level_reason: str | None = None
        # Signed by a batch the token stopped, for the next sign() of the same documents.
        self._kept: dict[str, bytes] = {}
        self._kept_for: tuple[tuple[str, str], ...] = ()
        self._last_fingerprint: str | None = None  # preselected next time, for this session only
        self._on_done: Callable[[list[bytes]], None] = lambda _outputs: None
        self._on_error: Callable[[BaseException], None] = lambda _exc: None
        if watcher is not None:
            watcher.tokens_changed.connect(self._tokens_changed)

    # -- entry point -------------------------------------------------------------------------

    def sign(
        self,
        documents: list[SignDocument],
        on_done: Callable[[list[bytes]], None],
        on_error: Callable[[BaseException], None],
        *,
        local_ref: str | None = None,
    ) -> None:
        if self.busy:
            on_error(
                SigningError("Đang ký một lô khác.", "Chờ lô đang ký xong rồi thử lại.", code="signing_busy")
            )
            return
        self._on_done, self._on_error = on_done, on_error
        for dialog in (self.picker, self.pin_dialog):  # the previous batch's, hidden by now
            if dialog is not None:
                dialog.deleteLater()
        self.picker = self.pin_dialog = None
        self.outcome = None
        self.dossier = None
        self.message_box = None
        self._cancelled = False
        self._level_reason = None
        try:
            settings = signing_settings(self.ctx.config)
        except SigningError as exc:  # an unreadable trust root configured by IT
            self._fail(exc)
            return
        identity = tuple((d.key, hashlib.sha256(d.pdf).hexdigest()) for d in documents)
        if identity != self._kept_for:
            self._kept, self._kept_for = {}, identity
        self.busy = True
        self._request = BatchRequest(
            documents=list(documents),
            settings=settings,
            demo_folder=demo_keystore_folder(self.ctx),
            local_ref=local_ref,
            kept=dict(self._kept),
        )
        self.picker = CertificatePickerDialog(self.parent_widget)
        self.picker.setWindowModality(Qt.WindowModality.WindowModal)
        self.picker.refresh_requested.connect(self._survey)
        self.picker.accepted.connect(self._picked)
        self.picker.rejected.connect(lambda: self._fail(SigningCancelledError(), show=False))
        self.picker.open()
        self._survey()

    def forget(self) -> None:
        """Drop what a batch stopped by the token had signed (its dossier is closed)."""
        self._kept, self._kept_for = {}, ()

    # -- 1. which certificate ----------------------------------------------------------------

    def _survey(self) -> None:
        demo_folder = self._request.demo_folder if self.ctx.demo_mode and self._request else None
        self.tasks.run(
            self.service.survey_tokens,
            on_result=self._surveyed,
            on_error=self._survey_failed,
            serial=True,
            include_known=self.include_known,
            demo_folder=demo_folder,
        )

    def _tokens_changed(self, _count: int) -> None:
        if self.picker is not None and self.picker.isVisible():
            self.picker.request_refresh()

    def _surveyed(self, survey: Survey) -> None:
        if self.picker is not None and self.picker.isVisible():
            self.picker.populate(survey, preferred=self._last_fingerprint)

    def _survey_failed(self, exc: BaseException) -> None:
        if not is_known_error(exc):
            self._fail(exc, show=False)
            raise exc
        data = error_dict(exc)
        if self.picker is not None:
            self.picker.show_error(data["message"], data.get("hint", ""))

    def _picked(self) -> None:
        assert self.picker is not None and self._request is not None
        choice = self.picker.choice()
        assert choice is not None  # the picker only accepts a choosable certificate
        self._request.choice = choice
        self._last_fingerprint = choice.cert.fingerprint_sha256
        settings = self._request.settings
        if settings.level == "B-B":
            self._after_level_check()
            return
        # Before the PIN: the officer should not type it only to learn that the TSA is down.
        self.tasks.run(
            self.service.probe_level, on_result=self._level_probed, on_error=self._fail, settings=settings
        )

    def _level_probed(self, failure: dict[str, str] | None) -> None:
        if failure is None:
            self._after_level_check()
        else:
            self._ask_level(failure, before_batch=True)

    def _after_level_check(self) -> None:
        assert self._request is not None and self._request.choice is not None
        token = self._request.choice.token
        if token is None:
            self._start_batch()
            return
        self.tasks.run(
            self.service.read_pin_state,
            on_result=self._pin_state_read,
            on_error=self._fail,
            serial=True,
            token=token,
        )

    # -- 2. the PIN --------------------------------------------------------------------------

    def _pin_state_read(self, state: PinState) -> None:
        assert self._request is not None and self._request.choice is not None
        choice = self._request.choice
        assert choice.token is not None
        if state.state == "locked":
            self.message_box = locked_box(self.parent_widget)
            self.message_box.open()
            self._fail(PinLockedError(), show=False)
            return
        if state.state == "to_be_changed":
            self._fail(PinChangeRequiredError())
            return
        self.pin_dialog = PinDialog(
            choice.token, choice.cert, state, len(self._request.documents), self.parent_widget
        )
        self.pin_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.pin_dialog.accepted.connect(self._pin_entered)
        self.pin_dialog.rejected.connect(lambda: self._fail(SigningCancelledError(), show=False))
        self.pin_dialog.open()

    def _pin_entered(self) -> None:
        assert self.pin_dialog is not None and self._request is not None
        self._request.pin = self.pin_dialog.take_pin()
        self._start_batch()

    # -- 3. the batch ------------------------------------------------------------------------

    def _start_batch(self) -> None:
        request = self._request
        assert request is not None and request.choice is not None
        if request.choice.token is not None and request.choice.token.pin.protected_auth:
            first = self.tr("Hãy nhập PIN trên bàn phím của token…")
        else:
            first = self.tr("Đang đăng nhập token và ký {n} tệp…").format(n=len(request.documents))
        self.progress = SigningProgressDialog(len(request.documents), first, self.parent_widget)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.cancel_requested.connect(self._cancel_clicked)
        self.progress.open()
        self._task = self.tasks.run(
            self.service.sign,
            on_result=self._batch_done,
            on_error=self._batch_failed,
            on_progress=self._batch_progress,
            serial=True,
            with_cancel=True,
            local_ref=request.local_ref,
            request=request,
        )

    def _batch_progress(self, update: Update) -> None:
        if self.progress is not None and not self._cancelled:
            done, total = update.item
            self.progress.show_step(done, total, update.text)

    def _cancel_clicked(self) -> None:
        self._cancelled = True
        if self._task is not None:
            self._task.cancel()

    def _batch_done(self, signed: Signed) -> None:
        assert signed.batch is not None
        if signed.batch.complete and signed.dossier is not None:
            self.dossier = signed.dossier  # attached: the officer's Cancel came too late to matter
            self._cancelled = False
        self._after_batch(signed.batch, None)

    def _batch_failed(self, exc: BaseException) -> None:
        self._after_batch(None, exc)

    def _after_batch(self, result: BatchResult | None, exc: BaseException | None) -> None:
        request = self._request
        assert request is not None
        self._close_progress()
        if self._cancelled:  # what this batch signed is dropped
            self._fail(SigningCancelledError("Đã hủy việc ký số; không tệp nào của lô này được giữ lại.",
                                             "Bấm ký lại khi sẵn sàng."), show=False)  # fmt: skip
            return
        failure = level_failure(result, exc)
        if failure is not None and request.settings.level != "B-B":
            self._ask_level(failure, before_batch=False)
            return
        if exc is not None:
            self._fail(exc)
            if not is_known_error(exc):
                raise exc  # a bug: the crash handler shows it
            return
        assert result is not None
        kept = {**request.kept, **result.signed}
        error = batch_error(result, kept=len(request.kept))
        if error is not None:
            # Signed documents stay (the token was pulled out or failed): the next sign() resumes.
            self._kept = kept
            self._fail(error)
            return
        self._kept, self._kept_for = {}, ()
        self.outcome = SigningOutcome(
            level=result.level,
            configured_level=self.ctx.config.get("signing.level"),
            level_reason=self._level_reason,
            signer=result.signer,
            demo=result.demo,
            logins=result.logins,
            total_ms=result.total_ms,
        )
        outputs = [kept[d.key] for d in request.documents]
        self._end()
        self._on_done(outputs)

    def _ask_level(self, failure: dict[str, str], *, before_batch: bool) -> None:
        assert self._request is not None
        level = self._request.settings.level
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Không đạt được mức chữ ký đã cấu hình"),
                          self.tr("Không ký được ở mức {level}: {message}").format(level=level, message=failure.get("message", "")),
                          QMessageBox.StandardButton.NoButton, self.parent_widget)  # fmt: skip
        box.setInformativeText(
            self.tr("Chọn ký ở mức cơ bản B-B (không có dấu thời gian), hoặc dừng để kiểm tra kết nối. "
                    "Mức được chọn sẽ được ghi vào nhật ký.")
        )  # fmt: skip
        self.continue_button = box.addButton(
            self.tr("Tiếp tục ký ở mức &B-B"), QMessageBox.ButtonRole.AcceptRole
        )
        self.stop_button = box.addButton(self.tr("&Dừng ký"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.stop_button)
        box.setEscapeButton(self.stop_button)
        box.buttonClicked.connect(
            lambda button: self._level_chosen(button is self.continue_button, failure, before_batch)
        )
        self.message_box = box
        box.open()

    def _level_chosen(self, go_on: bool, failure: dict[str, str], before_batch: bool) -> None:
        assert self._request is not None
        if not go_on:
            self._fail(
                SigningError(failure.get("message"), failure.get("hint"), code=failure.get("code")),
                show=False,
            )
            return
        self._level_reason = failure.get("message") or failure.get("code")
        self._request.settings = dataclasses.replace(self._request.settings, level="B-B", tsa_url=None)
        if before_batch:
            self._after_level_check()
        else:
            self._start_batch()

    # -- ending --------------------------------------------------------------------------------

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        self._task = None

    def _end(self) -> None:
        if self._request is not None:
            self._request.pin = None
        self._request = None
        self.busy = False

    def _fail(self, exc: BaseException, *, show: bool = True) -> None:
        self._close_progress()
        if show and is_known_error(exc):
            self.message_box = known_error_box(self.parent_widget, exc)
            self.message_box.open()
        self._end()
        self._on_error(exc)


def known_error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Like `ui.dialogs.show_known_error`, but opened without blocking (tests and the token thread wait on nothing)."""
    data = error_dict(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, QMessageBox.tr("Không ký được"), data["message"],
                      QMessageBox.StandardButton.Ok, parent)  # fmt: skip
    if data.get("hint"):
        box.setInformativeText(data["hint"])
    box.setDetailedText(f"code: {data['code']}")
    return box
