"""The memorial's names (kiosk/ui/backend/names.py, PeopleView, PersonCard, NameSearch): the
wall is virtualised over a windowed model, the card says every unknown, family links open
the relative's card, and the search runs off the GUI thread, debounced, dropping stale answers,
typed with real taps on the on-screen keyboard. Every name here is obviously synthetic."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtQuick import QQuickItem

from kiosk.content.names import Match
from kiosk.content.reader import Bundle
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.tools.settle import find_item, iter_items, qml_eval, settle

from .bundles import SYNTHETIC_PEOPLE, make_people_bundle, synthetic_people
from .touch import center, item, tap, tap_at

ShellFactory = Callable[..., KioskShell]


@pytest.fixture(scope="module")
def people_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_people_bundle(tmp_path_factory.mktemp("people") / "people.sqlite")


@pytest.fixture(scope="module")
def big_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100,000 synthetic people."""
    path = tmp_path_factory.mktemp("many") / "many.sqlite"
    return make_people_bundle(path, synthetic_people(100_000), relations=())


def memorial(shell: KioskShell) -> None:
    assert shell.window is not None
    shell.navigator.go("memorial")
    settle(shell.window)


def delegates(view: QQuickItem) -> int:
    content = qml_eval(view, "contentItem")
    assert isinstance(content, QQuickItem)
    return sum(1 for i in content.childItems() if i.isVisible() and i.height() > 0)


def test_the_wall_is_virtualised(
    make_shell: ShellFactory, big_bundle: Path, qt_warnings: Callable[[], list[str]]
) -> None:
    """At 100,000 people only a screenful of delegates exists, and the model reads a few
    pages from SQLite, not every row; jumping far reads the page there and no others."""
    shell = make_shell(big_bundle)
    model = shell.content.people_model
    assert model.rowCount() == 100_000
    assert model.pages_read == 0  # loading the bundle read one count, no rows
    memorial(shell)
    tap(shell.window, "showNames")
    assert shell.names.wallOpen
    view = item(shell.window, "peopleList")
    assert view.property("count") == 100_000
    shown = delegates(view)
    assert 5 <= shown <= 40, shown
    assert 1 <= model.pages_read <= 2
    before = model.pages_read
    qml_eval(view, "positionViewAtIndex(50000, ListView.Beginning)")
    settle(shell.window)
    assert delegates(view) <= 40
    assert model.pages_read - before <= 2
    content = qml_eval(view, "contentItem")
    assert isinstance(content, QQuickItem)
    keys = {i.property("key") for i in content.childItems() if i.isVisible()}
    assert model.get(50_000, "key") in keys
    assert qt_warnings() == []


def test_the_card_says_every_unknown(
    make_shell: ShellFactory, people_bundle: Path, qt_warnings: Callable[[], list[str]]
) -> None:
    shell = make_shell(people_bundle)
    memorial(shell)
    tap(shell.window, "showNames")
    assert shell.names.openPerson("p1")  # the synthetic person with no dates, place or fate
    settle(shell.window)
    texts = {
        name: item(shell.window, name).property("text")
        for name in ("cardBorn", "cardDied", "cardAge", "cardPlace", "cardFate", "cardSource")
    }
    assert texts == {
        "cardBorn": "date of birth not recorded",
        "cardDied": "date of death not recorded",
        "cardAge": "age not recorded",
        "cardPlace": "place not recorded",
        "cardFate": "fate not recorded",
        "cardSource": "source not recorded",
    }
    shell.language.choose("ru")
    settle(shell.window)
    assert item(shell.window, "cardBorn").property("text") == "дата рождения не записана"
    shell.language.choose("az")
    settle(shell.window)
    assert item(shell.window, "cardBorn").property("text") == "doğum tarixi qeydə alınmayıb"
    shell.names.openPerson("p0")
    settle(shell.window)
    assert item(shell.window, "cardAge").property("text") == "41 yaşında"
    assert item(shell.window, "cardFate").property("text") == "öldürülüb"
    assert qt_warnings() == []


