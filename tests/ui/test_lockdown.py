"""Lockdown: no key, shortcut or close request reaches the exhibit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtTest import QTest

from kiosk.ui.runtime.lockdown import KeyLock
from kiosk.ui.screens import ATTRACT


@pytest.fixture
def locked(qapp: Any) -> Iterator[KeyLock]:
    lock = KeyLock()
    qapp.installEventFilter(lock)
    yield lock
    qapp.removeEventFilter(lock)


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_keys_do_nothing(locked: KeyLock, make_shell: Any, key: Qt.Key, modifiers: Any) -> None:
    """Escape, Alt+F4, Ctrl+Q or a letter: the exhibit never sees the key (not even as activity)."""
    shell = make_shell()
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    QCoreApplication.sendEvent(shell.window, event)
    assert shell.navigator.screen == ATTRACT
    assert shell.idle.state == ATTRACT
    assert shell.window.isVisible()


def test_closing_the_window_is_refused(locked: KeyLock, make_shell: Any) -> None:
    """A close request (the window manager's close, Alt+F4 under X) leaves the window open."""
    shell = make_shell()
    event = QCloseEvent()
    QCoreApplication.sendEvent(shell.window, event)
    assert shell.window.isVisible()


def test_locked_key_click_is_swallowed(locked: KeyLock, make_shell: Any) -> None:
    """Locked, the key click that wakes an unlocked exhibit (test_screens) does nothing."""
    shell = make_shell()
    QTest.keyClick(shell.window, Qt.Key.Key_A)
    assert shell.idle.state == ATTRACT
