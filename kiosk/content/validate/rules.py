"""The rules that are one table's own, beside the generic checks they plug into.

The exhibit row and its languages; an image's bytes against its row; a sensitive section needs
an advisory; an event's dates (it ends after it starts, the timeline runs in order); a part may
not exceed its whole, and figures' parents may not go round; a figure for the attract loop
tied to a sensitive section; a remembrance item's kind. The people's own rules are in
``people``.
"""

from __future__ import annotations

import math
import sqlite3

from kiosk.content import formats as fmt
from kiosk.content.images import MAX_IMAGE_BYTES, MIME_EXTENSIONS, ImageError, check_image, sniff
from kiosk.content.validate.people import PeopleRules
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.values import (
    Row,
    compare_dates,
    json_value,
)


class Validator(PeopleRules):
    """Every check of one open bundle: the generic ones and each table's own.

    One class chain, each link a module: ``loading.Rows`` (the rows, typed), ``checks.Checks``
    (the generic rules), ``translations.TranslationChecks``, ``people.PeopleRules`` (the people,
    their relations and the name index), and this one (the exhibit, its images, sections,
    events, figures and remembrance)."""

    def __init__(
        self, conn: sqlite3.Connection, report: Report, *, trusted: tuple[str, ...] = ()
    ) -> None:
        super().__init__(conn, report, trusted=trusted)
        self.latest_event: tuple[str, str] | None = None
        self.raw_rules["media"] = self.check_image
        self.row_rules.update(
            statistics=self.row_statistics,
            media=self.row_media,
            sections=self.row_sections,
            events=self.row_events,
            remembrance=self.row_remembrance,
        )
        self.table_rules.update(exhibit=self.check_exhibit, statistics=self.check_statistics)

    def check_image(self, label: str, raw: Row) -> None:
        size = raw.get("data_size")
        if isinstance(size, int) and size > MAX_IMAGE_BYTES:
            self.error(
                "media",
                label,
                "data",
                f"the image is {size / 1048576:.1f} MB; the limit is "
                f"{MAX_IMAGE_BYTES // 1048576} MB",
            )
            return
        data = raw.get("data")
        if not isinstance(data, bytes):
            return
        for message in check_image(data):
            self.error("media", label, "data", message)
        try:
            info = sniff(data)
        except ImageError:
            return
        mime = raw.get("mime")
        if isinstance(mime, str) and mime != info.mime:
            self.error(
                "media", label, "mime", f"says {shorten(mime, 40)!r} but the data is {info.mime}"
            )
        for name, actual in (("width", info.width), ("height", info.height)):
            stored = raw.get(name)
            if isinstance(stored, int) and stored != actual:
                self.error("media", label, name, f"says {stored} but the image is {actual} pixels")

    def check_exhibit(self) -> None:
        rows = list(self.each("exhibit"))
        if "exhibit" in self.present and not rows:
            self.error("exhibit", "", "", "the exhibit row (title, languages) is missing")
        if len(rows) > 1:
            self.error("exhibit", "", "", f"has {len(rows)} rows; a bundle has one exhibit")
        for label, row in rows[:1]:
            default = self.text(row, "default_locale").strip()
            raw = row.get("locales")
            locales: list[str] = []
            if raw is not None:
                value = json_value(str(raw))
                if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                    self.error(
                        "exhibit", label, "locales", 'must be a list of codes like ["en", "az"]'
                    )
                else:
                    locales = value
            for code in [default, *locales] if default else locales:
                if code and not fmt.LOCALE_PATTERN.match(code):
                    self.warn(
                        "exhibit",
                        label,
                        "locales",
                        f"{shorten(code, 40)!r} does not look like a language code (en, az, ru)",
                    )
            if default and raw is not None and locales and default not in locales:
                self.error(
                    "exhibit",
                    label,
                    "locales",
                    f"does not include the default locale {shorten(default, 40)!r}",
                )
            visit = self.text(row, "visit_locale").strip()
            if visit and visit not in ([default, *locales] if default else locales):
                self.error(
                    "exhibit",
                    label,
                    "visit_locale",
                    f"{shorten(visit, 40)!r} is not one of the exhibit's locales",
                )
            if len(set(locales)) != len(locales):
                self.warn("exhibit", label, "locales", "lists a language twice")
            if raw is not None and not locales:
                self.error("exhibit", label, "locales", "lists no language")

    def row_statistics(self, label: str, row: Row) -> None:
        value = row.get("value")
        if isinstance(value, float) and not math.isfinite(value):
            self.error("statistics", label, "value", "is not a finite number")
        if self.integer(row, "attract") not in (None, 0, 1):
            self.error("statistics", label, "attract", "must be 0 (no) or 1 (yes)")

    def row_media(self, label: str, row: Row) -> None:
        mime = self.text(row, "mime")
        if mime and mime not in MIME_EXTENSIONS:
            self.error(
                "media", label, "mime", f"{shorten(mime, 40)!r}: use {', '.join(MIME_EXTENSIONS)}"
            )

    def row_sections(self, label: str, row: Row) -> None:
        sensitive = self.integer(row, "sensitive")
        advisory = self.text(row, "advisory").strip()
        if sensitive not in (None, 0, 1):
            self.error("sections", label, "sensitive", "must be 0 (no) or 1 (yes)")
        if sensitive == 1 and not advisory:
            self.error(
                "sections",
                label,
                "advisory",
                "a sensitive section needs an advisory saying in plain words what is ahead",
            )
        if sensitive == 0 and advisory:
            self.warn(
                "sections",
                label,
                "advisory",
                "has an advisory but is not marked sensitive, so it is never shown",
            )

    def row_events(self, label: str, row: Row) -> None:
        """Called in display order (position, then id), as the kiosk shows them."""
        start = self.date("events", label, row, "start_date", "start_precision")
        end = self.date("events", label, row, "end_date", "end_precision")
        if end is not None and start is None and row.get("start_date") in (None, ""):
            self.error("events", label, "end_date", "an end date without a start date")
        if start and end and compare_dates(start.value, end.value) > 0:
            self.error(
                "events",
                label,
                "end_date",
                f"ends ({end.value}) before it starts ({start.value})",
            )
        if start is not None:
            latest = self.latest_event
            if latest is not None and compare_dates(start.value, latest[0]) < 0:
                self.warn(
                    "events",
                    label,
                    "start_date",
                    f"{start.value} comes after {latest[1]} ({latest[0]}) in the timeline: "
                    "out of chronological order",
                )
            if latest is None or compare_dates(start.value, latest[0]) > 0:
                self.latest_event = (start.value, label)

    def check_statistics(self) -> None:
        rows = {
            i: (label, row)
            for label, row in self.each("statistics")
            if (i := self.integer(row, "id")) is not None
        }
        children: dict[int, list[int]] = {}
        for ident, (label, row) in rows.items():
            value = row.get("value")
            if isinstance(value, int | float) and value < 0:
                self.warn("statistics", label, "value", "is negative")
            parent = self.integer(row, "parent_id")
            if parent is not None and parent in rows:
                children.setdefault(parent, []).append(ident)
        reported: set[int] = set()
        for ident in rows:
            path: list[int] = []
            seen: set[int] = set()
            current: int | None = ident
            while current is not None and current in rows and current not in seen:
                path.append(current)
                seen.add(current)
                current = self.integer(rows[current][1], "parent_id")
            if current is not None and current in seen and current not in reported:
                cycle = path[path.index(current) :]
                reported.update(cycle)
                names = " -> ".join(rows[i][0] for i in [*cycle[:10], current])
                self.error(
                    "statistics", rows[current][0], "parent_id", f"parents go round: {names}"
                )
        self.check_attract_figures(rows, reported)
        for parent, kids in children.items():
            if parent in reported:
                continue
            label, row = rows[parent]
            whole = row.get("value")
            if not isinstance(whole, int | float) or not math.isfinite(whole):
                continue
            total = 0.0
            for kid in kids:
                kid_label, kid_row = rows[kid]
                part = kid_row.get("value")
                if not isinstance(part, int | float) or not math.isfinite(part):
                    continue
                total += part
                if part > whole:
                    self.error(
                        "statistics",
                        kid_label,
                        "value",
                        f"{part:g} is more than its whole, {label} ({whole:g})",
                    )
            if total > whole + 1e-9:
                self.error(
                    "statistics",
                    label,
                    "value",
                    f"its parts add up to {total:g}, more than the whole ({whole:g})",
                )

    def check_attract_figures(self, rows: dict[int, tuple[str, Row]], cycles: set[int]) -> None:
        """A figure marked for the attract loop and tied to a sensitive section (its own
        section, or its whole's) is never shown there: say so, so the curator is not
        surprised (the attract loop never shows what a sensitive section guards)."""
        sensitive = {
            ident: self.text(row, "title").strip() or label
            for label, row in self.each("sections")
            if (ident := self.integer(row, "id")) is not None
            and self.integer(row, "sensitive") == 1
        }
        for ident, (label, row) in rows.items():
            if self.integer(row, "attract") != 1:
                continue
            current: int | None = ident
            seen: set[int] = set()
            while current is not None and current in rows and current not in seen:
                seen.add(current)
                section = self.integer(rows[current][1], "section_id")
                if section in sensitive:
                    whose = "its" if current == ident else f"its whole's ({rows[current][0]})"
                    self.warn(
                        "statistics",
                        label,
                        "attract",
                        f"is marked for the attract loop, but {whose} section "
                        f"{shorten(sensitive[section], 60)!r} is sensitive: the attract loop "
                        "never shows it",
                    )
                    break
                current = None if current in cycles else self.integer(rows[current][1], "parent_id")

    def row_remembrance(self, label: str, row: Row) -> None:
        self.date("remembrance", label, row, "date", "date_precision")
