"""Every bundle table, described once: the one place a change of shape is made.

Each ``Table`` says what its columns are (type, NOT NULL, default, key, reference, the values
allowed), which texts a visitor reads (translatable, with the lengths a screen can show),
where the table lives in the editable source (its file and that file's columns) and which
record type the reader makes of a row. From these descriptions come:

* the DDL and the migrations (``schema``), and so the exact shape a bundle must have;
* the reader's records (``reader``: one generic row -> record conversion);
* the build and the export of the editable source (``source``): CSV columns, references by
  key, dates with their precision, numbers;
* the generic checks of ``validate``: types, NOT NULL, required texts, references, unique
  keys, text lengths, translations, row limits;
* the tables in docs/content-format.md (tests/content/test_tables.py compares them).

What is truly one table's own (a part may not exceed its whole, a sensitive section needs an
advisory, an image's bytes) stays hand-written next to the generic code that calls it.
docs/architecture.md ("Add a table") says how to add a table or a column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, Literal

from kiosk.content.records import (
    Event,
    Exhibit,
    Media,
    Person,
    Place,
    Relation,
    Remembrance,
    Section,
    Source,
    Statistic,
)

SqlType = Literal["INTEGER", "TEXT", "REAL", "BLOB"]

PRECISIONS: Final = ("year", "month", "day", "time")
REMEMBRANCE_KINDS: Final = ("observance", "decree", "address", "other")
# How far a language's translations have come, as the curator says (``locales.review``):
# ``draft`` (translated, awaiting review by a native-speaking curator), ``machine`` (machine
# translated, not yet read by a person), ``reviewed`` (read and approved). The default
# language's own text is the source and has none.
REVIEW_STATUSES: Final = ("draft", "machine", "reviewed")
# A figure's tone: a loss (people killed, injured, taken) is never set in the celebratory
# accent; context (a distance, a population) may be.
TONES: Final = ("loss", "context")
# What became of a person, as the curator's sources record it (docs/content-format.md). The
# screens say each in the visitor's language; NULL is "not recorded", never a guess.
FATES: Final = (
    "killed",
    "died_of_wounds",
    "died_in_captivity",
    "missing",
    "unknown_after_captivity",
    "other",
)
# The alphabet a name was recorded in (ISO 15924 codes, lower-cased).
SCRIPTS: Final = ("latn", "cyrl", "arab", "armn", "geor", "grek", "hebr", "other")
# relations.csv: the person is the relative's parent, child, spouse or sibling.
RELATION_KINDS: Final = ("parent", "child", "spouse", "sibling")

# Text lengths a screen can show, as (warn over, error over) characters.
TITLE_LIMITS: Final = (80, 120)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a bundle table.

    ``not_null`` and the other SQL flags make the DDL; ``required`` means a text may not be
    blank; ``references`` names the table whose ``id`` this column holds (in the editable
    source it is written as that row's key, in a column named without ``_id``);
    ``translatable`` texts have a row per other language in ``translations``; ``limits`` are
    (warn over, error over) characters; ``advice`` is the warning when the value is missing.
    """

    name: str
    type: SqlType
    not_null: bool = False
    primary_key: bool = False
    unique: bool = False
    default: str | int | None = None
    choices: tuple[str, ...] = ()  # CHECK (name IN (...)); the build lower-cases the value
    boolean: bool = False  # CHECK (name IN (0, 1)); a bool in the record, true/false in TOML
    check: str = ""  # any other CHECK, as SQL
    references: str = ""
    required: bool = False
    translatable: bool = False
    limits: tuple[int, int] | None = None
    paragraphs: bool = False  # a long text: each paragraph is checked for length
    advice: str = ""
    comment: str = ""  # an SQL comment after the column in the DDL
    since: int = 1  # the schema version that added the column
    separator: str = ""  # a list of texts in one column, this between them (a tuple in records)

    @property
    def source_name(self) -> str:
        """The column's name in the editable source (``image`` for ``image_id``)."""
        return self.name.removesuffix("_id") if self.references else self.name


@dataclass(frozen=True, slots=True)
class DateField:
    """A date stored as two columns (value, precision) and read as one ``PartialDate``."""

    field: str  # the record's field
    value: str
    precision: str


@dataclass(frozen=True, slots=True)
class Index:
    """An index: on ``columns``, of the rows ``where`` holds (a partial index; '' for all),
    in the schemas from ``since`` up to, not including, ``until`` (0: still there)."""

    name: str
    columns: tuple[str, ...]
    since: int = 1
    until: int = 0
    where: str = ""

    def at(self, version: int) -> bool:
        """Whether a bundle of schema ``version`` has this index."""
        return self.since <= version and (not self.until or version < self.until)


