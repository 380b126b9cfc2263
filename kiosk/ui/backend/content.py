"""The content the screens show: one bundle, read into the list models, in one language.

The small tables are read whole; the timeline's events a page at a time as the view asks for
them (``TimelineModel``), so a bundle of 100,000 events starts as fast as one of ten.

``reload(path)`` opens another bundle (a curator's new publication) and switches to it only when
it reads completely; otherwise the last good content stays on screen and ``loadFailed`` says why.
``reload(copy, checked=True)`` skips SQLite's integrity check for a copy the live-update worker
has just checked (kiosk.ops.bundles.BundleStore.stage), so a swap checks once, off this thread.
The runtime only ever reads: the bundle is opened read-only by the content layer.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.content.reader import Bundle, BundleError
from kiosk.content.records import Event, Exhibit, Remembrance, Section, Source, Statistic
from kiosk.ui.backend.images import BundleImageProvider
from kiosk.ui.backend.models import (
    AttractModel,
    PeopleModel,
    RemembranceModel,
    SectionModel,
    StatisticsModel,
    TimelineModel,
    YearModel,
    image_url,
)
from kiosk.ui.backend.models.attract import ATTRACT_IMAGES, EventImage
from kiosk.ui.backend.models.timeline import BundleEvents
from kiosk.ui.qt import Property, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

# The attract loop looks for key images among this many events at most (the first in reading
# order are the key ones): a bounded read, whatever the size of the timeline.
ATTRACT_EVENT_SCAN = 5_000


@dataclass(frozen=True)
class _Snapshot:
    """Everything read from a bundle in one language, before any model changes."""

    exhibit: Exhibit
    sources: dict[int, Source]
    sections: list[Section]
    event_count: int
    first_events: list[Event]  # the timeline's first page (read now: the bundle reads)
    event_images: list[EventImage]  # the events the attract loop may take an image from
    statistics: list[Statistic]
    remembrance: list[Remembrance]
    images: dict[int, tuple[str, str, str]]


def _require_sound(path: Path) -> None:
    """Raise BundleError unless SQLite's own integrity check passes (a half-copied file fails)."""
    from kiosk.content.validate import quick_check  # noqa: PLC0415 - not on the way to the first frame

    damage = quick_check(path)
    if damage:
        raise BundleError(f"{path}: the database is damaged ({'; '.join(damage[:3])})")


def _read(bundle: Bundle, generation: int) -> _Snapshot:
    sections = bundle.sections()
    first_events = bundle.event_page(0, TimelineModel.PAGE_ROWS)
    event_images = [EventImage(*found) for found in bundle.event_images(ATTRACT_EVENT_SCAN)]
    images: dict[int, tuple[str, str, str]] = {}
    # The sections' images, and the first of the events' that the attract loop may show
    # (the timeline finds its own a page at a time).
    sensitive = {s.id for s in sections if s.sensitive}
    shown = (e.image_id for e in event_images if e.section_id not in sensitive)
    wanted = {s.image_id for s in sections} | set(
        list(dict.fromkeys(shown))[: ATTRACT_IMAGES + len(sections)]
    )
    for media_id in sorted(i for i in wanted if i is not None):
        media = bundle.media(media_id)
        if media is not None:
            images[media_id] = (image_url(generation, media_id), media.alt, media.credit)
    return _Snapshot(
        exhibit=bundle.exhibit(),
        sources=bundle.sources(),
        sections=sections,
        event_count=bundle.event_count(),
        first_events=first_events,
        event_images=event_images,
        statistics=bundle.statistics(),
        remembrance=bundle.remembrance(),
        images=images,
    )


