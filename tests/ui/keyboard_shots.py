"""Pictures of the names keyboard, to look at: each layout at 1920x1080 and 1080x1920, in the
normal and the high-contrast palette, at both text sizes, with a few letters typed and one key
held down (its pressed state).

    QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \\
        .venv/bin/python -m tests.ui.keyboard_shots OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6.QtQuick  # noqa: F401 - the root is a QQuickWindow only with QtQuick imported
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kiosk import paths
from kiosk.ui.runtime.fonts import load_fonts
from kiosk.ui.tools.settle import qml_eval, settle

from .keyboard_host import open_host
from .touch import center, item, touch_device

SIZES = [(1920, 1080), (1080, 1920)]
# A few letters of each layout, typed as a visitor would (the first one a capital).
SAMPLES = {"az": "Əli-Heydər", "ru": "Фёдор", "en": "O'Neil"}
# The key held down in each picture.
HELD = {"az": "key_ı", "ru": "key_ё", "en": "key_n"}


def shoot(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    host = open_host(SIZES[0], "az")
    try:
        for width, height in SIZES:
            host.resize((width, height))
            for code in ("az", "ru", "en"):
                for contrast in (False, True):
                    for scale in (1.0, 1.3):
                        host.set(language=code, highContrast=contrast, textScale=scale)
                        keyboard = host.keyboard
                        qml_eval(keyboard, "reset()")
                        for letter in SAMPLES[code]:
                            qml_eval(keyboard, f"typeText({letter!r})")
                        settle(host.window)
                        window = host.window
                        point = center(item(window, HELD[code]))
                        device = touch_device()  # type: ignore[no-untyped-call]
                        QTest.touchEvent(window, device, False).press(0, point, window).commit()
                        settle(window)
                        name = (
                            f"keyboard-{code}-{width}x{height}"
                            f"{'-hc' if contrast else ''}{'-large' if scale > 1 else ''}.png"
                        )
                        path = out / name
                        window.grabWindow().save(str(path))
                        QTest.touchEvent(window, device, False).release(0, point, window).commit()
                        qml_eval(keyboard, "erase()")  # the held key typed a letter
                        written.append(path)
    finally:
        host.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    app = QGuiApplication.instance() or QGuiApplication([])
    load_fonts(paths.fonts_dir())
    for path in shoot(Path(argv[0])):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
