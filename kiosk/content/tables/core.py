"""The exhibit's own tables (its texts, images, sources, sections, timeline, figures and
remembrance) and its languages (translations and review statuses)."""

from __future__ import annotations

from typing import Final

from kiosk.content.records import Event, Exhibit, Media, Remembrance, Section, Source, Statistic
from kiosk.content.tables.model import (
    NO_SOURCE,
    REMEMBRANCE_KINDS,
    REVIEW_STATUSES,
    TONES,
    Column,
    DateField,
    Index,
    Table,
    added,
    date_columns,
    id_column,
    key_column,
    position_column,
    ref_column,
    text_column,
    title_column,
    words,
)

EXHIBIT_TABLES: Final[tuple[Table, ...]] = (
    Table(
        "exhibit",
        (
            Column("id", "INTEGER", primary_key=True, check="id = 1"),
            Column("key", "TEXT", not_null=True, default="exhibit"),
            title_column("title"),
            text_column("subtitle", (120, 200)),
            Column("default_locale", "TEXT", not_null=True, required=True),
            Column(
                "locales",
                "TEXT",
                not_null=True,
                comment="JSON array of locale codes, default first",
            ),
            Column("content_version", "TEXT", not_null=True, required=True),
            text_column("credits", (1000, 4000)),
            # one quiet line in memory of those the exhibit remembers (attract loop, memorial)
            added(2, text_column("dedication", (120, 200))),
            # the language a visit starts in (the attract screen's "touch elsewhere"), when it
            # is not the language the texts are written in; empty: the default language
            added(
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
        source_columns=words(
            "title subtitle default_locale visit_locale locales content_version credits dedication"
        ),
    ),
    Table(
        "sources",
        (
            id_column(),
            key_column(),
            title_column("title"),
            text_column("detail", (600, 2000), paragraphs=True),
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
            id_column(),
            key_column(),
            Column("mime", "TEXT", not_null=True, required=True),
            Column("data", "BLOB", not_null=True),
            Column("width", "INTEGER", not_null=True, default=0),
            Column("height", "INTEGER", not_null=True, default=0),
            text_column("alt", (250, 1000), advice="has no alt text (describe the image in words)"),
            text_column("credit", (200, 500)),
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
            id_column(),
            position_column(),
            key_column(),
            title_column("title"),
            title_column("body", (3000, 4000), paragraphs=True),
            ref_column("image_id", "media"),
            ref_column("source_id", "sources", advice=NO_SOURCE),
            Column("sensitive", "INTEGER", not_null=True, default=0, boolean=True),
            text_column("advisory", (300, 600)),
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
            id_column(),
            position_column(),
            key_column(),
            *date_columns("start_date", "start_precision"),
            *date_columns("end_date", "end_precision"),
            text_column("date_label", (60, 120)),
            title_column("title"),
            text_column("body", (1200, 3000), paragraphs=True),
            text_column("era", (40, 80)),
            text_column("category", (40, 80)),
            ref_column("image_id", "media"),
            ref_column("source_id", "sources", advice=NO_SOURCE),
            ref_column("section_id", "sections"),
            # the curator's short summary a timeline card shows (else the start of the body)
            text_column("summary", (160, 240), since=2),
        ),
        max_rows=200_000,
        record=Event,
        source="timeline.csv",
        source_columns=words(
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
            id_column(),
            position_column(),
            key_column(),
            Column("value", "REAL", not_null=True),
            text_column("unit", (20, 40)),
            title_column("label", (60, 120)),
            text_column("description", (300, 1000)),
            ref_column("source_id", "sources", advice=NO_SOURCE),
            ref_column("parent_id", "statistics"),
            added(
                2,
                Column("tone", "TEXT", not_null=True, default="loss", choices=TONES),
            ),
            # shown on the attract loop (the curator's choice); never when tied to a sensitive
            # section (its own section, or its whole's)
            added(2, Column("attract", "INTEGER", not_null=True, default=0, boolean=True)),
            added(2, ref_column("section_id", "sections")),
            # what the rest of the whole is, where the parts do not add up to it
            added(2, text_column("remainder_label", (60, 120))),
        ),
        max_rows=10_000,
        record=Statistic,
        source="statistics.csv",
        source_columns=words(
            "key value unit label description source parent tone attract section remainder_label"
        ),
        noun="figure",
        order="position, id",
    ),
    Table(
        "remembrance",
        (
            id_column(),
            position_column(),
            key_column(),
            Column("kind", "TEXT", not_null=True, default="other", choices=REMEMBRANCE_KINDS),
            *date_columns("date", "date_precision"),
            text_column("date_label", (60, 120)),
            title_column("title"),
            text_column("body", (1200, 3000), paragraphs=True),
            ref_column("source_id", "sources", advice=NO_SOURCE),
        ),
        max_rows=10_000,
        record=Remembrance,
        source="remembrance.csv",
        source_columns=words("key kind date date_precision date_label title body source"),
        noun="remembrance item",
        dates=(DateField("date", "date", "date_precision"),),
        order="position, id",
    ),
)
"""The exhibit: in creation order, each table's references pointing at a table before it."""

LANGUAGE_TABLES: Final[tuple[Table, ...]] = (
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
"""Created last: translations name rows of every other table by key."""
