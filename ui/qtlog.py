"""Route Qt's own messages (warnings from plugins, fonts, platform) into Python logging."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_qt_log = logging.getLogger("qt")


def _handler(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    _qt_log.getChild(category).log(_LEVELS.get(msg_type, logging.WARNING), message)


def install() -> None:
    qInstallMessageHandler(_handler)
