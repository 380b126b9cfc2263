"""The people's own rules: their dates, age and names, their relations, and the name index.

A person's death comes after their birth and their age agrees with both; the script and
language of a name are what its letters say; a surname is part of the name as recorded; a
relation joins two people, never one to themself; and the search index (a part of the bundle)
was built by this program's key functions from exactly the people, orders and spelling
variants the bundle holds (``Fingerprint``, fed row by row as the people stream by).
"""

from __future__ import annotations

import sqlite3

from kiosk.content import formats as fmt
from kiosk.content.names import KEYS_VERSION
from kiosk.content.names.fold import script as script_of
from kiosk.content.names.index import index_meta, index_rows
from kiosk.content.source.people import VARIANTS_SQL, Fingerprint, fingerprint_columns
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.translations import TranslationChecks
from kiosk.content.validate.values import MAX_AGE, Row, age_range, compare_dates


class PeopleRules(TranslationChecks):
    """The rules of the people and their relations (a link of ``rules.Validator``'s chain).

    ``trusted`` names large tables whose rows the caller has just written and checked
    (``import-people``'s people): their rows and the index made from them are not read again.
    """

    def __init__(
        self, conn: sqlite3.Connection, report: Report, *, trusted: tuple[str, ...] = ()
    ) -> None:
        super().__init__(conn, report)
        self.trusted = set(trusted)
        self.row_rules.update(people=self.row_people, relations=self.row_relations)
        self.fingerprint = Fingerprint()
        self.fingerprinted = fingerprint_columns(self.version)
        self.cross_rules.append(("people", self.check_name_index))

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
            self.fingerprint.add(tuple(row.get(name) for name in self.fingerprinted))

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
            return
        for fts, rows in index_rows(self.conn).items():  # each table holds every person
            if rows != self.fingerprint.count:
                held = "cannot be read" if rows is None else f"holds {rows:,} people"
                self.error(
                    fts,
                    "",
                    "",
                    f"the name index's table {fts} {held}; the bundle has "
                    f"{self.fingerprint.count:,}: {rebuild}",
                )
