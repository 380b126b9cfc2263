"""The bundle schema's DDL and migrations, made from the table descriptions (``tables``).

The schema version lives in ``PRAGMA user_version``; it is the highest ``since`` of any
table or column. Migrations run through sqlite-utils' ``Migrations`` when a bundle is
*built* (never by the kiosk, which opens bundles read-only): ``0001_initial`` creates the
tables of version 1, and each later version's migration creates the tables and appends the
columns that version added (``upgrade_statements``). A bundle whose version is newer than
``SCHEMA_VERSION`` is refused by the reader; an older one is read as it is, with what later
versions added read as empty tables and default values (``reader.open_bundle``).

The SQL text is part of every bundle's bytes (sqlite_master keeps it as written), so its
layout is fixed here: one column a line, a long CHECK on a line of its own, a comment at
column 40. The default exhibit builds byte-identical to the committed db/exhibit.sqlite.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Final

from kiosk.content.names.index import FORMER_FTS, PLAIN_FTS
from kiosk.content.names.index import ONE_TABLE_SCHEMA as NAME_INDEX_SCHEMA
from kiosk.content.tables import (
    BY_NAME,
    CONTENT_TABLES,
    PRECISIONS,
    REMEMBRANCE_KINDS,
    REVIEW_STATUSES,
    SCHEMA_VERSION,
    TABLES,
    TRANSLATABLE,
    Column,
    Index,
    Table,
    read_sql,
)

__all__ = [
    "CONTENT_TABLES",
    "PRECISIONS",
    "REMEMBRANCE_KINDS",
    "REVIEW_STATUSES",
    "SCHEMA_VERSION",
    "TRANSLATABLE",
    "compact_statements",
    "create_or_migrate",
    "read_sql",
    "table_columns",
]

# Tables that are not described in ``tables``, by the version that added them: the name
# search's index (kiosk/content/names), which ``build_index`` empties and fills again.
EXTRA_STATEMENTS: Final[dict[int, tuple[str, ...]]] = {2: NAME_INDEX_SCHEMA, 5: (PLAIN_FTS,)}
# Of those, the definitions earlier builds made that a bundle may still have, by table: the
# program reads them as they are (and makes them anew at the next build).
FORMER_DEFINITIONS: Final[dict[str, tuple[str, ...]]] = {"people_search": FORMER_FTS}

# A column definition longer than this puts its CHECK on a line of its own.
_DDL_WIDTH: Final = 88
_COMMENT_AT: Final = 40


def _literal(value: str | int) -> str:
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def column_sql(column: Column, version: int = SCHEMA_VERSION) -> str:
    """The column's definition in ``CREATE TABLE`` (or ``ALTER TABLE ... ADD COLUMN``) at
    schema ``version``."""
    parts = [column.name, column.type]
    if column.primary_key:
        parts.append("PRIMARY KEY")
    if column.not_null:
        parts.append("NOT NULL")
    if column.unique_sql(version):
        parts.append("UNIQUE")
    if column.default is not None:
        parts.append(f"DEFAULT {_literal(column.default)}")
    head = " ".join(parts)
    checks = []
    if column.check:
        checks.append(column.check)
    if column.boolean:
        checks.append(f"{column.name} IN (0, 1)")
    if column.choices:
        checks.append(f"{column.name} IN ({', '.join(_literal(c) for c in column.choices)})")
    check = " ".join(f"CHECK ({c})" for c in checks)
    if check:
        one_line = f"    {head} {check},"
        head += ("\n        " if len(one_line) > _DDL_WIDTH else " ") + check
    if column.references:
        head += f" REFERENCES {column.references}(id)"
    return head


def column_default_sql(column: Column) -> str:
    """The column's default as an SQL literal (``NULL`` when it has none)."""
    return "NULL" if column.default is None else _literal(column.default)


def create_table_sql(table: Table, version: int = SCHEMA_VERSION) -> str:
    """``CREATE TABLE`` for ``table`` with the columns it had at schema ``version``."""
    columns = table.columns_at(version)
    lines = []
    for number, column in enumerate(columns, start=1):
        last = number == len(columns) and not table.primary_key
        line = f"    {column_sql(column, version)}{'' if last else ','}"
        if column.comment:
            line = f"{line:<{_COMMENT_AT - 1}} -- {column.comment}"
        lines.append(line)
    if table.primary_key:
        lines.append(f"    PRIMARY KEY ({', '.join(table.primary_key)})")
    tail = ") WITHOUT ROWID" if table.without_rowid else ")"
    return f"CREATE TABLE {table.name} (\n" + "\n".join(lines) + f"\n{tail}"


def create_index_sql(table: Table, index: Index) -> str:
    sql = f"CREATE INDEX {index.name} ON {table.name}({', '.join(index.columns)})"
    return f"{sql} WHERE {index.where}" if index.where else sql


def table_indexes(table: Table, version: int = SCHEMA_VERSION) -> tuple[Index, ...]:
    """The indexes ``table`` has in a bundle of schema ``version``."""
    return tuple(index for index in table.indexes if index.at(version))


def create_statements(version: int) -> list[str]:
    """The statements that create the tables and indexes of schema ``version`` from nothing."""
    statements = []
    for table in TABLES:
        if table.since <= version:
            statements.append(create_table_sql(table, version))
            statements.extend(create_index_sql(table, i) for i in table_indexes(table, version))
    for since, extra in sorted(EXTRA_STATEMENTS.items()):
        if since <= version:
            statements.extend(extra)
    return statements


