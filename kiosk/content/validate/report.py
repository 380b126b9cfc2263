"""What the validator found: problems (table, row, field, message), capped per rule."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Final, Literal

from kiosk.content.limits import MAX_PROBLEMS_PER_RULE, MAX_UNTRANSLATED_LISTED

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a bundle: where it is (table, row, field) and what is wrong.

    ``more`` > 0 marks the line that counts the problems of one rule not listed; ``locale``
    marks a language's summary of its untranslated texts in ``table`` (their detail is in
    ``Report.untranslated``)."""

    severity: Severity
    table: str
    row: str
    field: str
    message: str
    more: int = 0
    locale: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "table": self.table,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        return describe(self.severity, self.table, self.row, self.field, self.message)


@dataclass(frozen=True, slots=True)
class Untranslated:
    """A visitor text without a translation in one language (``validate --verbose``)."""

    locale: str
    table: str
    row: str
    field: str

    def to_dict(self) -> dict[str, str]:
        return {"locale": self.locale, "table": self.table, "row": self.row, "field": self.field}

    def __str__(self) -> str:
        return f"{self.table} [{self.row}] {self.field}: no {self.locale} translation"


@dataclass
class Report:
    """What the validator found. ``ok`` means readable with no errors (warnings allowed).

    Each rule lists at most ``limit`` problems; the rest are counted in one more problem
    ("... and 999,990 more of the same"). ``error_count`` and ``warning_count`` count them
    all; ``errors`` and ``warnings`` are the problems listed (count lines included).
    """

    path: str
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    limit: int = MAX_PROBLEMS_PER_RULE
    error_count: int = 0
    warning_count: int = 0
    # Every language's review status and completeness (``locales.LocaleStatus.to_dict``).
    languages: list[dict[str, object]] = field(default_factory=list)
    # The untranslated texts one by one, at most ``detail_limit`` per table and language;
    # ``unlisted`` counts the rest by (language, table).
    untranslated: list[Untranslated] = field(default_factory=list)
    unlisted: dict[tuple[str, str], int] = field(default_factory=dict)
    detail_limit: int = MAX_UNTRANSLATED_LISTED
    _seen: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _first: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)
    _count_line: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.readable and self.error_count == 0

    def add(
        self, severity: Severity, table: str, row: str, name: str, message: str, *, rule: str = ""
    ) -> None:
        """Record a problem; ``rule`` (with severity, table and field) groups it for the cap."""
        if severity == "error":
            self.error_count += 1
        else:
            self.warning_count += 1
        key = (severity, table, name, rule)
        seen = self._seen.get(key, 0) + 1
        self._seen[key] = seen
        if seen <= self.limit:
            # Keys and texts come from the bundle: never let one put terminal controls on screen.
            problem = Problem(
                severity, printable(table), printable(row), printable(name), printable(message)
            )
            self.problems.append(problem)
            self._first.setdefault(key, problem.message)
            return
        self._update_count_line(key)

    def add_untranslated(self, locale: str, table: str, message: str) -> None:
        """A language's one warning for the texts of ``table`` it has not translated (their
        detail goes to ``untranslated``): never capped, one per table and language."""
        self.warning_count += 1
        self.problems.append(
            Problem("warning", printable(table), "", "", printable(message), locale=locale)
        )

    def untranslated_in(self, locale: str, table: str) -> list[Untranslated]:
        return [u for u in self.untranslated if u.locale == locale and u.table == table]

    def add_unlisted(
        self, severity: Severity, table: str, name: str, *, rule: str, count: int
    ) -> None:
        """Count ``count`` more problems of a rule that already listed its ``limit``."""
        if count <= 0:
            return
        if severity == "error":
            self.error_count += count
        else:
            self.warning_count += count
        key = (severity, table, name, rule)
        self._seen[key] = self._seen.get(key, 0) + count
        self._update_count_line(key)

    def _update_count_line(self, key: tuple[str, ...]) -> None:
        severity, table, name, _rule = key
        more = self._seen[key] - self.limit
        if more <= 0:
            return
        at = self._count_line.get(key)
        if at is None:  # the first one over the cap: add the line that counts the rest
            self.problems.append(Problem("error", "", "", "", ""))
            at = self._count_line[key] = len(self.problems) - 1
        self.problems[at] = Problem(
            "error" if severity == "error" else "warning",
            printable(table),
            "",
            printable(name),
            f"... and {more:,} more of the same ({shorten(self._first.get(key, ''), 80)})",
            more=more,
        )

    def summary(self) -> str:
        if not self.readable:
            return f"{self.path}: not a readable bundle"
        errors, warnings = self.error_count, self.warning_count
        verdict = "valid" if errors == 0 else "NOT valid"
        return (
            f"{self.path}: {verdict}: {errors:,} error{'s' * (errors != 1)}, "
            f"{warnings:,} warning{'s' * (warnings != 1)}"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "bundle": self.path,
            "readable": self.readable,
            "ok": self.ok,
            "errors": self.error_count,
            "warnings": self.warning_count,
            "problems": [p.to_dict() for p in self.problems],
            "languages": self.languages,
            "untranslated": [u.to_dict() for u in self.untranslated],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def describe(severity: str, table: str, row: str, name: str, message: str) -> str:
    """A problem as one line: ``error: table [row] field: message`` (the parts it has)."""
    where = " ".join(part for part in (table, f"[{row}]" if row else "", name) if part)
    return f"{severity}: {where}: {message}" if where else f"{severity}: {message}"


def printable(text: str) -> str:
    """``text`` with control characters (terminal escapes, newlines) replaced by '?'."""
    return _UNPRINTABLE.sub("?", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


_UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
