"""Recall across alphabets: pairs that must match, near-names that must not match strongly."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.content.names import PersonNames, Strength, build_index, search

from .conftest import EXAMPLE_VARIANTS

# (field, as recorded, [spellings a visitor may type]): generic name stems, no one's name.
GROUPS: list[tuple[str, str, list[str]]] = [
    ("surname", "Məmmədov", ["Мамедов", "Mammadov", "Mamedov", "Memmedov"]),
    ("surname", "Hüseynov", ["Гусейнов", "Huseynov", "Guseynov", "Guseinov"]),
    ("surname", "Əliyev", ["Алиев", "Aliyev", "Aliev", "Eliyev"]),
    ("surname", "Qasımov", ["Гасымов", "Gasimov", "Qasimov", "Gasymov"]),
    ("surname", "Cəfərov", ["Джафаров", "Jafarov", "Dzhafarov", "Djafarov", "Cafarov"]),
    ("surname", "İsmayılov", ["Исмаилов", "Исмайлов", "Ismayilov", "Ismailov"]),
    ("surname", "Həsənov", ["Гасанов", "Hasanov", "Gasanov"]),
    ("surname", "Quliyev", ["Кулиев", "Гулиев", "Guliyev", "Kuliev"]),
    ("surname", "Kərimov", ["Керимов", "Karimov", "Kerimov"]),
    ("surname", "Rəhimov", ["Рагимов", "Rahimov", "Ragimov"]),
    ("surname", "Bağırov", ["Багиров", "Bagirov", "Baghirov"]),
    ("surname", "Səfərov", ["Сафаров", "Safarov"]),
    ("surname", "Nəbiyev", ["Набиев", "Nabiyev", "Nabiev"]),
    ("surname", "Şükürov", ["Шукюров", "Shukurov", "Sukurov"]),
    ("surname", "Orucov", ["Оруджев", "Orujov"]),
    ("surname", "Hacıyev", ["Гаджиев", "Hajiyev", "Gadzhiev", "Hadjiyev"]),
    ("surname", "Əhmədov", ["Ахмедов", "Akhmedov", "Ahmadov"]),
    ("surname", "Süleymanov", ["Сулейманов", "Suleymanov", "Suleimanov"]),
    ("surname", "Musayev", ["Мусаев", "Musaev"]),
    ("surname", "Rzayev", ["Рзаев", "Rzaev"]),
    ("surname", "Məmmədova", ["Мамедова", "Mammadova", "Мамедов", "Mammadov"]),
    ("surname", "Əliyeva", ["Алиева", "Aliyeva", "Aliev"]),
    ("surname", "Мамедов", ["Məmmədov", "Mammadov"]),
    ("surname", "Гусейнова", ["Hüseynova", "Huseynova", "Hüseynov"]),
    ("given", "Xəlil", ["Халил", "Khalil", "Xalil"]),
    ("given", "Heydər", ["Гейдар", "Heydar", "Geydar"]),
    ("given", "Elçin", ["Эльчин", "Elchin", "Elcin"]),
    ("given", "Vüqar", ["Вугар", "Vugar"]),
    ("given", "Tofiq", ["Тофик", "Tofig"]),
    ("given", "Gülnarə", ["Гюльнара", "Gulnara"]),
    ("given", "Xədicə", ["Хадиджа", "Khadija"]),
    ("given", "Sevinc", ["Севиндж", "Sevinj"]),
    ("given", "Leyla", ["Лейла", "Leila"]),
    ("given", "Zülfiyyə", ["Зульфия", "Zulfiya"]),
    ("given", "İlham", ["Ильхам", "Ilham"]),
    ("given", "Rövşən", ["Ровшан", "Rovshan"]),
    ("given", "Şahin", ["Шахин", "Shahin"]),
    (
        "patronymic",
        "Xəlil qızı",
        ["Халил кызы", "Khalil kizi", "Xəlilovna", "Халиловна", "Khalilovna"],
    ),
    ("patronymic", "Həsən oğlu", ["Гасан оглы", "Hasan oglu", "Гасанович", "Hasanovich"]),
    ("patronymic", "İsmayıl oğlu", ["Исмаил оглы", "Ismayil oglu", "Исмаилович"]),
    ("patronymic", "Халиловна", ["Xəlil qızı", "Khalil gizi"]),
]

PAIRS = [(field, recorded, typed) for field, recorded, spellings in GROUPS for typed in spellings]

STRONG = {Strength.EXACT, Strength.SPELLING, Strength.SCRIPT, Strength.VARIANT}


def _person(i: int, field: str, recorded: str) -> PersonNames:
    return PersonNames(key=f"p{i}", **{field: recorded})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def recall_index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    people = [_person(i, f, r) for i, (f, r, _) in enumerate(GROUPS)]
    build_index(conn, people, EXAMPLE_VARIANTS)
    return conn


def test_there_are_at_least_sixty_pairs() -> None:
    assert len(PAIRS) >= 60


@pytest.mark.parametrize(("field", "recorded", "typed"), PAIRS)
def test_cross_script_pair_matches(
    recall_index: sqlite3.Connection, field: str, recorded: str, typed: str
) -> None:
    """Each spelling finds the name as recorded, at least as a script match."""
    key = f"p{[r for _, r, _ in GROUPS].index(recorded)}"
    found = {m.key: m for m in search(recall_index, typed, limit=100, prefix=False)}
    assert key in found, f"{typed!r} does not find {recorded!r}"
    assert found[key].strength in {Strength.EXACT, Strength.SPELLING, Strength.SCRIPT}


# (as recorded, as typed): different names. Weak ("sounds like") is allowed, flagged as possibly
# another person; anything stronger is a false match.
NEAR_NAMES = [
    ("Əlizadə", "Əliyev"),  # -zadə is not -yev: another family name
    ("Məhərrəmov", "Məmmədov"),
    ("Hüseynov", "Həsənov"),  # Hüseyn and Həsən are brothers' names, not spellings
    ("Kazımov", "Qasımov"),  # Kāẓim and Qāsim: two Arabic names; only "sounds like"
    ("Quliyev", "Əliyev"),
    ("Hüseynli", "Hüseynov"),  # -li and -ov: two surnames from one stem
    ("Məmmədli", "Məmmədov"),
    ("Rəhimov", "Kərimov"),
    ("Məhəmmədov", "Əhmədov"),
    ("Səfərov", "Cəfərov"),
    ("Nəbiyev", "Nəsibov"),
    ("İsgəndərov", "İsmayılov"),
    ("Cəlilov", "Xəlilov"),  # Cəlil and Xəlil: two names
    ("Əzizov", "Əsədov"),
    ("Rəsulov", "Rüstəmov"),
    ("Qulizadə", "Quliyev"),
    ("Abbaszadə", "Abbasov"),
    ("Vəliyev", "Əliyev"),
    ("Oruclu", "Orucov"),
    ("Sadıqov", "Səmədov"),
    ("Nəcəfli", "Nəcəfov"),
    ("Haqverdiyev", "Hacıyev"),
    ("Tağıyev", "Tahirov"),
    ("Səlimov", "Səmədov"),
    ("Elşən", "Elçin"),
    ("Vaqif", "Vüqar"),
    ("Lalə", "Leyla"),
    ("Həsən", "Hüseyn"),
    ("Məhərrəmov", "Мамедов"),
    ("Hüseynov", "Гасанов"),
    ("Əlizadə", "Алиев"),
    ("Əliyev", "Кулиев"),
]


@pytest.fixture(scope="module")
def near_index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    build_index(conn, [PersonNames(key=f"n{i}", surname=r) for i, (r, _) in enumerate(NEAR_NAMES)])
    return conn


def test_there_are_at_least_twenty_near_names() -> None:
    assert len(NEAR_NAMES) >= 20


@pytest.mark.parametrize(("recorded", "typed"), NEAR_NAMES)
def test_near_name_does_not_match_strongly(
    near_index: sqlite3.Connection, recorded: str, typed: str
) -> None:
    key = f"n{[r for r, _ in NEAR_NAMES].index(recorded)}"
    complete = {m.key: m for m in search(near_index, typed, limit=100, prefix=False)}
    if key in complete:
        assert complete[key].strength is Strength.WEAK
        assert complete[key].possibly_other_person
    typing = {m.key: m for m in search(near_index, typed, limit=100)}
    if key in typing:
        assert typing[key].strength not in STRONG


@pytest.mark.parametrize(
    ("recorded", "other"),
    [
        ("Xəlil qızı", "Xəlil oğlu"),
        ("Xəlil qızı", "Халилович"),
        ("Xəlilovna", "Khalil oglu"),
        ("Həsən oğlu", "Гасановна"),
    ],
)
def test_son_is_not_daughter(make_index, recorded: str, other: str) -> None:
    conn = make_index([PersonNames(key="p", patronymic=recorded)])
    assert search(conn, other, prefix=False) == []