def compact_sql(table: Table, column: Column) -> str:
    """The UPDATE that stores ``column`` once (``Column.empty_means``): '' where the value is
    what an empty one stands for."""
    means = column.empty_means.format(t="")
    return (
        f"UPDATE {table.name} SET {column.name} = '' "
        f"WHERE {column.name} <> '' AND {column.name} = {means}"
    )


def compact_statements(version: int = SCHEMA_VERSION) -> list[str]:
    """``compact_sql`` for every column a bundle of schema ``version`` stores once (a build
    runs them after its inserts)."""
    return [
        compact_sql(table, column)
        for table in TABLES
        if table.since <= version
        for column in table.columns
        if column.empty_means and column.empty_since <= version
    ]


def rebuild_statements(table: Table, version: int, fill: str = "") -> list[str]:
    """The statements that make ``table`` anew as schema ``version`` has it: what an ALTER
    TABLE cannot do (drop a column or a UNIQUE constraint), or a table written in a new
    order. ``fill`` is the INSERT that fills it from the old table, named ``{old}`` in it
    (by default: every column both have, ids too, in rowid order).

    The old table is renamed away with ``legacy_alter_table`` on, so that the other tables'
    REFERENCES to it are left as written; the new one is created with its exact text (the
    shape check compares it), filled, and its indexes made after the old one is gone."""
    old = f"{table.name}_before_{version}"
    kept = ", ".join(c.name for c in table.columns_at(version) if c.at(version - 1))
    fill = fill or f"INSERT INTO {table.name} ({kept}) SELECT {kept} FROM {{old}} ORDER BY rowid"
    return [
        "PRAGMA legacy_alter_table = ON",
        f"ALTER TABLE {table.name} RENAME TO {old}",
        "PRAGMA legacy_alter_table = OFF",
        create_table_sql(table, version),
        fill.format(old=old),
        f"DROP TABLE {old}",
        *(create_index_sql(table, i) for i in table_indexes(table, version)),
    ]


def upgrade_statements(version: int) -> list[str]:
    """The statements that take a bundle of schema ``version - 1`` to ``version``: the tables
    and the columns (appended, so listed last in their table) that ``version`` added, the
    indexes it dropped and those it added, the tables it made anew (``rebuild_statements``),
    and the values it stores once from then on."""
    statements = []
    for table in TABLES:
        if table.since == version:
            statements.append(create_table_sql(table, version))
            statements.extend(create_index_sql(table, i) for i in table_indexes(table, version))
        elif table.rebuilt_at(version):
            statements.extend(rebuild_statements(table, version))
            statements.extend(
                compact_sql(table, c) for c in table.columns if c.empty_since == version
            )
        elif table.since < version:
            statements.extend(
                f"ALTER TABLE {table.name} ADD COLUMN {column_sql(c, version)}"
                for c in table.columns
                if c.since == version
            )
            statements.extend(
                f"DROP INDEX {index.name}" for index in table.indexes if index.until == version
            )
            statements.extend(
                create_index_sql(table, index) for index in table.indexes if index.since == version
            )
            statements.extend(
                compact_sql(table, c) for c in table.columns if c.empty_since == version
            )
    statements.extend(EXTRA_STATEMENTS.get(version, ()))
    return statements


def _migration_name(version: int) -> str:
    return "0001_initial" if version == 1 else f"{version:04d}_schema_{version}"


if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations


def _executor(statements: list[str]) -> Callable[[sqlite_utils.Database], None]:
    def apply(db: sqlite_utils.Database) -> None:
        # One statement at a time: executescript() would commit the migration's transaction.
        for statement in statements:
            db.execute(statement)

    return apply


@cache
def migrations() -> Migrations:
    """The migrations, made when first needed: sqlite-utils is for building bundles, and its
    import (click, pluggy, ...) is kept off the kiosk's way to its first frame."""
    from sqlite_utils.migrations import Migrations  # noqa: PLC0415

    made = Migrations("kiosk-bundle")
    made(name=_migration_name(1))(_executor(create_statements(1)))
    for version in range(2, SCHEMA_VERSION + 1):
        made(name=_migration_name(version))(_executor(upgrade_statements(version)))
    return made


def create_or_migrate(db: sqlite_utils.Database, version: int = SCHEMA_VERSION) -> None:
    """Bring a writable database (a bundle being built) up to ``version`` (by default the
    newest, ``SCHEMA_VERSION``; an older one makes the shape an older bundle has)."""
    if not 1 <= version <= SCHEMA_VERSION:
        raise ValueError(f"there is no schema version {version} (1 to {SCHEMA_VERSION})")
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise ValueError(
            f"this database has schema version {current}; this program knows up to "
            f"{SCHEMA_VERSION}: use a newer kiosk-content"
        )
    later = [_migration_name(v) for v in range(version + 1, SCHEMA_VERSION + 1)]
    migrations().apply(db, stop_before=later[0] if later else None)
    db.execute(f"PRAGMA user_version = {max(version, current)}")


def table_columns(table: str, version: int = SCHEMA_VERSION) -> tuple[str, ...]:
    """The column names of ``table`` in a bundle of schema ``version``, in order (for
    explicit SELECTs); none when the table is newer than that."""
    return tuple(c.name for c in BY_NAME[table].columns_at(version))


def tables_at(version: int) -> tuple[str, ...]:
    """The content tables a bundle of schema ``version`` has."""
    return tuple(t.name for t in TABLES if t.since <= version)