@dataclass(frozen=True, slots=True)
class Table:
    """One bundle table (see the module's docstring)."""

    name: str
    columns: tuple[Column, ...]
    max_rows: int  # over it, validate reports one error and does not read the table
    record: type | None = None
    source: str = ""  # where it is edited, for people and for messages
    source_columns: tuple[str, ...] = ()  # the columns (or settings) there, in file order
    derived: tuple[str, ...] = ()  # source columns the table's own code turns into columns
    noun: str = ""  # what one row is called in the build's messages
    dates: tuple[DateField, ...] = ()
    primary_key: tuple[str, ...] = ()  # a primary key of several columns
    without_rowid: bool = False
    indexes: tuple[Index, ...] = ()
    order: str = "id"  # the order of its rows in an export
    large: bool = False  # may hold very many rows: the validator streams it
    since: int = 1

    def columns_at(self, version: int) -> tuple[Column, ...]:
        """The columns the table had at schema ``version`` (none before it was added)."""
        if self.since > version:
            return ()
        return tuple(c for c in self.columns if c.since <= version)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def translatable(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.translatable)

    @property
    def references(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.references)

    def source_column(self, name: str) -> Column | None:
        """The column a source column fills (None for a derived one)."""
        for column in self.columns:
            if column.source_name == name:
                return column
        return None


def _id() -> Column:
    return Column("id", "INTEGER", primary_key=True)


def _key() -> Column:
    return Column("key", "TEXT", not_null=True, unique=True, required=True)


def _position() -> Column:
    return Column("position", "INTEGER", not_null=True)


def _text(
    name: str,
    limits: tuple[int, int],
    *,
    paragraphs: bool = False,
    advice: str = "",
    since: int = 1,
) -> Column:
    """A visitor text that may be empty (NOT NULL DEFAULT ''), translated."""
    return Column(
        name,
        "TEXT",
        not_null=True,
        default="",
        translatable=True,
        limits=limits,
        paragraphs=paragraphs,
        advice=advice,
        since=since,
    )


def _title(
    name: str, limits: tuple[int, int] = TITLE_LIMITS, *, paragraphs: bool = False
) -> Column:
    """A visitor text that must be there (NOT NULL, not blank), translated."""
    return Column(
        name,
        "TEXT",
        not_null=True,
        required=True,
        translatable=True,
        limits=limits,
        paragraphs=paragraphs,
    )


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _date(name: str, precision: str) -> tuple[Column, Column]:
    return Column(name, "TEXT"), Column(precision, "TEXT", choices=PRECISIONS)


def _ref(name: str, table: str, *, advice: str = "") -> Column:
    return Column(name, "INTEGER", references=table, advice=advice)


def _since(version: int, column: Column) -> Column:
    """``column``, added by schema ``version``."""
    return replace(column, since=version)


_NO_SOURCE: Final = "names no source"

