"""What the studio's forms are made of: one ``FieldSpec`` per source column, generated from the
table descriptions (kiosk.content.tables), with the words a curator reads from ``LABELS``.

The descriptions say a column's type, whether it is required, translated, a long text, a
choice, a boolean, a reference or half of a date with its precision; this module turns that
into the kind of editor a form shows. A new column or table gets a form by itself (its label is
its name, made readable, until ``LABELS`` has better words).

``LABELS`` is the studio's own mapping (table, column) -> (label, help), kept here rather than
in tables.py so the descriptions stay about data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kiosk.content import tables
from kiosk.studio.document import EXHIBIT, SECTIONS, source_columns

# Table -> (what the outline calls it, what one row is called).
TABLE_TITLES: Final[dict[str, tuple[str, str]]] = {
    "exhibit": ("Exhibit and languages", "exhibit"),
    "sections": ("History sections", "section"),
    "events": ("Timeline", "event"),
    "statistics": ("Figures (In numbers)", "figure"),
    "remembrance": ("Remembrance", "remembrance item"),
    "people": ("People (names)", "person"),
    "places": ("Places", "place"),
    "media": ("Images", "image"),
    "sources": ("Sources", "source"),
    "translations": ("Translations", "translation"),
    "locales": ("Review status", "language"),
}

# The outline's order; a table not named here follows, in the descriptions' order.
OUTLINE_ORDER: Final = (
    "exhibit",
    "sections",
    "events",
    "statistics",
    "remembrance",
    "people",
    "places",
    "media",
    "sources",
)

_ANY: Final = "*"

# (table or "*", column) -> (label, help). "*" applies to every table without its own entry.
LABELS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    (_ANY, "key"): (
        "Key",
        "A short name other rows use to point at this one (letters, digits, - _ .). "
        "Visitors never see it.",
    ),
    (_ANY, "title"): ("Title", "The heading visitors read."),
    (_ANY, "body"): ("Text", "What visitors read. An empty line starts a new paragraph."),
    (_ANY, "source"): ("Source", "Where this comes from: one of the exhibit's sources."),
    (_ANY, "image"): ("Image", "An image from Images shown with it (optional)."),
    (_ANY, "date_label"): (
        "Date as shown",
        'Replaces the written date where a date cannot say it ("Night of 26 February 1992").',
    ),
    ("exhibit", "title"): ("Exhibit title", "Shown on the attract loop and the home screen."),
    ("exhibit", "subtitle"): ("Subtitle", "A line under the title, such as the date."),
    ("exhibit", "default_locale"): (
        "Main language",
        "The language the main texts are written in (a code such as en, az, ru).",
    ),
    ("exhibit", "visit_locale"): (
        "Visits start in",
        "The language the kiosk greets a new visitor in (a code such as az); empty: the main "
        "language. Visitors can always change it.",
    ),
    ("exhibit", "locales"): (
        "Languages offered",
        "Every language the kiosk offers, the main one included, separated by commas.",
    ),
    ("exhibit", "content_version"): (
        "Content version",
        "Your own label for this edition (shown on the admin screen).",
    ),
    ("exhibit", "credits"): ("Credits", "Who made the exhibit and where its material is from."),
    ("sources", "detail"): (
        "Details",
        "Author, title, date, archive reference: what a reader needs.",
    ),
    ("sections", "sensitive"): (
        "Sensitive",
        "Graphic descriptions of violence: the kiosk announces the section first and the "
        "visitor chooses to read or skip it.",
    ),
    ("sections", "advisory"): (
        "Advisory",
        "For a sensitive section: what is ahead, in plain words "
        '("descriptions of killings and mutilation"), not only that it may upset.',
    ),
    ("sections", "body"): (
        "Text",
        "The section's text, as the kiosk shows it. An empty line starts a new paragraph; keep "
        "paragraphs short, visitors read standing.",
    ),
    ("events", "start_date"): ("Date", "As far as it is known: a year, a month, a day, a time."),
    ("events", "end_date"): ("Until", "For an event that lasted: when it ended (optional)."),
    ("events", "era"): ("Era", 'A plain grouping word shown on the timeline ("The conflict").'),
    ("events", "category"): ("Category", "An optional grouping word."),
    ("events", "section"): ("Read more in", "A History section that tells more (optional)."),
    ("statistics", "value"): ("Number", "A plain number: 1275 or 2.5 (no thousands commas)."),
    ("statistics", "unit"): ("Unit", 'Written after the number ("km", "residents").'),
    ("statistics", "label"): ("Says", "What the number counts, as visitors read it."),
    ("statistics", "description"): ("Explanation", "A sentence or two of context."),
    ("statistics", "parent"): (
        "Part of",
        "Another figure this one is a part of (106 women of 613 killed): drawn as a part of "
        "that whole.",
    ),
    ("remembrance", "kind"): ("Kind", "An observance, a decree, an address, or other."),
    ("remembrance", "date"): ("Date", "As far as it is known (only where the source gives one)."),
    ("people", "name"): ("Name", "The name as the family and the sources write it."),
    ("people", "birth_date"): ("Born", "As far as it is known."),
    ("people", "death_date"): ("Died", "As far as it is known."),
    ("people", "age"): ("Age", "In whole years, where known."),
    ("people", "fate"): ("Fate", "What happened to them, briefly."),
    ("people", "notes"): ("Notes", "More about them."),
    ("people", "photo"): ("Photo", "An image from Images (with alt text and credit)."),
    ("media", "file"): ("File", "The image file in the media folder (drop an image to add one)."),
    ("media", "alt"): (
        "Alt text",
        "The image described in words, for visitors who cannot see it. Required.",
    ),
    ("media", "credit"): ("Credit", "Who made the image and who holds its rights. Required."),
}

PRECISION_LABELS: Final[dict[str, str]] = {
    "": "(from the date's shape)",
    "year": "Year",
    "month": "Month",
    "day": "Day",
    "time": "Day and time",
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One editor of a form."""

    table: str
    name: str  # the source column (or section setting)
    kind: str  # text, longtext, number, integer, boolean, choice, date, reference, locales, file
    label: str
    help: str
    required: bool = False
    translatable: bool = False
    limits: tuple[int, int] | None = None
    choices: tuple[str, ...] = ()
    references: str = ""  # the table whose keys a reference chooses from
    precision: str = ""  # a date's precision column