def person_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every ``Bundle.person(key, id=...)`` call from now on, as (key, id)."""
    asked: list[tuple[str, int]] = []
    person = Bundle.person

    def spy(self: Bundle, key: str, *, id: int = 0) -> Any:
        asked.append((key, id))
        return person(self, key, id=id)

    monkeypatch.setattr(Bundle, "person", spy)
    return asked


def test_a_family_link_opens_the_relatives_card(
    make_shell: ShellFactory,
    people_bundle: Path,
    qt_warnings: Callable[[], list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each card is opened where the wall or the card saw the person (the key has no index).
    asked = person_calls(monkeypatch)
    shell = make_shell(people_bundle)
    memorial(shell)
    tap(shell.window, "showNames")
    # the first name on the wall: a tap opens the card
    first = next(
        i for i in iter_items(item(shell.window, "peopleList")) if i.property("key") == "p0"
    )
    tap_at(shell.window, center(first))
    assert shell.names.cardOpen
    assert asked == [("p0", first.property("personId"))] and asked[0][1] > 0
    assert item(shell.window, "cardName").property("text") == "Məmmədov Testər Xəlil oğlu"
    tap(shell.window, "familyLink0")
    assert shell.names.card["key"] == "p1"
    assert asked[-1][0] == "p1" and asked[-1][1] > 0 and asked[-1][1] != asked[0][1], asked
    assert item(shell.window, "cardName").property("text") == "Məmmədova Testa Xəlil qızı"
    tap(shell.window, "cardClose")
    assert not shell.names.cardOpen
    assert qt_warnings() == []


def test_an_open_card_follows_its_person_into_a_new_bundle(
    make_shell: ShellFactory,
    people_bundle: Path,
    tmp_path: Path,
    qt_warnings: Callable[[], list[str]],
) -> None:
    """Every import numbers the people anew: a card open across a change of bundle is found
    again by its key (its old id now holds someone else), and closes when the new bundle
    does not name the person."""
    shell = make_shell(people_bundle)
    memorial(shell)
    tap(shell.window, "showNames")
    model = shell.content.people_model
    row = next(r for r in range(model.rowCount()) if model.get(r, "key") == "p0")
    assert shell.names.openPerson("p0", model.get(row, "personId"))
    before = shell.names.card["name"]
    first = {"key": "p9", "name": "Aaa Testova", "name_lang": "az", "place": "village-a"}
    renumbered = make_people_bundle(tmp_path / "renumbered.sqlite", (*SYNTHETIC_PEOPLE, first))
    with Bundle(renumbered) as opened:
        wall = opened.people_page(0, 2, "wall")
    assert [p.key for p in wall] == ["p9", "p0"]  # p0's old id is p9's now
    assert shell.content.reload(renumbered)
    settle(shell.window)
    assert shell.names.cardOpen and shell.names.card["key"] == "p0"
    assert shell.names.card["name"] == before
    assert item(shell.window, "cardName").property("text") == before
    others = [{**p, "key": f"q{i}"} for i, p in enumerate(SYNTHETIC_PEOPLE[1:])]
    assert shell.content.reload(make_people_bundle(tmp_path / "others.sqlite", others))
    settle(shell.window)
    assert not shell.names.cardOpen
    assert qt_warnings() == []


def type_keys(shell: KioskShell, letters: str) -> None:
    assert shell.window is not None
    for letter in letters:
        tap(shell.window, "key_" + letter.lower())


def wait_results(qtbot: Any, shell: KioskShell) -> None:
    qtbot.waitUntil(lambda: shell.names.answered, timeout=5000)
    assert shell.window is not None
    settle(shell.window)


def result_for(shell: KioskShell, name: str) -> dict[str, Any]:
    model = shell.names.results
    for row in range(model.rowCount()):
        if model.get(row, "name") == name:
            return model.row_dict(row)
    raise AssertionError(f"{name} not among {[r.name for r in model.rows()]}")


@pytest.mark.parametrize(
    ("lang", "typed", "person", "strength", "why"),
    [
        (
            "en",
            "khalilovna",
            "Məmmədova Testa Xəlil qızı",
            "Another alphabet",
            "“Khalilovna” = “Xəlil qızı” (daughter of Xəlil)",
        ),
        (
            "ru",
            "мамедов",
            "Məmmədov Testər Xəlil oğlu",
            "Имя как записано",
            "«Мамедов» — одно из написаний, записанных для этого человека",
        ),
        (
            "az",
            "məmmədov",
            "Məmmədov Testər Xəlil oğlu",
            "Qeydə alındığı kimi",
            "",  # the surname as recorded: the strength says it all
        ),
        (
            "ru",
            "мамедов",
            "Məmmədova Testa Xəlil qızı",
            "Другой алфавит",
            "«Мамедов» — русское написание «Məmmədova»",
        ),
        (
            "az",
            "hüseynov",
            "Həsənov Testəli",
            "Bəlkə də başqa adamdır",
            "«Hüseynov» «Həsənov» kimi səslənir",
        ),
    ],
)
def test_search_from_the_keyboard(
    make_shell: ShellFactory,
    people_bundle: Path,
    qtbot: Any,
    qt_warnings: Callable[[], list[str]],
    lang: str,
    typed: str,
    person: str,
    strength: str,
    why: str,
) -> None:
    """Real taps on the keyboard find the synthetic person, saying how strong and why."""
    shell = make_shell(people_bundle, timings=Timings(animate=False, search_debounce_ms=20))
    shell.language.choose(lang)
    memorial(shell)
    tap(shell.window, "showSearch")
    assert shell.names.searchOpen
    assert find_item(shell.window, "nameKeyboard") is not None
    type_keys(shell, typed)
    wait_results(qtbot, shell)
    found = result_for(shell, person)
    assert found["strengthText"] == strength
    assert why in found["why"] and bool(why) == bool(found["why"])
    assert found["weak"] == (strength == "Bəlkə də başqa adamdır")
    # the result's words are on screen; a tap opens the card
    texts = [i.property("text") for i in iter_items(item(shell.window, "searchResults"))]
    assert any(isinstance(t, str) and why in t for t in texts)
    assert qt_warnings() == []


def test_a_tapped_result_opens_its_card_where_the_search_found_it(
    make_shell: ShellFactory,
    people_bundle: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    qt_warnings: Callable[[], list[str]],
) -> None:
    asked = person_calls(monkeypatch)
    shell = make_shell(people_bundle, timings=Timings(animate=False, search_debounce_ms=20))
    memorial(shell)
    tap(shell.window, "showSearch")
    type_keys(shell, "sidorov")
    wait_results(qtbot, shell)
    found = shell.names.results.row_dict(0)
    assert found["name"] == "Сидоров Тест Петрович" and found["personId"] > 0
    tap(shell.window, "searchResult0")
    assert shell.names.cardOpen and shell.names.card["key"] == found["key"]
    assert asked == [(found["key"], found["personId"])]
    assert qt_warnings() == []


def test_a_slow_query_never_blocks_the_gui_thread(
    make_shell: ShellFactory, people_bundle: Path, qtbot: Any
) -> None:
    """The search runs on its own thread: while a query takes 600 ms, a 10 ms timer on the
    GUI thread keeps firing, and the answer arrives."""
    gui = threading.get_ident()
    threads: list[int] = []

    def slow(bundle: Bundle, query: str, limit: int) -> list[Match]:
        threads.append(threading.get_ident())
        time.sleep(0.6)
        return bundle.search_people(query, limit)

    shell = make_shell(people_bundle, timings=Timings(animate=False, search_debounce_ms=5))
    shell.names.shutdown()
    from kiosk.ui.backend.names import NamesController

    names = NamesController(shell.content, 5, slow)
    try:
        ticks = 0

        def tick() -> None:
            nonlocal ticks
            ticks += 1

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(10)
        started = time.perf_counter()
        names.search("Testa")
        assert time.perf_counter() - started < 0.05  # the call only starts the debounce
        qtbot.waitUntil(lambda: names.answered, timeout=5000)
        timer.stop()
        assert ticks >= 30, ticks  # 600 ms of query: the GUI thread ran its timer throughout
        assert threads and all(t != gui for t in threads)
        assert names.results.rowCount() >= 1
    finally:
        names.shutdown()


def test_stale_answers_are_dropped(
    make_shell: ShellFactory, people_bundle: Path, qtbot: Any
) -> None:
    """An older query that answers after a newer one was sent is never shown."""
    delays = {"Testa": 0.4, "Сидоров": 0.0}

    def search(bundle: Bundle, query: str, limit: int) -> list[Match]:
        time.sleep(delays.get(query, 0.0))
        return bundle.search_people(query, limit)

    shell = make_shell(people_bundle, show=False)
    from kiosk.ui.backend.names import NamesController

    names = NamesController(shell.content, 0, search)
    try:
        names.search("Testa")
        qtbot.wait(50)  # the first query is on the worker now
        names.search("Сидоров")
        qtbot.waitUntil(lambda: names.answered, timeout=5000)
        qtbot.wait(100)
        assert names.dropped == 1
        assert [r.name for r in names.results.rows()] == ["Сидоров Тест Петрович"]
    finally:
        names.shutdown()


def test_typing_restarts_the_debounce(
    make_shell: ShellFactory, people_bundle: Path, qtbot: Any
) -> None:
    """Letters typed within the debounce make one query, not one per letter."""
    queries: list[str] = []

    def search(bundle: Bundle, query: str, limit: int) -> list[Match]:
        queries.append(query)
        return bundle.search_people(query, limit)

    shell = make_shell(people_bundle, show=False)
    from kiosk.ui.backend.names import NamesController

    names = NamesController(shell.content, 100, search)
    try:
        for text in ("T", "Te", "Tes", "Test"):
            names.search(text)
        qtbot.waitUntil(lambda: names.answered, timeout=5000)
        assert queries == ["Test"]
    finally:
        names.shutdown()


def test_the_shipped_exhibit_shows_no_names(make_shell: ShellFactory) -> None:
    shell = make_shell()
    memorial(shell)
    assert not shell.content.hasPeople
    assert find_item(shell.window, "showSearch") is None
    assert find_item(shell.window, "showNames") is None
