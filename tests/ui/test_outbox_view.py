"""The submission queue in «Hồ sơ hôm nay»: a queued job is visible and the officer can cancel it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from counter_app.portal.outbox import Outbox
from portal_contract.models import Applicant, ComponentUpload, SubmissionRequest
from ui.pages.outbox_view import OutboxView
from ui.tasks import TaskRunner


def _queue_one(ctx, tmp_path: Path) -> int:
    pdf = tmp_path / "to_khai.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%synthetic\n")
    outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
    request = SubmissionRequest(
        office_code=ctx.config.get("office.code"),
        local_ref="LOC-UI-0001",
        procedure_code="1.001193",
        applicant=Applicant(id_number="001203004567", full_name="Trần Văn Mẫu"),  # synthetic
        components=(ComponentUpload(key="to_khai", name="Tờ khai", file_name="to_khai.pdf", path=str(pdf)),),
    )
    return outbox.enqueue_submission("LOC-UI-0001", request).id


def test_queued_job_is_listed_and_can_be_cancelled(qtbot, ctx, tmp_path, monkeypatch) -> None:
    job_id = _queue_one(ctx, tmp_path)
    view = OutboxView(ctx, TaskRunner())
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=10_000)
    assert view.table.item(0, 0).text() == "LOC-UI-0001"
    assert "1 đang chờ gửi" in view.summary.text()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.table.selectRow(0)
    view.cancel_selected()
    qtbot.waitUntil(lambda: view.jobs and view.jobs[0]["state"] == "cancelled", timeout=10_000)
    assert view.jobs[0]["id"] == job_id
    assert "0 đang chờ gửi" in view.summary.text()
    view.tasks.wait()
