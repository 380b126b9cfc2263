"""The checks as the curator types: the same rules as ``kiosk-content build`` and ``validate``.

``check(document, folder)`` renders the document into a scratch source folder, reads it with
the build's own reader (every problem with its file and line), writes the bundle with the
build's own writer and validates it with the validator: nothing here restates a rule. Each
problem comes back as a ``Finding`` that names the table, row (by its key) and source column,
so a click in the problems panel can go to the editor. The studio's own rules for images
(alt text and credit before an image counts) come on top, as errors.

Qt-free and synchronous: kiosk.studio.worker runs it off the GUI thread.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.source import BuildError, read_source, write_bundle
from kiosk.content.source.files import SourceProblem
from kiosk.content.validate import Problem, validate_bundle
from kiosk.content.validate.report import describe
from kiosk.studio.document import (
    EXHIBIT,
    LOCALES,
    SECTIONS,
    TRANSLATIONS,
    Rendering,
    SourceDocument,
    source_columns,
)

_FIRST_WORD: Final = re.compile(r"^([a-z_]+)\b")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, where the curator can fix it. ``row`` is the row's key (the exhibit's is
    "exhibit"; a translation's is its language); ``field`` a source column or ""."""

    severity: str  # "error" or "warning"
    table: str
    row: str
    field: str
    message: str
    where: str = ""  # the file and line, for a problem the build found

    def __str__(self) -> str:
        return describe(self.severity, self.table, self.row, self.field, self.message)


@dataclass
class CheckResult:
    findings: list[Finding]
    bundle: Path | None  # the bundle built from the document (None when it could not be built)
    built: bool

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def check(document: SourceDocument, folder: Path, *, name: str = "preview.sqlite") -> CheckResult:
    """Build ``document`` into ``folder``/``name`` and check it. Never raises for content."""
    rendering = document.render()
    source = folder / "source"
    shutil.rmtree(source, ignore_errors=True)
    for rel, data in rendering.files.items():
        path = source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    own = image_findings(document)
    try:
        content = read_source(source)
    except BuildError as exc:
        found = [from_source_problem(p, rendering, document) for p in exc.problems]
        return CheckResult(found + own, None, built=False)
    bundle = folder / name
    write_bundle(content, bundle)
    report = validate_bundle(bundle)
    found = [from_problem(p) for p in report.problems]
    return CheckResult(found + own, bundle, built=True)


def check_in_temp(document: SourceDocument) -> CheckResult:
    """``check`` in a folder of its own, removed afterwards (the bundle with it)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-studio-check-") as tmp:
        result = check(document, Path(tmp))
        return CheckResult(result.findings, None, result.built)


def image_findings(document: SourceDocument) -> list[Finding]:
    """An image counts only with its alt text and its credit (the studio's rule)."""
    found = []
    for row in document.table("media"):
        key = str(row.get("key", ""))
        for name, what in (("alt", "alt text"), ("credit", "a credit")):
            if not str(row.get(name, "")).strip():
                found.append(
                    Finding(
                        "error",
                        "media",
                        key,
                        name,
                        f"needs {what} before it counts (describe it; say whose it is)",
                    )
                )
    return found


def from_problem(problem: Problem) -> Finding:
    """A validator problem: bundle columns named as the source names them (image, not image_id)."""
    table, row, name = problem.table, problem.row, problem.field
    if table == LOCALES and not row:
        # A language's review warning ("az: translations are a draft ..."): its row is the
        # language, so a click goes to it in the translations.
        code = problem.message.split(":", 1)[0]
        row = code if fmt.LOCALE_PATTERN.match(code) else ""
    if table in tables.BY_NAME and name:
        with contextlib.suppress(KeyError):
            name = tables.table(table).column(name).source_name
        for date in tables.table(table).dates:
            if name == date.precision:
                name = date.value
    return Finding(problem.severity, table, row, name, problem.message)


def from_source_problem(
    problem: SourceProblem, rendering: Rendering, document: SourceDocument
) -> Finding:
    """A build problem (file, line) as the table, row and column it is about."""
    rel, message = problem.file, problem.message
    table, key, name = "", "", ""
    if rel.startswith(f"{fmt.TRANSLATIONS_DIR}/"):
        table, key = TRANSLATIONS, Path(rel).stem
    elif rel.startswith(f"{fmt.MEDIA_DIR}/"):
        file_name = rel.split("/", 1)[1]
        table = "media"
        for row in document.table("media"):
            if row.get("file") == file_name:
                key = str(row.get("key", ""))
        name = "file"
    else:
        at = rendering.row_at(rel, problem.line)
        if at is not None:
            table, index = at
            if table == EXHIBIT:
                key = EXHIBIT
            else:
                rows = document.table(table)
                key = str(rows[index].get("key", "")) if 0 <= index < len(rows) else ""
    if table and table != TRANSLATIONS:
        name = name or _field_named(table, message)
    where = rel if problem.line is None else f"{rel}, line {problem.line}"
    return Finding("error", table, key, name, message, where)


def _field_named(table: str, message: str) -> str:

    columns = set(source_columns(table)) if table != EXHIBIT else set(fmt.EXHIBIT_FIELDS)
    if table == SECTIONS:
        columns.add("body")
    match = _FIRST_WORD.match(message)
    if match and match[1] in columns:
        return match[1]
    if message.startswith("key"):
        return "key"
    if message.startswith("the text"):
        return "body"
    return ""
