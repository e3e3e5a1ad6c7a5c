"""Standard dialogs: a known error (what happened, what to do) and a crash (copyable details)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.errors import error_dict


def show_known_error(parent: QWidget | None, exc: BaseException) -> None:
    data = error_dict(exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QApplication.translate("Dialogs", "Không thực hiện được"),
        data["message"],
        QMessageBox.StandardButton.Ok,
        parent,
    )
    if data.get("hint"):
        box.setInformativeText(data["hint"])
    box.setDetailedText(f"code: {data['code']}")
    box.exec()


def show_crash(text: str, path: Path) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QApplication.translate("Dialogs", "Lỗi không mong muốn"),
        QApplication.translate(
            "Dialogs",
            "Ứng dụng gặp lỗi không mong muốn. Hồ sơ đang làm vẫn được giữ nguyên. "
            "Hãy sao chép chi tiết bên dưới và gửi cho bộ phận CNTT.",
        ),
        QMessageBox.StandardButton.Ok,
    )
    box.setInformativeText(QApplication.translate("Dialogs", "Tệp báo lỗi: {path}").format(path=path))
    box.setDetailedText(text)
    box.exec()
