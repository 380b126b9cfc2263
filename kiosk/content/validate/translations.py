"""The translation rules: each translation names a translatable text of a row that exists, in
one of the exhibit's other languages, once; each visitor text has a translation in each of
them (one warning per table and language counts the missing ones, listed one by one in
``Report.untranslated``); and each language's review status (``locales``) is one the exhibit
can use, with a warning for each language still waiting for review. Which texts are
translatable comes from ``tables``; the counting is ``kiosk.content.locales``'.
"""

from __future__ import annotations

import sqlite3

from kiosk.content.locales import (
    SOURCE,
    WAITING,
    TableCount,
    review_statuses,
    translation_counts,
    untranslated_sql,
)
from kiosk.content.tables import TRANSLATABLE
from kiosk.content.validate.checks import STREAMED, Checks
from kiosk.content.validate.report import Report, Untranslated, shorten
from kiosk.content.validate.values import Row


class TranslationChecks(Checks):
    def __init__(self, conn: sqlite3.Connection, report: Report) -> None:
        super().__init__(conn, report)
        self.row_rules["translations"] = self.row_translations
        self.row_rules["locales"] = self.row_locales
        self.cross_rules += [
            ("translations", self.check_translated_twice),
            ("translations", self.check_translated_keys),
            ("translations", self.check_missing_translations),
            ("locales", self.check_reviews),
        ]

    def row_locales(self, label: str, row: Row) -> None:
        locale = self.text(row, "locale")  # its review status: a generic check (choices)
        if locale and locale == self.default_locale:
            self.warn(
                "locales",
                label,
                "locale",
                f"{shorten(locale, 40)} is the default language: its text is the source and "
                "has no review status",
            )
        elif locale and locale not in self.other_locales:
            self.warn(
                "locales",
                label,
                "locale",
                f"{shorten(locale, 40)} is not in the exhibit's languages: its review status "
                "is never used",
            )

    def check_reviews(self) -> None:
        """A warning for each language whose translations still wait for a reviewer."""
        if "locales" in self.skipped:
            return
        reviews = review_statuses(self.conn)
        for locale in self.other_locales:
            waiting = WAITING.get(reviews.get(locale, ""))
            if waiting:
                self.report.add(
                    "warning",
                    "locales",
                    "",
                    "",
                    f"{shorten(locale, 40)}: {waiting}",
                    rule=f"review:{locale}",
                )
        self.report.languages = [
            {**language, "review": reviews.get(str(language["locale"]), language["review"])}
            for language in self.report.languages
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
        """One warning per table and language with texts not translated, counting them; the
        texts one by one in ``Report.untranslated`` (up to its ``detail_limit`` each)."""
        if "translations" in self.skipped:
            return
        counts = translation_counts(self.conn, self.other_locales, self.skipped)
        total = sum(c.total for c in next(iter(counts.values()), ()))
        self.report.languages = (
            [
                {
                    "locale": self.default_locale,
                    "default": True,
                    "review": SOURCE,
                    "translated": total,
                    "total": total,
                }
            ]
            if self.default_locale
            else []
        )
        for locale in self.other_locales:
            tables = counts[locale]
            self.report.languages.append(
                {
                    "locale": locale,
                    "default": False,
                    "review": "",
                    "translated": sum(c.translated for c in tables),
                    "total": sum(c.total for c in tables),
                }
            )
            for count in tables:
                if count.untranslated > 0:
                    self._untranslated(locale, count)

    def _untranslated(self, locale: str, count: TableCount) -> None:
        name = shorten(locale, 40)
        self.report.add_untranslated(
            locale,
            count.table,
            f"{name}: {count.untranslated:,} of {count.total:,} {count.noun} texts "
            f"untranslated (the {shorten(self.default_locale, 40)} text is shown)",
        )
        limit = self.report.detail_limit
        found: list[tuple[int, int, Untranslated]] = []
        for number, field in enumerate(TRANSLATABLE[count.table]):
            if len(found) >= limit:
                break
            for row_key, ident, rowid in self.conn.execute(
                f"SELECT substr(r.key, 1, 101), r.id, r.rowid "
                f"{untranslated_sql(count.table, field)} ORDER BY r.rowid LIMIT ?",
                (locale, limit - len(found)),
            ):
                label = self._label(count.table, {"key": row_key, "id": ident}, int(rowid))
                found.append((int(rowid), number, Untranslated(locale, count.table, label, field)))
        # Row by row, each row's texts in the table's order.
        self.report.untranslated.extend(item for *_order, item in sorted(found))
        listed = len(found)
        if count.untranslated > listed:
            self.report.unlisted[(locale, count.table)] = count.untranslated - listed
