"""The shape of a table's description: ``Column``, ``Index``, ``DateField``, ``Table``, the
values some columns allow, and the helpers the descriptions are written with (see the
package's docstring)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final, Literal

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
    until: int = 0  # the schema version that dropped it (0: still there)
    # The schema version from which ``unique`` is no longer a UNIQUE constraint (and its
    # index) in the DDL: validate still checks it, in one sort (0: a constraint throughout).
    unique_until: int = 0
    separator: str = ""  # a list of texts in one column, this between them (a tuple in records)
    # A value stored once: from schema ``empty_since``, an empty text stands for this SQL
    # expression of the row's other columns (``{t}`` is where a table alias goes). Read
    # through ``read_sql``; writers store '' when the value is what it would stand for.
    empty_means: str = ""
    empty_since: int = 0
    # ``empty_means`` in Python, of a row read by column name (validate reads the row's own
    # bounded values once rather than have SQLite join unbounded ones several times).
    derive: Callable[[Mapping[str, Any]], str] | None = None

    def at(self, version: int) -> bool:
        """Whether a bundle of schema ``version`` has this column."""
        return self.since <= version and (not self.until or version < self.until)

    def unique_sql(self, version: int) -> bool:
        """Whether the DDL of schema ``version`` declares this column UNIQUE."""
        return self.unique and (not self.unique_until or version < self.unique_until)

    @property
    def source_name(self) -> str:
        """The column's name in the editable source (``image`` for ``image_id``)."""
        return self.name.removesuffix("_id") if self.references else self.name


def read_sql(column: Column, version: int, alias: str = "") -> str:
    """The SQL that reads ``column``'s value in a bundle of schema ``version``: the column
    itself, or, for a value stored once (``empty_means``), what its empty text stands for."""
    prefix = f"{alias}." if alias else ""
    own = f"{prefix}{column.name}"
    if not column.empty_means or version < column.empty_since:
        return own
    return f"CASE WHEN {own} = '' THEN {column.empty_means.format(t=prefix)} ELSE {own} END"


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
        return tuple(c for c in self.columns if c.at(version))

    def rebuilt_at(self, version: int) -> bool:
        """Whether schema ``version`` makes the table anew: it dropped a column or a UNIQUE
        constraint, which no ALTER TABLE can."""
        return self.since < version and any(
            version in (c.until, c.unique_until) for c in self.columns
        )

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


def id_column() -> Column:
    return Column("id", "INTEGER", primary_key=True)


def key_column(*, unique_until: int = 0) -> Column:
    return Column(
        "key", "TEXT", not_null=True, unique=True, required=True, unique_until=unique_until
    )


def position_column() -> Column:
    return Column("position", "INTEGER", not_null=True)


def text_column(
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


def title_column(
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


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def date_columns(name: str, precision: str) -> tuple[Column, Column]:
    return Column(name, "TEXT"), Column(precision, "TEXT", choices=PRECISIONS)


def ref_column(name: str, table: str, *, advice: str = "") -> Column:
    return Column(name, "INTEGER", references=table, advice=advice)


def added(version: int, column: Column) -> Column:
    """``column``, added by schema ``version``."""
    return replace(column, since=version)


NO_SOURCE: Final = "names no source"