@QmlElement
@QmlUncreatable("Made by the KioskShell")
class ContentController(QObject):
    """Owns the open bundle and the models; QML reads the models and the exhibit's texts."""

    changed = Signal()  # title, subtitle, locales, what the bundle has
    localeChanged = Signal(str)
    reloaded = Signal(str)  # path of the bundle now shown
    loadFailed = Signal(str)  # a message for the log and the admin screen
    errorChanged = Signal()

    def __init__(
        self,
        image_provider: BundleImageProvider | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._images = image_provider
        self._bundle: Bundle | None = None
        self._exhibit: Exhibit | None = None
        self._generation = 0
        self._error = ""
        self.section_model = SectionModel(self)
        self.timeline_model = TimelineModel(self)
        self.year_model = YearModel(self)
        self.statistics_model = StatisticsModel(self)
        self.remembrance_model = RemembranceModel(self)
        self.people_model = PeopleModel(self)
        self.attract_model = AttractModel(self)

    # -- loading -----------------------------------------------------------------------------
    @Slot(str, result=bool)
    def reload(self, path: str | Path, locale: str = "", *, checked: bool = False) -> bool:
        """Switch to the bundle at ``path``; keep the current one if it cannot be read.

        ``checked``: the file was checked (quick_check and validation) and not changed since
        (a copy just staged, or the kiosk's own copy at start), so neither its integrity nor
        its schema is checked again here.
        """
        path = Path(path)
        wanted = locale or (self._bundle.locale if self._bundle else "")
        bundle: Bundle | None = None
        try:
            if not checked:
                _require_sound(path)
            bundle = Bundle(path, wanted or None, checked=checked)
            if not wanted:  # the first bundle: a visit starts in the exhibit's visit language
                bundle.set_locale(bundle.visit_locale)
            snapshot = _read(bundle, self._generation + 1)
        except Exception as exc:  # any failure of the content layer keeps the last good content
            if bundle is not None:
                bundle.close()
            if isinstance(exc, BundleError):
                message = str(exc)
            elif isinstance(exc, sqlite3.Error | OSError):
                message = f"{path}: {exc}"
            else:
                log.warning("reading %s failed unexpectedly", path, exc_info=True)
                message = f"{path}: cannot be read ({type(exc).__name__}: {exc})"
            log.error("bundle not loaded, keeping the current content: %s", message)
            self._set_error(message)
            self.loadFailed.emit(message)
            return False
        old = self._bundle
        self._bundle = bundle
        self._generation += 1
        if self._images is not None:
            self._images.set_bundle(path)
        self._apply(snapshot, bundle)
        if old is not None:
            old.close()
        self._set_error("")
        log.info("showing bundle %s (%s)", path, bundle.locale)
        self.changed.emit()
        self.localeChanged.emit(bundle.locale)
        self.reloaded.emit(str(path))
        return True

    def _apply(self, snap: _Snapshot, new_bundle: Bundle | None = None) -> None:
        """Show ``snap``: of ``new_bundle`` (the timeline starts again), or of the bundle
        shown, in another language (the timeline re-reads only the pages it holds)."""
        locale = self.qlocale
        self._exhibit = snap.exhibit
        self.section_model.load(snap.sections, snap.sources, snap.images, locale)
        if new_bundle is not None:
            events = BundleEvents(new_bundle, self._generation, snap.event_count)
            self.timeline_model.attach(events, snap.sources, locale, snap.first_events)
        else:
            self.timeline_model.relocalise(snap.sources, locale)
        self.year_model.load_from(self.timeline_model, locale)
        self.statistics_model.load(snap.statistics, snap.sources, locale)
        self.remembrance_model.load(snap.remembrance, snap.sources, locale)
        self.people_model.load(
            self._bundle if self._bundle is not None and self._bundle.has_people() else None,
            self._generation,
            locale,
        )
        self.attract_model.load(
            snap.statistics, snap.sections, snap.event_images, snap.images, locale
        )

    @Slot(str)
    def setLocale(self, code: str) -> None:
        """Show the content in ``code`` (falling back, field by field, to the default)."""
        if self._bundle is None or code == self._bundle.locale:
            return
        bundle = self._bundle
        previous = bundle.locale
        try:
            bundle.set_locale(code)
            snapshot = _read(bundle, self._generation)
        except (BundleError, sqlite3.Error) as exc:
            log.error("cannot show the content in %s: %s", code, exc)
            bundle.set_locale(previous)
            return
        self._apply(snapshot)
        self.changed.emit()
        self.localeChanged.emit(bundle.locale)

    def close(self) -> None:
        if self._bundle is not None:
            self._bundle.close()
            self._bundle = None

    def _set_error(self, message: str) -> None:
        if message != self._error:
            self._error = message
            self.errorChanged.emit()

    # -- for Python --------------------------------------------------------------------------
    @property
    def bundle(self) -> Bundle | None:
        return self._bundle

    @property
    def qlocale(self) -> QLocale:
        return QLocale(self._bundle.locale if self._bundle else "en")

    def locale_code(self) -> str:
        return self._bundle.locale if self._bundle else ""

    def locale_codes(self) -> list[str]:
        return list(self._bundle.locales) if self._bundle else []

    def default_locale_code(self) -> str:
        return self._bundle.default_locale if self._bundle else ""

    def visit_locale_code(self) -> str:
        """The language a visit starts in: the exhibit's ``visit_locale``, else its default."""
        return self._bundle.visit_locale if self._bundle else ""

    def listed_locale_codes(self) -> list[str]:
        """The languages in the order the curator listed them (the order visitors see)."""
        return list(self._bundle.listed_locales) if self._bundle else []

    def error_message(self) -> str:
        return self._error

    def exhibit(self) -> Exhibit | None:
        """The exhibit's metadata as shown now (None before a bundle was read)."""
        return self._exhibit

    def summary(self) -> dict[str, Any]:
        """Counts for the self-test and the log."""
        return {
            "sections": self.section_model.rowCount(),
            "events": self.timeline_model.rowCount(),
            "statistics": self.statistics_model.rowCount(),
            "remembrance": self.remembrance_model.rowCount(),
            "people": self.people_model.rowCount(),
            "locales": self.locale_codes(),
        }

    # -- for QML -----------------------------------------------------------------------------
    def _text(self, field: str) -> str:
        return str(getattr(self._exhibit, field, "")) if self._exhibit else ""

    def _get_title(self) -> str:
        return self._text("title")

    title = Property(str, _get_title, notify=changed)

    def _get_subtitle(self) -> str:
        return self._text("subtitle")

    subtitle = Property(str, _get_subtitle, notify=changed)

    def _get_credits(self) -> str:
        return self._text("credits")

    credits = Property(str, _get_credits, notify=changed)

    def _get_dedication(self) -> str:
        return self._text("dedication").strip()

    dedication = Property(str, _get_dedication, notify=changed)

    def _get_version(self) -> str:
        return self._text("content_version")

    contentVersion = Property(str, _get_version, notify=changed)

    locales = Property(list, locale_codes, notify=changed)
    defaultLocale = Property(str, default_locale_code, notify=changed)
    locale = Property(str, locale_code, notify=localeChanged)
    error = Property(str, error_message, notify=errorChanged)

    def _get_path(self) -> str:
        return str(self._bundle.path) if self._bundle else ""

    bundlePath = Property(str, _get_path, notify=changed)

    def _get_loaded(self) -> bool:
        return self._bundle is not None

    loaded = Property(bool, _get_loaded, notify=changed)

    def _get_has_people(self) -> bool:
        return self.people_model.rowCount() > 0

    hasPeople = Property(bool, _get_has_people, notify=changed)

    def _get_sections(self) -> SectionModel:
        return self.section_model

    sections = Property(SectionModel, _get_sections, constant=True)

    def _get_timeline(self) -> TimelineModel:
        return self.timeline_model

    timeline = Property(TimelineModel, _get_timeline, constant=True)

    def _get_years(self) -> YearModel:
        return self.year_model

    years = Property(YearModel, _get_years, constant=True)

    def _get_statistics(self) -> StatisticsModel:
        return self.statistics_model

    statistics = Property(StatisticsModel, _get_statistics, constant=True)

    def _get_remembrance(self) -> RemembranceModel:
        return self.remembrance_model

    remembrance = Property(RemembranceModel, _get_remembrance, constant=True)

    def _get_people(self) -> PeopleModel:
        return self.people_model

    people = Property(PeopleModel, _get_people, constant=True)

    def _get_attract(self) -> AttractModel:
        return self.attract_model

    attract = Property(AttractModel, _get_attract, constant=True)
