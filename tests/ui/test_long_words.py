"""A word longer than a line (kiosk/ui/backend/models/rows.py, ``readable``): the screens get
it with a break opportunity (U+200B) every few characters, so Qt lays it out as it lays out
ordinary text (one 100,000-character word costs Qt time that grows with the square of its
length), and the visitor reads it in full lines; the bundle's text is never changed.

No test here is timed: the bound is the text Qt is given (no run of letters without a break
opportunity longer than a line's worth) and the lines it makes of it (as many as ordinary text
of the same length makes). benchmarks/long_word.py measures the time."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.limits import MAX_WORD_CHARS
from kiosk.ui.backend.models.rows import SOFT_BREAK, SOFT_BREAK_EVERY, readable
from kiosk.ui.tools.settle import iter_items, settle

from .bundles import SECTIONS, make_bundle

# A synthetic word: 99,000 letters with no space (a text may hold 100,000 characters).
LONG_WORD = "Synthetic" + "x" * 98_991
# Ordinary text of the same length: words of eight letters.
ORDINARY = " ".join(["synthetic"[:8]] * (len(LONG_WORD) // 9))
BREAKS = re.compile(rf"[\s{SOFT_BREAK}]+")


def longest_run(text: str) -> int:
    """The longest stretch of text with no break opportunity in it."""
    return max((len(part) for part in BREAKS.split(text)), default=0)


# -- the function --------------------------------------------------------------------------------
def test_ordinary_text_comes_back_as_it_was() -> None:
    """Text whose words fit a line is the very same object: no copy, no change."""
    text = "An ordinary sentence.\n\nA second paragraph, " + "y" * (MAX_WORD_CHARS - 1) + "."
    assert readable(text) is text


def test_a_long_word_gets_a_break_every_few_letters_and_nothing_else_changes() -> None:
    shown = readable(f"Before {LONG_WORD} after.")
    assert longest_run(shown) == SOFT_BREAK_EVERY
    assert shown.replace(SOFT_BREAK, "") == f"Before {LONG_WORD} after."
    assert shown.startswith("Before Synthetic")
    assert readable(shown) == shown  # the breaks count as breaks: nothing is added again


def test_a_letter_keeps_its_marks_and_joined_letters_stay_joined() -> None:
    """No break goes between a letter and its combining marks, nor beside a joiner."""
    marked = "e\u0301" * 200  # é written as e + combining acute accent
    joined = "a\u200db" * 100
    for text in (marked, joined):
        shown = readable(text)
        assert shown.replace(SOFT_BREAK, "") == text
        for piece in shown.split(SOFT_BREAK)[1:]:
            assert not piece.startswith(("\u0301", "\u200d")), piece[:3]
        assert longest_run(shown) <= SOFT_BREAK_EVERY + 2


# -- the history screen ------------------------------------------------------------------------
def _shown_bodies(shell: Any) -> list[Any]:
    """The history's body texts on screen now."""
    return [
        item
        for item in iter_items(shell.window.contentItem())
        if item.objectName() == "sectionBody" and item.isVisible() and item.property("text")
    ]


@pytest.fixture
def long_word_bundle(tmp_path: Path) -> Path:
    """Two plain sections: one of ordinary words, one holding one enormous word."""
    sections = [
        ("ordinary", "Ordinary words", ORDINARY, False, ""),
        ("one-word", "One long word", f"Before {LONG_WORD} after.", False, ""),
        *SECTIONS[2:],
    ]
    return make_bundle(tmp_path / "long-word.sqlite", sections=sections)


def test_a_body_of_one_enormous_word_reads_like_ordinary_text(
    make_shell: Any, long_word_bundle: Path, qt_warnings: Any
) -> None:
    """The section whose body is one 99,000-letter word: Qt is given no run longer than the
    ordinary section's longest word, lays it out in about as many lines as ordinary text of
    the same length, and every line stays within the reading column; the bundle's text and
    file are unchanged."""
    digest = hashlib.sha256(long_word_bundle.read_bytes()).hexdigest()
    shell = make_shell(bundle=long_word_bundle)
    model = shell.content.section_model
    assert model.get(1, "body").replace(SOFT_BREAK, "") == f"Before {LONG_WORD} after."
    assert shell.content.bundle.sections()[1].body == f"Before {LONG_WORD} after."

    lines = {}
    for row in (0, 1):
        shell.history.goTo(row)
        shell.navigator.go("history")
        settle(shell.window)
        shown = [i for i in _shown_bodies(shell) if i.property("text") == model.get(row, "body")]
        assert len(shown) == 1, row
        body = shown[0]
        text = str(body.property("text"))
        assert longest_run(text) <= max(SOFT_BREAK_EVERY, longest_run(ORDINARY)) + 2
        assert body.property("contentWidth") <= body.width() + 1
        lines[row] = int(body.property("lineCount"))
    assert lines[0] > 100
    # break opportunities every ten letters leave at most nine unused at a line's end
    assert lines[0] * 0.8 <= lines[1] <= lines[0] * 1.3, lines
    assert hashlib.sha256(long_word_bundle.read_bytes()).hexdigest() == digest
    assert qt_warnings() == []
