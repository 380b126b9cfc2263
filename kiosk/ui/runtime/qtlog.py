"""Qt's own messages (QML warnings above all): recorded for the self-test and tests, and logged."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

# Noise from platform plugins that says nothing about the exhibit's screens.
_IGNORED = (
    "propagateSizeHints",
    "This plugin does not support",
    "QFont::setPointSizeF: Point size <= 0",
)

_LEVELS = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}


@dataclass
class QtMessages:
    """Collects warnings and worse; forwards every message to ``forward`` (the log)."""

    forward: Callable[[str, str, str | None, int], None] | None = None
    warnings: list[str] = field(default_factory=list)

    def __call__(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _LEVELS.get(kind, "warning")
        file = getattr(context, "file", None)
        line = int(getattr(context, "line", 0) or 0)
        if level in ("warning", "critical", "fatal") and not any(
            noise in message for noise in _IGNORED
        ):
            where = f" ({file}:{line})" if file else ""
            self.warnings.append(f"{message}{where}")
        if self.forward is not None:
            # A log handler must never raise into Qt.
            with contextlib.suppress(Exception):
                self.forward(level, message, file, line)

    def clear(self) -> None:
        self.warnings.clear()

    def install(self) -> QtMessages:
        qInstallMessageHandler(self)
        return self

    @staticmethod
    def uninstall() -> None:
        qInstallMessageHandler(None)
