"""The rules that are one table's own, beside the generic checks they plug into.

The exhibit row and its languages; an image's bytes against its row; a sensitive section needs
an advisory; a date's precision and order (an event ends after it starts, the timeline runs in
order, death comes after birth); a part may not exceed its whole, and figures' parents may not
go round; a figure for the attract loop tied to a sensitive section; a remembrance item's
kind; a person's age.
"""

from __future__ import annotations

import math
import sqlite3

from kiosk.content import formats as fmt
from kiosk.content.images import MAX_IMAGE_BYTES, MIME_EXTENSIONS, ImageError, check_image, sniff
from kiosk.content.names import KEYS_VERSION
from kiosk.content.names.fold import script as script_of
from kiosk.content.names.index import index_meta
from kiosk.content.records import PartialDate
from kiosk.content.source.people import FINGERPRINT_COLUMNS, VARIANTS_SQL, Fingerprint
from kiosk.content.tables import RELATION_KINDS, REMEMBRANCE_KINDS, TONES
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.translations import TranslationChecks
from kiosk.content.validate.values import (
    MAX_AGE,
    Row,
    age_range,
    compare_dates,
    json_value,
    parse_date,
)


class Validator(TranslationChecks):
    """Every check of one open bundle: the generic ones and each table's own."""

    def __init__(
        self, conn: sqlite3.Connection, report: Report, *, trusted: tuple[str, ...] = ()
    ) -> None:
        super().__init__(conn, report)
        self.trusted = set(trusted)
        self.latest_event: tuple[str, str] | None = None
        self.raw_rules["media"] = self.check_image
        self.row_rules.update(
            statistics=self.row_statistics,
            media=self.row_media,
            sections=self.row_sections,
            events=self.row_events,
            remembrance=self.row_remembrance,
            people=self.row_people,
            relations=self.row_relations,
        )
        self.table_rules.update(exhibit=self.check_exhibit, statistics=self.check_statistics)
        self.fingerprint = Fingerprint()
        self.cross_rules.append(("people", self.check_name_index))

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
        tone = row.get("tone")
        if "tone" in row and tone not in TONES:
            self.error(
                "statistics", label, "tone", f"{shorten(str(tone), 40)!r}: use {', '.join(TONES)}"
            )
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

    def date(
        self, table: str, label: str, row: Row, value_name: str, precision_name: str
    ) -> PartialDate | None:
        if value_name not in row or precision_name not in row:
            return None
        value, precision = row[value_name], row[precision_name]
        if value is None or value == "":
            if precision not in (None, ""):
                self.error(table, label, precision_name, "a precision is set but no date")
            return None
        if precision is None or precision == "":
            self.error(
                table,
                label,
                precision_name,
                "missing: say whether the date is a year, month, day or time",
            )
            return None
        text, kind = str(value), str(precision)
        parsed = (
            parse_date(text, kind)
            if len(text) <= 40 and len(kind) <= 10
            else (parse_date.__wrapped__(text, kind))
        )
        if isinstance(parsed, str):
            self.error(table, label, value_name, parsed)
            return None
        return parsed

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
        kind = row.get("kind")
        if isinstance(kind, str) and kind not in REMEMBRANCE_KINDS:
            self.error(
                "remembrance",
                label,
                "kind",
                f"{shorten(kind, 40)!r}: use {', '.join(REMEMBRANCE_KINDS)}",
            )
        self.date("remembrance", label, row, "date", "date_precision")

    def row_people(self, label: str, row: Row) -> None:
        birth = self.date("people", label, row, "birth_date", "birth_precision")
        death = self.date("people", label, row, "death_date", "death_precision")
        if birth and death and compare_dates(birth.value, death.value) > 0:
            self.error(
                "people",
                label,
                "death_date",
                f"{death.value} is before the date of birth ({birth.value})",
            )
        age = self.integer(row, "age")
        if age is not None and not 0 <= age <= MAX_AGE:
            self.error("people", label, "age", f"{age} is not an age (0 to {MAX_AGE})")
        elif age is not None and birth and death and compare_dates(birth.value, death.value) <= 0:
            low, high = age_range(birth, death)
            if not low <= age <= high:
                can = (
                    str(low)
                    if low == high
                    else f"{low} or {high}"
                    if high == low + 1
                    else (f"{low} to {high}")
                )
                self.error(
                    "people",
                    label,
                    "age",
                    f"{age} disagrees with the dates (born {birth.value}, died {death.value}: "
                    f"{can})",
                )
        if self.version >= 2:
            self._people_names(label, row)
            self.fingerprint.add(tuple(row.get(name) for name in FINGERPRINT_COLUMNS))

    def _people_names(self, label: str, row: Row) -> None:
        name = self.text(row, "name")
        script = row.get("name_script")
        if isinstance(script, str) and script and name:
            found = script_of(name)
            if found in ("latn", "cyrl") and found != script:
                self.warn(
                    "people",
                    label,
                    "name_script",
                    f"says {shorten(script, 20)!r} but the name is written in {found!r}",
                )
        lang = row.get("name_lang")
        if isinstance(lang, str) and lang and not fmt.LOCALE_PATTERN.match(lang):
            self.warn(
                "people",
                label,
                "name_lang",
                f"{shorten(lang, 40)!r} does not look like a language code (az, ru, en)",
            )
        surname = row.get("surname")
        if (
            isinstance(surname, str)
            and surname.strip()
            and name
            and surname.strip().casefold() not in name.casefold()
        ):
            self.warn(
                "people",
                label,
                "surname",
                f"{shorten(surname, 60)!r} is not part of the name as recorded "
                f"({shorten(name, 60)!r})",
            )

    def row_relations(self, label: str, row: Row) -> None:
        person, relative = self.integer(row, "person_id"), self.integer(row, "relative_id")
        if person is not None and person == relative:
            self.error("relations", label, "relative_id", "a person related to themself")
        kind = row.get("kind")
        if isinstance(kind, str) and kind not in RELATION_KINDS:
            self.error(
                "relations",
                label,
                "kind",
                f"{shorten(kind, 40)!r}: use {', '.join(RELATION_KINDS)}",
            )

    def check_name_index(self) -> None:
        """The search index is part of the bundle: built by this program's key functions,
        from exactly the people, orders and spelling variants the bundle holds."""
        if self.version < 2 or "people" in self.skipped:
            return
        if "people" in self.trusted:  # its rows were not read: the index was just made
            return
        meta = index_meta(self.conn)
        rebuild = "rebuild the bundle (`kiosk-content build`, or `import-people`)"
        if not meta:
            # Nobody to find: an empty index (a bundle written by another tool) is harmless.
            if self.fingerprint.count:
                self.error("people_search", "", "", f"the name index is missing: {rebuild}")
            return
        if meta.get("keys_version") != KEYS_VERSION:
            self.error(
                "people_search",
                "",
                "keys_version",
                f"the name index was built by another version of the search "
                f"({shorten(meta.get('keys_version', '?'), 20)}; this one is {KEYS_VERSION}): "
                f"{rebuild}",
            )
            return
        variants = [str(r[0]) for r in self.conn.execute(VARIANTS_SQL)]
        if meta.get("fingerprint") != self.fingerprint.value(variants):
            self.error(
                "people_search",
                "",
                "",
                "the name index is out of date: the people, their orders or the spelling "
                f"variants changed since it was built: {rebuild}",
            )
