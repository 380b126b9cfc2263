"""The default exhibit: built from db/source, committed up to date, and true to its seed text.

tests/content/seed_text.txt is a verbatim copy of the seed (shared/seeds/000_0d56beaacf8483c5.txt).
"""

from __future__ import annotations

import calendar
import re
import sqlite3
from pathlib import Path

import pytest

from kiosk.content.reader import Bundle
from kiosk.content.records import PartialDate
from kiosk.content.schema import TRANSLATABLE
from kiosk.content.source import build, export
from kiosk.content.validate import validate_bundle

from .test_source import tables, tree

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "db" / "source"
COMMITTED = ROOT / "db" / "exhibit.sqlite"
SEED = (Path(__file__).parent / "seed_text.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SOURCE, tmp_path_factory.mktemp("default") / "exhibit.sqlite").bundle


def numbers(text: str) -> set[int]:
    """The whole numbers written in a text: '1,275' is 1275, '7 thousand' is also 7000.

    Also in the translations: '7 min' (az) and '7 тысяч' (ru) are 7000 too.
    """
    found = {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\d|\d", text)}
    found |= {int(n) * 1000 for n in re.findall(r"(\d+)\s(?:thousand|min|тысяч)\b", text)}
    return found


def test_committed_bundle_is_a_fresh_build(fresh: Path) -> None:
    """db/exhibit.sqlite holds exactly what db/source builds to: rebuild it after editing."""
    assert tables(COMMITTED) == tables(fresh), (
        "db/exhibit.sqlite is stale: run kiosk-content build db/source -o db/exhibit.sqlite"
    )


def test_committed_bundle_is_the_bytes_a_build_makes(fresh: Path) -> None:
    """Byte for byte (but for the header's SQLite version fields, 92-100): a change of the
    build's statements shows here even when every table reads the same."""

    def bytes_of(path: Path) -> bytes:
        data = path.read_bytes()
        return data[:92] + data[100:]

    assert bytes_of(COMMITTED) == bytes_of(fresh), (
        "db/exhibit.sqlite is not what a build makes now: run "
        "kiosk-content build db/source -o db/exhibit.sqlite"
    )


def test_committed_bundle_validates_cleanly() -> None:
    """The shipped bundle has no errors, and no warnings but one per language whose
    translations await review by a native-speaking curator (az and ru, fully translated)."""
    report = validate_bundle(COMMITTED)
    assert report.ok, [str(p) for p in report.problems]
    assert [str(p) for p in report.warnings] == [
        "warning: locales: az: translations are a draft awaiting review",
        "warning: locales: ru: translations are a draft awaiting review",
    ]
    assert [(lang["locale"], lang["review"]) for lang in report.languages] == [
        ("en", "source"),
        ("az", "draft"),
        ("ru", "draft"),
    ]
    assert all(lang["translated"] == lang["total"] > 0 for lang in report.languages)


def test_source_is_in_canonical_form(fresh: Path, tmp_path: Path) -> None:
    """Exporting the built bundle gives db/source back byte for byte."""
    export(fresh, tmp_path / "exported")
    assert tree(tmp_path / "exported") == tree(SOURCE)


def test_exhibit_metadata() -> None:
    """Title, subtitle, English first then Azerbaijani and Russian, one source: the seed text."""
    with Bundle(COMMITTED) as bundle:
        exhibit = bundle.exhibit()
        assert (exhibit.title, exhibit.subtitle) == ("The Khojaly tragedy", "26 February 1992")
        assert exhibit.locales == ("en", "az", "ru") and exhibit.default_locale == "en"
        # written in English, visited in Azerbaijani first: offered as its visitors read
        assert exhibit.visit_locale == bundle.visit_locale == "az"
        assert bundle.listed_locales == ("az", "ru", "en")
        sources = list(bundle.sources().values())
        assert [s.key for s in sources] == ["seed"]
        assert sources[0].title == "The exhibit's source text"
        assert bundle.people_count() == 0


def test_no_images_or_people() -> None:
    """The seed has no pictures and names nobody: the bundle has neither."""
    conn = sqlite3.connect(COMMITTED)
    try:
        for table in ("media", "people"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    finally:
        conn.close()


def translated_pairs() -> list[tuple[str, str, str]]:
    """(where, English text, translated text) for every translation in the shipped bundle."""
    conn = sqlite3.connect(COMMITTED)
    try:
        pairs = []
        for table, key, field, locale, text in conn.execute(
            "SELECT tbl, key, field, locale, text FROM translations ORDER BY locale, tbl, key"
        ):
            assert field in TRANSLATABLE[table]
            row = conn.execute(
                f"SELECT {field} FROM {table} WHERE coalesce(key, 'exhibit') = ?", (key,)
            ).fetchone()
            assert row is not None, (locale, table, key)
            pairs.append((f"{locale} {table}.{key}.{field}", row[0] or "", text))
        return pairs
    finally:
        conn.close()


def test_every_text_is_in_azerbaijani_and_russian() -> None:
    """Each visitor text the English has is translated into az and ru, none left empty."""
    pairs = translated_pairs()
    have = {where.split(" ")[0] for where, _, _ in pairs}
    assert have == {"az", "ru"}
    assert not [where for where, english, text in pairs if english.strip() and not text.strip()]
    # that none is missing is test_committed_bundle_validates_cleanly: each would be a warning


def test_translations_carry_the_english_numbers() -> None:
    """A translation has exactly the numbers of the English text it translates.

    The English is checked against the seed (below); this carries that check over to az and ru.
    """
    wrong = {
        where: (sorted(numbers(english)), sorted(numbers(text)))
        for where, english, text in translated_pairs()
        if numbers(english) != numbers(text)
    }
    assert not wrong


def test_translations_do_not_mix_alphabets_in_a_word() -> None:
    """No word mixes Latin and Cyrillic letters (look-alikes such as a/а, o/о, e/е, x/х)."""
    mixed = {
        where: word
        for where, _, text in translated_pairs()
        for word in re.findall(r"\w+", text)
        if re.search(r"[A-Za-zƏəĞğİıŞşÇçÖöÜü]", word) and re.search(r"[\u0400-\u04ff]", word)
    }
    assert not mixed


def test_every_row_cites_the_seed() -> None:
    """Each section, event, figure and remembrance item names the seed as its source."""
    with Bundle(COMMITTED) as bundle:
        seed_id = next(iter(bundle.sources()))
        rows = [*bundle.sections(), *bundle.events(), *bundle.statistics(), *bundle.remembrance()]
        assert rows and all(r.source_id == seed_id for r in rows)


def test_sections_cover_the_text_and_flag_the_cruelty() -> None:
    """At least eight sections; only the one on killings 'with special cruelty' is sensitive."""
    with Bundle(COMMITTED) as bundle:
        sections = bundle.sections()
    assert len(sections) >= 8
    sensitive = [s for s in sections if s.sensitive]
    assert [s.key for s in sensitive] == ["special-cruelty"]
    assert "special cruelty" in sensitive[0].body
    advisory = sensitive[0].advisory
    assert "killings" in advisory and "mutilation" in advisory


def test_figures_match_the_issue_and_the_seed() -> None:
    """Every figure, its unit and its parent, as the seed gives them."""
    with Bundle(COMMITTED) as bundle:
        stats = bundle.statistics()
    by_id = {s.id: s.key for s in stats}
    got = {s.key: (s.value, s.unit, by_id.get(s.parent_id or -1, "")) for s in stats}
    assert got == {
        "population": (7000, "residents", ""),
        "distance": (14, "km", ""),
        "killed": (613, "people", ""),
        "killed-women": (106, "people", "killed"),
        "killed-children": (63, "people", "killed"),
        "killed-elderly": (70, "people", "killed"),
        "injured": (478, "people", ""),
        "hostages": (1275, "people", ""),
        "fate-unknown": (150, "people", "hostages"),
        "families": (8, "families", ""),
        "lost-both-parents": (24, "children", ""),
        "lost-one-parent": (130, "children", ""),
        "special-cruelty": (56, "people", ""),
    }


def test_figures_put_the_people_first_and_the_town_after() -> None:
    """The killed and their breakdown, the injured, the hostages and those whose fate is
    unknown, the families and the children: figures of loss, first; the town's population
    and distance after, as context."""
    with Bundle(COMMITTED) as bundle:
        stats = bundle.statistics()
    assert [s.key for s in stats] == [
        "killed",
        "killed-women",
        "killed-children",
        "killed-elderly",
        "injured",
        "hostages",
        "fate-unknown",
        "families",
        "lost-both-parents",
        "lost-one-parent",
        "special-cruelty",
        "population",
        "distance",
    ]
    tones = {s.key: s.tone for s in stats}
    assert {k for k, t in tones.items() if t == "context"} == {"population", "distance"}
    assert set(tones.values()) == {"loss", "context"}


def test_the_attract_loop_shows_no_figure_and_the_cruelty_is_tied_to_its_section() -> None:
    """The shipped loop shows title, date and dedication only: no figure is marked for it.
    The figure of those killed with special cruelty is tied to the sensitive section, so no
    curator's later tick could put it on the loop."""
    with Bundle(COMMITTED) as bundle:
        stats = {s.key: s for s in bundle.statistics()}
        sections = {s.id: s for s in bundle.sections()}
        exhibit = bundle.exhibit()
    assert not [k for k, s in stats.items() if s.attract]
    cruelty = sections[stats["special-cruelty"].section_id or -1]
    assert cruelty.key == "special-cruelty" and cruelty.sensitive
    assert exhibit.dedication == "In memory of the victims of the Khojaly genocide"
    # the seed's own words: "in memory of the Khojaly genocide victims"
    assert "in memory of the Khojaly genocide victims" in SEED


def test_timeline_dates_and_labels() -> None:
    """The dated events carry the seed's dates and precisions; the undated ones have none."""
    with Bundle(COMMITTED) as bundle:
        events = bundle.events()
    got = [
        (
            e.key,
            e.start.value if e.start else None,
            e.start.precision.value if e.start else None,
            e.date_label,
        )
        for e in events
    ]
    assert got == [
        ("conflict-begins", "1988", "year", ""),
        ("meskheti-turks", "1989", "year", ""),
        ("the-attack", "1992-02-26", "day", "Night of 26 February 1992"),
        ("khojaly-occupied", "1992-02-26T05:00", "time", "26 February 1992, by 5 AM"),
        ("decree-1994", "1994-03-01", "day", ""),
        ("day-of-mourning", None, None, ""),
        ("minute-of-silence", "1997-02-26", "day", ""),
        ("yearly-address", None, None, "Every year on 26 February"),
    ]
    assert "366th" in events[2].body


def test_remembrance_items() -> None:
    """Mourning day (undated decree) first, then the 1994 and 1997 decrees and the yearly
    address: remembrance before administration."""
    with Bundle(COMMITTED) as bundle:
        items = bundle.remembrance()
    got = [(r.key, r.kind, r.date.value if r.date else None, r.date_label) for r in items]
    assert got == [
        ("day-of-mourning", "observance", None, "26 February"),
        ("decree-1994", "decree", "1994-03-01", ""),
        ("minute-of-silence", "decree", "1997-02-26", ""),
        ("yearly-address", "address", None, "Every year on 26 February"),
    ]


def test_every_number_in_the_bundle_is_in_the_seed() -> None:
    """No figure, date or number in any text was invented: each occurs in the seed."""
    seed_numbers = numbers(SEED)
    conn = sqlite3.connect(COMMITTED)
    try:
        found: dict[int, str] = {}
        for table, fields in TRANSLATABLE.items():
            for field in fields:
                for (text,) in conn.execute(f"SELECT {field} FROM {table}"):
                    found.update(dict.fromkeys(numbers(text or ""), f"{table}.{field}"))
        for (value,) in conn.execute("SELECT value FROM statistics"):
            found[int(value)] = "statistics.value"
    finally:
        conn.close()
    invented = {n: where for n, where in found.items() if n not in seed_numbers}
    assert not invented


def seed_says_date(value: str) -> bool:
    """The seed writes this partial date: its year, and its day and month, and its hour."""
    date = PartialDate.parse(value, {4: "year", 10: "day", 16: "time"}[len(value)])
    if date.year not in numbers(SEED):
        return False
    if date.month is not None and date.day is not None:
        month = calendar.month_name[date.month]
        day = rf"{date.day}(?:st|nd|rd|th)?"
        said = rf"{month} {day}\b|\b{day} (?:day of )?{month}|\b{day} {month}"
        if not re.search(said, SEED):
            return False
    return date.hour is None or f"{date.hour} AM" in SEED or f"{date.hour - 12} PM" in SEED


def test_every_date_is_in_the_seed() -> None:
    """Each event and remembrance date is written in the seed (year, day and month, hour)."""
    with Bundle(COMMITTED) as bundle:
        dates = [e.start.value for e in bundle.events() if e.start]
        dates += [r.date.value for r in bundle.remembrance() if r.date]
    assert dates and [d for d in dates if not seed_says_date(d)] == []


def test_every_seed_figure_is_told_in_a_section() -> None:
    """The narrative covers all the seed's figures, not only the numbers screen."""
    with Bundle(COMMITTED) as bundle:
        told = numbers(" ".join(s.body for s in bundle.sections()))
    assert {
        14,
        7000,
        1988,
        1989,
        1992,
        366,
        5,
        613,
        478,
        1275,
        150,
        106,
        63,
        70,
        8,
        24,
        130,
        56,
        1994,
        1997,
        26,
    } <= told
