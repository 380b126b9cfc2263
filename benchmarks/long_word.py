"""A section body of one enormous word, laid out and drawn as the history screen does, against
ordinary text of the same length (issue 14's leftover).

    .venv/bin/python benchmarks/long_word.py [--chars N] [--repeats N]

One process, offscreen, software scene graph (as CI). A window holds one ``Text`` as
``KText`` sets it up for a body (plain text, wrapped, 30 px, line height 1.4) in the reading
column's width at 1080p (Theme.measure: 870 px). Each measurement creates a fresh item, sets
its text, asks for its ``lineCount`` (the layout) and renders the next frame (the drawing):
the clock runs from before the text is set to the frame swapped. Contenders, interleaved
(the order rotates each round, a warm-up round thrown away):

* ``ordinary``: words of eight letters, N characters in all (the floor);
* ``one word, as stored``: one synthetic word of N letters, as the bundle holds it;
* ``one word, as shown``: the same through ``readable`` (a break opportunity every 10
  letters), which is what the screens are given.

Prints the medians (min-max) and the ratio of each to ``ordinary``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import _common as c  # benchmarks/ is on sys.path: Python puts the script's folder there

QML = b"""
import QtQuick
Window {
    width: 1000; height: 800; visible: true
    property Component body: Text {
        width: 870
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        font.pixelSize: 30
        lineHeight: 1.4
    }
}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=99_000, help="length of each text")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")

    from PySide6.QtCore import QUrl  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415
    from PySide6.QtQml import QQmlComponent, QQmlEngine  # noqa: PLC0415
    from PySide6.QtQuick import QQuickWindow  # noqa: PLC0415

    from kiosk.ui.backend.models.rows import readable  # noqa: PLC0415
    from kiosk.ui.tools.settle import next_frame  # noqa: PLC0415

    app = QGuiApplication(sys.argv)
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(QML, QUrl())
    window = component.create()
    assert isinstance(window, QQuickWindow), component.errorString()
    body = window.property("body")
    next_frame(window)

    word = ("Synthetic" + "x" * args.chars)[: args.chars]
    texts = {
        "ordinary": " ".join(["syntheti"] * (args.chars // 9)),
        "one word, as stored": word,
        "one word, as shown": readable(word),
    }
    lines: dict[str, int] = {}

    def run(name: str) -> float:
        item = body.create()
        item.setParentItem(window.contentItem())
        start = time.perf_counter()
        item.setProperty("text", texts[name])
        lines[name] = int(item.property("lineCount"))
        next_frame(window, 60_000)
        elapsed = (time.perf_counter() - start) * 1000
        item.setParentItem(None)
        item.deleteLater()
        return elapsed

    c.header(f"A body of one {args.chars:,}-letter word against ordinary text")
    results = c.interleaved(list(texts), run, args.repeats)
    base = c.median(results["ordinary"])
    rows = [
        [
            name,
            f"{len(texts[name]):,}",
            lines[name],
            c.spread(ms, "{:.1f}"),
            c.ratio(c.median(ms), base),
        ]
        for name, ms in results.items()
    ]
    print(c.table(["text", "characters", "lines", "ms: median (min-max)", "vs ordinary"], rows))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
