"""The translation rules: each translation names a translatable text of a row that exists, in
one of the exhibit's other languages, once; and each visitor text has a translation in each
of them (a warning per missing one). Which texts are translatable comes from ``tables``.
"""

from __future__ import annotations

import sqlite3

from kiosk.content.tables import TRANSLATABLE
from kiosk.content.validate.checks import STREAMED, Checks
from kiosk.content.validate.report import Report, shorten
from kiosk.content.validate.values import WS, Row


class TranslationChecks(Checks):
    def __init__(self, conn: sqlite3.Connection, report: Report) -> None:
        super().__init__(conn, report)
        self.row_rules["translations"] = self.row_translations
        self.cross_rules += [
            ("translations", self.check_translated_twice),
            ("translations", self.check_translated_keys),
            ("translations", self.check_missing_translations),
        ]

    def check_translated_twice(self) -> None:
        if "translations" in self.skipped:
            return
        for locale, tbl, key, name, extra in self.conn.execute(
            "SELECT locale, tbl, key, field, count(*) - 1 FROM translations "
            "WHERE typeof(tbl) = 'text' AND typeof(key) = 'text' AND typeof(field) = 'text' "
            "AND typeof(locale) = 'text' GROUP BY tbl, key, field, locale HAVING count(*) > 1"
        ):
            label = "/".join(shorten(str(p), 100) for p in (locale, tbl, key, name))
            for _ in range(int(extra)):
                self.error("translations", label, "", "translated twice")

    def row_translations(self, label: str, row: Row) -> None:
        table, key = self.text(row, "tbl"), self.text(row, "key")
        name, locale = self.text(row, "field"), self.text(row, "locale")
        if not table or not name or not locale:
            return
        if table not in TRANSLATABLE:
            self.error(
                "translations", label, "tbl", f"{shorten(table, 40)!r} has no translatable text"
            )
            return
        if name not in TRANSLATABLE[table]:
            self.error(
                "translations",
                label,
                "field",
                f"{table}.{shorten(name, 40)} is not a translatable text",
            )
            return
        if table not in STREAMED and key not in self.keys_of.get(table, set()):
            self.error(
                "translations",
                label,
                "key",
                f"there is no {table} row with key {shorten(key, 100)!r}",
            )
        if locale == self.default_locale:
            self.warn(
                "translations",
                label,
                "locale",
                f"{shorten(locale, 40)} is the default language: this translation is never shown",
            )
        elif locale not in self.other_locales:
            self.warn(
                "translations",
                label,
                "locale",
                f"{shorten(locale, 40)} is not in the exhibit's languages: never shown",
            )

    def check_translated_keys(self) -> None:
        """Translations of rows of the large tables (events, people) that do not exist."""
        if "translations" in self.skipped:
            return
        for table in STREAMED:
            if table not in TRANSLATABLE or table in self.skipped:
                continue
            fields = ", ".join(f"'{f}'" for f in TRANSLATABLE[table])
            for locale, key, name in self.conn.execute(
                f"SELECT t.locale, t.key, t.field FROM translations AS t "
                f"LEFT JOIN {table} AS r ON r.key = t.key "
                f"WHERE t.tbl = '{table}' AND t.field IN ({fields}) AND typeof(t.key) = 'text' "
                "AND typeof(t.locale) = 'text' AND t.locale <> '' AND r.key IS NULL"
            ):
                label = "/".join(shorten(str(p), 100) for p in (locale, table, key, name))
                self.error(
                    "translations",
                    label,
                    "key",
                    f"there is no {table} row with key {shorten(str(key), 100)!r}",
                )

    def check_missing_translations(self) -> None:
        """One warning per visitor text without a translation, per other language."""
        if "translations" in self.skipped:
            return
        for locale in self.other_locales:
            for table, names in TRANSLATABLE.items():
                if table in self.skipped:
                    continue
                if table == "exhibit":
                    key = (
                        "CASE WHEN typeof(r.key) = 'text' AND r.key <> '' THEN r.key "
                        "ELSE 'exhibit' END"
                    )
                else:
                    key = "CASE WHEN typeof(r.key) = 'text' THEN r.key ELSE '' END"
                for name in names:
                    self._missing_translation(table, name, locale, key)

    def _missing_translation(self, table: str, name: str, locale: str, key: str) -> None:
        where = (
            f"FROM {table} AS r LEFT JOIN translations AS t ON t.tbl = ? AND t.field = ? "
            f"AND t.locale = ? AND t.key = {key} "
            f"AND typeof(t.text) = 'text' AND trim(t.text, {WS}) <> '' "
            f"WHERE typeof(r.{name}) = 'text' AND trim(r.{name}, {WS}) <> '' AND t.tbl IS NULL"
        )
        params = (table, name, locale)
        listed = 0
        message = (
            f"no {shorten(locale, 40)} translation "
            f"(the {shorten(self.default_locale, 40)} text is shown)"
        )
        limit = self.report.limit
        for row_key, ident, rowid in self.conn.execute(
            f"SELECT substr(r.key, 1, 101), r.id, r.rowid {where} ORDER BY r.rowid LIMIT ?",
            (*params, limit),
        ):
            label = self._label(table, {"key": row_key, "id": ident}, int(rowid))
            self.report.add("warning", table, label, name, message, rule="translation")
            listed += 1
        if listed == limit:
            total = int(self.conn.execute(f"SELECT count(*) {where}", params).fetchone()[0])
            self.report.add_unlisted(
                "warning", table, name, rule="translation", count=total - listed
            )
