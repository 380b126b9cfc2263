"""The people CSV's compiled checks give what the build's generic row reader gives."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kiosk.content.source.files import SourceReader
from kiosk.content.source.people_csv import COLUMNS, PEOPLE, RowChecker, read_people

IDS = {"places": {"village-a": 1}, "sources": {"notes": 1}, "media": {"square": 1}}

# Rows of SYNTHETIC people, each cell as awkward as a curator's spreadsheet makes it.
HEADER = [
    "key",
    "name",
    "surname",
    "given_name",
    "birth_date",
    "birth_precision",
    "death_precision",
    "age",
    "fate",
    "notes",
    "fate_kind",
    "name_script",
    "place",
    "photo",
    "source",
    "other_spellings",
]
ROWS = [
    ["t1", "Testov Synthetic", "", "", "1950", "", "", "", "", "", "", "", "", "", "", ""],
    [
        *("t2", "", " Testli ", "Ann", "1950-03", "MONTH", "", " 41 ", " Killed ", "a\nb  \n"),
        *("Missing", "LATN", " village-a ", "square", "notes", "Тестов; Testoff"),
    ],
    ["t3", "  ", "", "", "", "year", "day", "x", "", "", "lost", "klingon", "nowhere", "", "", ""],
    ["t4", "Bell\x07ov", "", "", "19500", "", "", "", "", "", "", "", "", "", "", ""],
    ["", "Nokey Synthetic", "", "", "", "", "", "200", "\t", "", "", "", "", "nope", "", ""],
    ["t 5", "Spacekey Synthetic", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["t1", "Twice Synthetic", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["t6", "Long " + "x" * 300, "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]


def _generic(checker: SourceReader, cells: list[str], line: int) -> dict[str, object]:
    full = dict.fromkeys(COLUMNS, "")
    full.update(zip(HEADER, cells, strict=True))
    return checker.row(PEOPLE, full, "names.csv", line, IDS)


@pytest.mark.parametrize("number", range(len(ROWS)))
def test_compiled_checks_match_the_generic_reader(number: int) -> None:
    """Value for value and message for message, per column (before the whole-person checks)."""
    cells, line = ROWS[number], number + 2
    generic, compiled = SourceReader(Path()), SourceReader(Path())
    want = _generic(generic, cells, line)
    rows = RowChecker(HEADER, compiled, "names.csv", IDS)
    got = dict(rows.defaults)
    for check in rows.checks:
        check(cells, line, got)
    assert got == want
    assert list(got) == list(want)  # the same columns in the same order (one INSERT shape)
    assert [str(p) for p in compiled.problems] == [str(p) for p in generic.problems]


def test_read_people_reports_each_row_by_line_and_field(tmp_path: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([HEADER, *ROWS])
    path = tmp_path / "names.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    checker = SourceReader(tmp_path)
    rows = list(read_people(path, checker, IDS))
    assert [r.line if r else None for r in rows] == [2, 3, None, None, None, None, None, None]
    assert rows[1] is not None and rows[1].values["name"] == "Testli Ann"
    assert rows[1].values["notes"] == "a\nb" and rows[1].values["name_script"] == "latn"
    # t2's notes take three lines of the file: t3 starts on line 6
    assert [str(p) for p in checker.problems] == [
        "names.csv, line 6: birth_date: a precision (year) but no date",
        "names.csv, line 6: death_date: a precision (day) but no date",
        "names.csv, line 6: age: 'x' is not a whole number",
        "names.csv, line 6: name_script 'klingon': use one of latn, cyrl, arab, armn, geor, "
        "grek, hebr, other",
        "names.csv, line 6: fate_kind 'lost': use one of killed, died_of_wounds, "
        "died_in_captivity, missing, unknown_after_captivity, other",
        "names.csv, line 6: place: there is no place with the key 'nowhere'",
        "names.csv, line 6: name: is empty (every person needs a name)",
        "names.csv, line 7: name: has an invisible control character (U+0007)",
        "names.csv, line 7: birth_date: '19500' is not a day date (write it like 1992-02-26)",
        "names.csv, line 8: photo: there is no image with the key 'nope'",
        "names.csv, line 8: age: 200 is not an age (0 to 130)",
        "names.csv, line 9: key 't 5': use letters, digits, '-', '_' and '.' only (at most "
        "100, starting with a letter or digit)",
        "names.csv, line 10: key 't1' is used twice in this file",
        "names.csv, line 11: name: is 305 characters; at most 200",
    ]
