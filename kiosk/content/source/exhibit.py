"""Read exhibit.toml: the exhibit's settings, its [[sources]] and its [review] table.

Every problem is collected with its line (``SourceReader.problem``); what can be read is kept,
so one pass lists everything a curator has to fix.
"""

from __future__ import annotations

from typing import Any

from kiosk.content import formats as fmt
from kiosk.content import tables
from kiosk.content.fileio import locales_json
from kiosk.content.source.files import SourceContent, SourceReader, toml_line


def read_exhibit(r: SourceReader, content: SourceContent) -> dict[str, int]:
    """The exhibit row, the languages' review statuses and the sources into ``content``;
    returns the sources' ids by key (for the references to them)."""
    rel = fmt.EXHIBIT_FILE
    text = r.read_text(rel)
    if text is None:
        return {}
    data = r.toml(rel, text)
    if data is None:
        return {}
    for name in data:
        if name not in (*fmt.EXHIBIT_FIELDS, fmt.REVIEW_TABLE, "sources"):
            r.problem(
                rel,
                toml_line(text, name),
                f"unknown setting {name!r}; the settings are: "
                f"{', '.join(fmt.EXHIBIT_FIELDS)}, [{fmt.REVIEW_TABLE}] and [[sources]]",
            )

    def text_setting(name: str, required: bool = False) -> str:
        raw: object = data.get(name, "")
        if isinstance(raw, int) and not isinstance(raw, bool) and name == "content_version":
            raw = str(raw)
        if not isinstance(raw, str):
            r.problem(rel, toml_line(text, name), f"{name}: must be text in double quotes")
            return ""
        value = r.clean(raw, rel, toml_line(text, name), name)
        if required and not value:
            r.problem(rel, toml_line(text, name), f"{name}: is required")
        return value

    default_locale = text_setting("default_locale", required=True)
    locales_value = data.get("locales", [default_locale])
    if not isinstance(locales_value, list) or not all(isinstance(x, str) for x in locales_value):
        r.problem(rel, toml_line(text, "locales"), 'locales: write a list like ["en", "az"]')
        locales_value = [default_locale]
    content.exhibit = {
        "id": 1,
        "key": "exhibit",
        "title": text_setting("title"),
        "subtitle": text_setting("subtitle"),
        "default_locale": default_locale,
        "visit_locale": text_setting("visit_locale"),
        "locales": locales_json([str(x).strip() for x in locales_value]),
        "content_version": text_setting("content_version"),
        "credits": text_setting("credits"),
        "dedication": text_setting("dedication"),
    }
    content.tables["locales"] = _read_review(
        r, text, data.get(fmt.REVIEW_TABLE, {}), default_locale, locales_value
    )

    sources = data.get("sources", [])
    if not isinstance(sources, list):
        r.problem(rel, toml_line(text, "sources"), "sources: write each as a [[sources]] table")
        sources = []
    table_lines = [i for i, ln in enumerate(text.split("\n"), 1) if ln.strip() == "[[sources]]"]
    entries: list[tuple[int | None, dict[str, str]]] = []
    for index, item in enumerate(sources):
        line = table_lines[index] if index < len(table_lines) else None
        if not isinstance(item, dict):
            r.problem(rel, line, "sources: each source is a [[sources]] table")
            continue
        row: dict[str, str] = {}
        for name, value in item.items():
            if name not in fmt.SOURCE_FIELDS:
                r.problem(
                    rel,
                    line,
                    f"[[sources]]: unknown setting {name!r} (the settings are key, title, detail)",
                )
            elif not isinstance(value, str):
                r.problem(rel, line, f"[[sources]] {name}: must be text in double quotes")
            else:
                row[name] = r.clean(value, rel, line, name)
        entries.append((line, row))
    ids = r.keys((rel, line, row.get("key", "")) for line, row in entries)
    content.tables["sources"] = [
        {
            "id": ids[row.get("key", "")],
            "key": row.get("key", ""),
            "title": row.get("title", ""),
            "detail": row.get("detail", ""),
        }
        for _line, row in entries
        if row.get("key", "") in ids
    ]
    return ids


def _read_review(
    r: SourceReader, text: str, review: object, default_locale: str, locales: list[Any]
) -> list[dict[str, Any]]:
    """The ``[review]`` table: each other language's review status (``az = "draft"``)."""
    rel = fmt.EXHIBIT_FILE
    statuses = ", ".join(tables.REVIEW_STATUSES)
    start = next(
        (i for i, ln in enumerate(text.split("\n"), 1) if ln.strip() == f"[{fmt.REVIEW_TABLE}]"),
        0,
    )
    if not isinstance(review, dict):
        r.problem(
            rel,
            toml_line(text, fmt.REVIEW_TABLE),
            f"{fmt.REVIEW_TABLE}: write it as a [{fmt.REVIEW_TABLE}] table with a line per "
            f'language, like az = "draft" ({statuses})',
        )
        return []
    codes = [str(x).strip() for x in locales]
    out: list[dict[str, Any]] = []
    for code, value in review.items():
        line = toml_line(text, code, start) or start or None
        where = f"[{fmt.REVIEW_TABLE}] {code}"
        if not isinstance(value, str):
            r.problem(rel, line, f'{where}: write the status in double quotes, like "draft"')
            continue
        status = r.clean(value, rel, line, where).lower()
        if status not in tables.REVIEW_STATUSES:
            r.problem(rel, line, f"{where}: {status!r} is not a review status; use {statuses}")
        elif code == default_locale:
            r.problem(
                rel,
                line,
                f"{where}: {code} is the default language; its text is the source and has "
                "no review status",
            )
        elif code not in codes:
            r.problem(rel, line, f"{where}: {code} is not in locales ({', '.join(codes)})")
        else:
            out.append({"locale": code, "review": status})
    return out
