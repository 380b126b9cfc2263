"""Nothing is cut off, overlaps or leaves the screen: every screen and state, at 1280x800,
1920x1080, 1080x1920 and 3840x2160, at both text sizes, in every language of the bundle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize

from kiosk import paths
from kiosk.ui.runtime.shell import KioskShell, Timings
from kiosk.ui.tools.screenshots import STEPS
from kiosk.ui.tools.settle import settle

from .bundles import SYNTHETIC_PEOPLE, make_people_bundle
from .conftest import TRANSLATIONS
from .layout import inspect

SIZES = [(1280, 800), (1920, 1080), (1080, 1920), (3840, 2160)]

Step = tuple[str, Callable[[KioskShell], bool]]


def _history_pages(shell: KioskShell) -> list[Step]:
    """Every section of the history, each read (not its advisory)."""
    steps: list[Step] = []
    for row in range(shell.content.section_model.rowCount()):

        def show(s: KioskShell, row: int = row) -> bool:
            s.navigator.go("history")
            s.history.goTo(row)
            s.history.read()
            return True

        steps.append((f"history section {row + 1}", show))
    return steps


def _events(shell: KioskShell) -> list[Step]:
    steps: list[Step] = []
    for row in range(min(shell.content.timeline_model.rowCount(), 12)):

        def show(s: KioskShell, row: int = row) -> bool:
            s.navigator.go("timeline")
            s.timeline.open(row)
            return True

        steps.append((f"event {row + 1}", show))
    return steps


def _names(s: KioskShell) -> bool:
    s.navigator.go("memorial")
    return s.content.hasPeople


def _language_list(s: KioskShell) -> bool:
    """The bar's language choice on a screen with a full bar, its list open where the bar has
    room only for the one button (the attract screen's choice is STEPS' "attract")."""
    from kiosk.ui.tools.settle import find_item

    s.navigator.go("history")
    assert s.window is not None
    settle(s.window)
    choice = find_item(s.window, "barLanguageChoice")
    if choice is not None:  # shown only where the bar is compact (after the text size)
        choice.setProperty("listOpen", True)
    return choice is not None


def _walk(shell: KioskShell, size: tuple[int, int], large: bool, locale: str) -> list[str]:
    window = shell.window
    assert window is not None
    window.resize(QSize(*size))
    theme = shell.theme()
    assert theme is not None
    problems: list[str] = []
    steps: list[Step] = [*STEPS, *_history_pages(shell), *_events(shell), ("names", _names)]
    steps.append(("language list", _language_list))
    for name, step in steps:
        shell.end_visit()
        shell.language.choose(locale)
        shell.idle.activity()
        shown = step(shell)
        shell.accessibility.largeText = large or shell.accessibility.largeText
        if name == "names" and shown:
            _show_names(shell)
        settle(window)
        report = inspect(
            window,
            touch_min=theme.property("touchMin"),
            text_min=round(28 * theme.property("scale") * (1.3 if large else 1.0) - 0.5)
            if large
            else round(28 * theme.property("scale")) - 1,
        )
        problems += [
            f"{size[0]}x{size[1]} {locale} {'large' if large else 'normal'} {name}: {p}"
            for p in report.problems
        ]
        assert report.texts > 0, f"{name}: nothing shown"
    shell.end_visit()
    return problems


def _show_names(shell: KioskShell) -> None:
    from kiosk.ui.tools.settle import find_item

    assert shell.window is not None
    names = find_item(shell.window, "showNames")
    assert names is not None
    names.setProperty("checked", True)
    from .touch import tap

    tap(shell.window, "showNames")


@pytest.fixture(scope="module")
def default_exhibit_shell(
    qapp: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KioskShell]:
    """The real default exhibit, as shipped."""
    bundle = paths.default_bundle()
    if not bundle.exists():
        pytest.skip("the default exhibit has not been built (db/exhibit.sqlite)")
    yield from _shell(bundle, tmp_path_factory.mktemp("layout-default"))


@pytest.fixture(scope="module")
def three_language_shell(
    qapp: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KioskShell]:
    """Three languages, an image, names, and long texts near the validator's limits."""
    root = tmp_path_factory.mktemp("layout-three")
    long_title = "The night the town was surrounded from four directions and set on fire"
    sections = [
        ("long", long_title + " by artillery", "Text. " * 300, False, ""),
        (
            "sensitive",
            "Killed with special cruelty",
            "Text.",
            True,
            "This section describes "
            "killings and mutilation: people burnt to death and beheaded, violence against "
            "pregnant women, and the desecration of the dead.",
        ),
    ]
    people = [
        {
            "name": f"Name{i} Surname{i}",
            "death_date": "1992-02-26",
            "death_precision": "day",
            "age": 20 + i,
            "fate": "killed",
        }
        for i in range(40)
    ]
    translations = {
        **TRANSLATIONS,
        ("sections", "long", "title", "ru"): "Ночь, когда город окружили с четырёх сторон "
        "и подожгли артиллерийским огнём",
        ("sections", "long", "title", "az"): "Şəhərin dörd tərəfdən mühasirəyə alındığı və "
        "artilleriya atəşi ilə yandırıldığı gecə",
    }
    # the synthetic people of the names tests (unknowns, a family, Cyrillic, a weak match)
    # first, then forty more: the names wall, a card and the search are walked too
    bundle = make_people_bundle(
        root / "three.sqlite",
        [*SYNTHETIC_PEOPLE, *people],
        locales=("en", "az", "ru"),
        translations=translations,
        sections=sections,
        with_images=True,
    )
    yield from _shell(bundle, root)


def _shell(bundle: Path, data: Path) -> Iterator[KioskShell]:
    shell = KioskShell(data, Timings(animate=False, idle_ms=3_600_000, prompt_ms=3_600_000))
    assert shell.open_bundle(bundle)
    window = shell.load()
    assert window is not None
    window.show()
    yield shell
    shell.shutdown()


@pytest.mark.parametrize("locale", ["en", "az", "ru"])
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_default_exhibit_layout(
    default_exhibit_shell: KioskShell, size: Any, large: bool, locale: str
) -> None:
    """The shipped exhibit in each of its languages: every screen and state fits, nothing cut
    off or overlapping."""
    assert locale in default_exhibit_shell.content.locale_codes()
    problems = _walk(default_exhibit_shell, size, large, locale)
    assert problems == [], "\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("locale", ["en", "az", "ru"])
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_three_languages_layout(
    three_language_shell: KioskShell, size: Any, large: bool, locale: str
) -> None:
    """Long titles, names, an image, three languages: every screen and state fits."""
    problems = _walk(three_language_shell, size, large, locale)
    assert problems == [], "\n" + "\n".join(problems[:40])