def label_for(table: str, name: str) -> tuple[str, str]:
    """(label, help) of a column: its own words, the words every table shares, or its name."""
    found = LABELS.get((table, name)) or LABELS.get((_ANY, name))
    if found:
        return found
    return name.replace("_", " ").capitalize(), ""


def table_title(table: str) -> str:
    return TABLE_TITLES.get(table, (table.replace("_", " ").capitalize(), table))[0]


def row_noun(table: str) -> str:
    return TABLE_TITLES.get(table, ("", tables.table(table).noun or "row"))[1]


def outline_tables(present: tuple[str, ...]) -> list[str]:
    """The tables of the outline in the curator's order; unknown ones (new tables) after."""
    known = [t for t in OUTLINE_ORDER if t in present or t == EXHIBIT]
    return known + [t for t in present if t not in known]


def fields(table: str) -> list[FieldSpec]:
    """The form of ``table``, in source order: one editor per source column, a date and its
    precision as one editor."""
    desc = tables.table(table)
    precisions = {d.precision: d for d in desc.dates}
    dates = {d.value: d for d in desc.dates}
    out: list[FieldSpec] = []
    names = fmtless_columns(table)
    for name in names:
        if name in precisions:
            continue
        label, help_text = label_for(table, name)
        column = desc.source_column(name)
        if table == SECTIONS and name == "body":
            column = desc.column("body")
        if column is None:  # derived by the table's own code: a media file name
            out.append(FieldSpec(table, name, "file", label, help_text, required=True))
            continue
        kind = _kind(table, name, column)
        date = dates.get(column.name)
        out.append(
            FieldSpec(
                table,
                name,
                kind,
                label,
                help_text,
                required=column.required or (column.not_null and column.type == "REAL"),
                translatable=column.translatable,
                limits=column.limits,
                choices=column.choices,
                references=column.references,
                precision=date.precision if date is not None else "",
            )
        )
    return out


def fmtless_columns(table: str) -> tuple[str, ...]:
    if table == EXHIBIT:
        return tables.table(EXHIBIT).source_columns
    return source_columns(table)


def _kind(table: str, name: str, column: tables.Column) -> str:
    if table == EXHIBIT and name == "locales":
        return "locales"
    if any(d.value == column.name for d in tables.table(table).dates):
        return "date"
    if column.references:
        return "reference"
    if column.boolean:
        return "boolean"
    if column.choices:
        return "choice"
    if column.type == "REAL":
        return "number"
    if column.type == "INTEGER":
        return "integer"
    if column.paragraphs or (column.limits is not None and column.limits[0] >= 250):
        return "longtext"
    return "text"
