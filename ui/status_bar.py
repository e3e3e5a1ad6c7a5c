"""The status bar: office, officer, scanner/camera, token, portal and sync at a glance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from counter_app.context import AppContext


class CounterStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = QLabel()
        self.officer = QLabel()
        self.scanner = QLabel()
        self.token = QLabel()
        self.portal = QLabel()
        self.sync = QLabel()
        for label in (self.office, self.officer, self.scanner, self.token, self.portal, self.sync):
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        if ctx.config.training_mode:
            mode = QLabel(self.tr("ĐÀO TẠO"))
            mode.setObjectName("trainingBadge")
            mode.setStyleSheet("background: #EF6C00; color: white; padding: 1px 8px; font-weight: bold;")
            mode.setToolTip(
                self.tr("Hồ sơ được nộp vào cổng thử nghiệm, không gửi lên cổng dịch vụ công thật.")
            )
            self.addWidget(mode)
        self.office.setText(self.tr("Đơn vị: {name}").format(name=ctx.config.get("office.name")))
        self.officer.setText(self.tr("Cán bộ: {name}").format(name=ctx.config.get("officer.full_name")))
        for label in (self.scanner, self.token, self.portal, self.sync):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText("…")
        self.scanner.setToolTip(self.tr("Đang kiểm tra thiết bị…"))

    def set_tokens(self, count: int) -> None:
        """From the token watcher (every ~2 s): a token plugged in or pulled out shows at once."""
        if count:
            self.token.setText(self.tr("{mark} Token: {n}").format(mark=self._mark(True), n=count))
        else:
            self.token.setText(self.tr("{mark} Không có token (ký DEMO)").format(mark=self._mark(False)))

    @staticmethod
    def _mark(ok: bool) -> str:
        # A coloured dot in rich text: colour emoji are missing from many counter PCs' fonts.
        return f"<span style='color:{'#2E7D32' if ok else '#C62828'}'>●</span>"

    def update_from_report(self, report: dict[str, Any]) -> None:
        scanners = report.get("scanners", {})
        n_scan = len(scanners.get("scanners", []))
        n_cam = len(scanners.get("cameras", []))
        self.scanner.setText(
            self.tr("{mark} Máy quét: {n} · Camera: {c}").format(
                mark=self._mark(bool(n_scan or n_cam)), n=n_scan, c=n_cam
            )
        )
        tokens = report.get("tokens", {})
        present = int(tokens.get("tokens_present") or 0)
        if present:
            self.token.setText(self.tr("{mark} Token: {n}").format(mark=self._mark(True), n=present))
        else:
            self.token.setText(self.tr("{mark} Không có token (ký DEMO)").format(mark=self._mark(False)))
        self.token.setToolTip(str(tokens.get("reason") or ""))
        portal = report.get("portal", {})
        self.portal.setText(self.tr("{mark} Cổng DVC").format(mark=self._mark(bool(portal.get("ok")))))
        self.portal.setToolTip(str(portal.get("reason") or portal.get("url") or ""))
        sync = report.get("sync", {})
        self.sync.setText(self.tr("{mark} Đồng bộ").format(mark=self._mark(bool(sync.get("ok")))))
        self.sync.setToolTip(str(sync.get("reason") or ""))