TABLES: Final[tuple[Table, ...]] = (
    Table(
        "exhibit",
        (
            Column("id", "INTEGER", primary_key=True, check="id = 1"),
            Column("key", "TEXT", not_null=True, default="exhibit"),
            _title("title"),
            _text("subtitle", (120, 200)),
            Column("default_locale", "TEXT", not_null=True, required=True),
            Column(
                "locales",
                "TEXT",
                not_null=True,
                comment="JSON array of locale codes, default first",
            ),
            Column("content_version", "TEXT", not_null=True, required=True),
            _text("credits", (1000, 4000)),
            # one quiet line in memory of those the exhibit remembers (attract loop, memorial)
            _since(2, _text("dedication", (120, 200))),
            # the language a visit starts in (the attract screen's "touch elsewhere"), when it
            # is not the language the texts are written in; empty: the default language
            _since(
                2,
                Column(
                    "visit_locale",
                    "TEXT",
                    not_null=True,
                    default="",
                    comment="a code of locales, or empty: visits start in default_locale",
                ),
            ),
        ),
        max_rows=1,
        record=Exhibit,
        source="exhibit.toml",
        source_columns=_names(
            "title subtitle default_locale visit_locale locales content_version credits dedication"
        ),
    ),
    Table(
        "sources",
        (
            _id(),
            _key(),
            _title("title"),
            _text("detail", (600, 2000), paragraphs=True),
        ),
        max_rows=10_000,
        record=Source,
        source="exhibit.toml [[sources]]",
        source_columns=("key", "title", "detail"),
        noun="source",
    ),
    Table(
        "media",
        (
            _id(),
            _key(),
            Column("mime", "TEXT", not_null=True, required=True),
            Column("data", "BLOB", not_null=True),
            Column("width", "INTEGER", not_null=True, default=0),
            Column("height", "INTEGER", not_null=True, default=0),
            _text("alt", (250, 1000), advice="has no alt text (describe the image in words)"),
            _text("credit", (200, 500)),
        ),
        max_rows=10_000,
        record=Media,
        source="media.csv",
        source_columns=("key", "file", "alt", "credit"),
        derived=("file",),
        noun="image",
    ),
    Table(
        "sections",
        (
            _id(),
            _position(),
            _key(),
            _title("title"),
            _title("body", (3000, 4000), paragraphs=True),
            _ref("image_id", "media"),
            _ref("source_id", "sources", advice=_NO_SOURCE),
            Column("sensitive", "INTEGER", not_null=True, default=0, boolean=True),
            _text("advisory", (300, 600)),
        ),
        max_rows=1_000,
        record=Section,
        source="sections/NN-key.md",
        source_columns=("key", "title", "source", "sensitive", "advisory", "image"),
        noun="section",
        order="position, id",
    ),
    Table(
        "events",
        (
            _id(),
            _position(),
            _key(),
            *_date("start_date", "start_precision"),
            *_date("end_date", "end_precision"),
            _text("date_label", (60, 120)),
            _title("title"),
            _text("body", (1200, 3000), paragraphs=True),
            _text("era", (40, 80)),
            _text("category", (40, 80)),
            _ref("image_id", "media"),
            _ref("source_id", "sources", advice=_NO_SOURCE),
            _ref("section_id", "sections"),
            # the curator's short summary a timeline card shows (else the start of the body)
            _text("summary", (160, 240), since=2),
        ),
        max_rows=200_000,
        record=Event,
        source="timeline.csv",
        source_columns=_names(
            "key start_date start_precision end_date end_precision date_label title body era "
            "category image source section summary"
        ),
        noun="event",
        dates=(
            DateField("start", "start_date", "start_precision"),
            DateField("end", "end_date", "end_precision"),
        ),
        indexes=(Index("events_position", ("position",)),),
        order="position, id",
        large=True,
    ),
    Table(
        "statistics",
        (
            _id(),
            _position(),
            _key(),
            Column("value", "REAL", not_null=True),
            _text("unit", (20, 40)),
            _title("label", (60, 120)),
            _text("description", (300, 1000)),
            _ref("source_id", "sources", advice=_NO_SOURCE),
            _ref("parent_id", "statistics"),
            _since(
                2,
                Column("tone", "TEXT", not_null=True, default="loss", choices=TONES),
            ),
            # shown on the attract loop (the curator's choice); never when tied to a sensitive
            # section (its own section, or its whole's)
            _since(2, Column("attract", "INTEGER", not_null=True, default=0, boolean=True)),
            _since(2, _ref("section_id", "sections")),
            # what the rest of the whole is, where the parts do not add up to it
            _since(2, _text("remainder_label", (60, 120))),
        ),
        max_rows=10_000,
        record=Statistic,
        source="statistics.csv",
        source_columns=_names(
            "key value unit label description source parent tone attract section remainder_label"
        ),
        noun="figure",
        order="position, id",
    ),
    Table(
        "remembrance",
        (
            _id(),
            _position(),
            _key(),
            Column("kind", "TEXT", not_null=True, default="other", choices=REMEMBRANCE_KINDS),
            *_date("date", "date_precision"),
            _text("date_label", (60, 120)),
            _title("title"),
            _text("body", (1200, 3000), paragraphs=True),
            _ref("source_id", "sources", advice=_NO_SOURCE),
        ),
        max_rows=10_000,
        record=Remembrance,
        source="remembrance.csv",
        source_columns=_names("key kind date date_precision date_label title body source"),
        noun="remembrance item",
        dates=(DateField("date", "date", "date_precision"),),
        order="position, id",
    ),
    Table(
        "places",
        (
            _id(),
            _position(),
            _key(),
            _title("name", (60, 120)),
            _text("description", (600, 2000), paragraphs=True),
        ),
        max_rows=100_000,
        record=Place,
        source="places.csv",
        source_columns=("key", "name", "description"),
        noun="place",
        order="position, id",
        since=2,
    ),
    Table(
        "people",
        (
            _id(),
            _key(),
            Column("name", "TEXT", not_null=True, required=True, limits=(100, 200)),
            *_date("birth_date", "birth_precision"),
            *_date("death_date", "death_precision"),
            Column("age", "INTEGER"),
            _text("fate", (200, 1000)),
            _text("notes", (1000, 3000), paragraphs=True),
            _ref("photo_id", "media"),
            # Schema 2: the name's parts, how it was recorded, and where the person belongs.
            Column("surname", "TEXT", limits=(60, 100), since=2),
            Column("given_name", "TEXT", limits=(60, 100), since=2),
            Column("patronymic", "TEXT", limits=(60, 100), since=2),
            Column("name_lang", "TEXT", since=2),
            Column("name_script", "TEXT", choices=SCRIPTS, since=2),
            Column("other_spellings", "TEXT", limits=(300, 1000), separator=";", since=2),
            Column("fate_kind", "TEXT", choices=FATES, since=2),
            Column("place_id", "INTEGER", references="places", since=2),
            Column("family", "TEXT", since=2),
            Column("source_id", "INTEGER", references="sources", since=2),
            # Computed by build and import-people (never edited): the person's rank in the
            # names' own collation, and on the wall (place, family, name). 0, 1, 2...
            Column("name_order", "INTEGER", since=2),
            Column("wall_order", "INTEGER", since=2),
        ),
        max_rows=2_000_000,
        record=Person,
        source="people.csv",
        source_columns=_names(
            "key name birth_date birth_precision death_date death_precision age fate notes photo "
            "surname given_name patronymic name_lang name_script other_spellings fate_kind "
            "place family source"
        ),
        noun="person",
        dates=(
            DateField("birth_date", "birth_date", "birth_precision"),
            DateField("death_date", "death_date", "death_precision"),
        ),
        # Schema 3: no index on the name (nothing reads by it: 49 MB at 1M names), and the
        # place and family indexes hold only the people who have one.
        indexes=(
            Index("people_name", ("name",), until=3),
            Index("people_name_order", ("name_order",), since=2),
            Index("people_wall_order", ("wall_order",), since=2),
            Index("people_place", ("place_id", "name_order"), since=2, until=3),
            Index("people_family", ("family", "name_order"), since=2, until=3),
            Index("people_place", ("place_id", "name_order"), 3, where="place_id IS NOT NULL"),
            Index("people_family", ("family", "name_order"), 3, where="family IS NOT NULL"),
        ),
        large=True,
    ),
    Table(
        "relations",
        (
            _id(),
            Column("person_id", "INTEGER", not_null=True, references="people"),
            Column("kind", "TEXT", not_null=True, choices=RELATION_KINDS),
            Column("relative_id", "INTEGER", not_null=True, references="people"),
        ),
        max_rows=4_000_000,
        record=Relation,
        source="relations.csv",
        source_columns=("person", "kind", "relative"),
        noun="relation",
        indexes=(
            Index("relations_person", ("person_id",)),
            Index("relations_relative", ("relative_id",)),
        ),
        large=True,
        since=2,
    ),
    Table(
        "spelling_variants",
        (
            _id(),
            Column(
                "spellings",
                "TEXT",
                not_null=True,
                required=True,
                comment="one name in several spellings, '; ' between",
            ),
        ),
        max_rows=100_000,
        source="spelling_variants.csv",
        source_columns=("spellings",),
        noun="variant row",
        since=2,
    ),
    Table(
        "translations",
        (
            Column("tbl", "TEXT", not_null=True, required=True),
            Column("key", "TEXT", not_null=True, required=True),
            Column("field", "TEXT", not_null=True, required=True),
            Column("locale", "TEXT", not_null=True, required=True),
            Column("text", "TEXT", not_null=True),
        ),
        max_rows=10_000_000,
        source="translations/LL.csv",
        source_columns=("table", "key", "field", "text"),
        derived=("table",),
        primary_key=("tbl", "key", "field", "locale"),
        without_rowid=True,
        order="",
        large=True,
    ),
    Table(
        "locales",
        (
            Column("locale", "TEXT", primary_key=True, not_null=True, required=True),
            Column("review", "TEXT", not_null=True, required=True, choices=REVIEW_STATUSES),
        ),
        max_rows=1_000,
        noun="language",
        source="exhibit.toml [review]",
        source_columns=("locale", "review"),
        without_rowid=True,
        order="locale",
        since=2,
    ),
)
"""In creation order: each table's references point at a table before it."""

BY_NAME: Final[dict[str, Table]] = {t.name: t for t in TABLES}
# The newest table or column (the schema's ``PRAGMA user_version``; see ``schema``).
SCHEMA_VERSION: Final = max(
    [t.since for t in TABLES]
    + [c.since for t in TABLES for c in t.columns]
    + [i.since for t in TABLES for i in t.indexes]
    + [i.until for t in TABLES for i in t.indexes]
)
CONTENT_TABLES: Final[tuple[str, ...]] = tuple(BY_NAME)

# Every visitor-facing text field, by table. The base tables hold the exhibit's default
# locale; ``translations`` holds the others, keyed by the row's ``key``.
TRANSLATABLE: Final[dict[str, tuple[str, ...]]] = {
    t.name: t.translatable for t in TABLES if t.translatable
}


def table(name: str) -> Table:
    """The description of the table ``name`` (KeyError when there is none)."""
    return BY_NAME[name]
