"""The Python side of the visitor screens: models and controllers registered for QML.

Every type QML sees is registered (``@QmlElement``, import name ``Kiosk.Backend`` 1.x) by
importing its module here, in one place, so both the QML engine and PyInstaller's analysis see
them all. QML holds presentation only; every rule and state machine lives in these modules and is
tested without QML.
"""

from kiosk.ui import qt  # typing shims for PySide (see there)
from kiosk.ui.backend.accessibility import Accessibility
from kiosk.ui.backend.admin import AdminController
from kiosk.ui.backend.content import ContentController
from kiosk.ui.backend.history import HistoryController
from kiosk.ui.backend.idle import IdleGuard
from kiosk.ui.backend.language import LanguageController
from kiosk.ui.backend.memorial import CandleController, MinuteOfSilence
from kiosk.ui.backend.models import (
    PeopleModel,
    RemembranceModel,
    SectionModel,
    StatisticsModel,
    TimelineModel,
    YearModel,
)
from kiosk.ui.backend.name_search import NameResultsModel
from kiosk.ui.backend.names import NamesController
from kiosk.ui.backend.navigation import Navigator
from kiosk.ui.backend.sources import SourcesController
from kiosk.ui.backend.timeline import TimelineController

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

__all__ = [
    "QML_IMPORT_MAJOR_VERSION",
    "QML_IMPORT_NAME",
    "Accessibility",
    "AdminController",
    "CandleController",
    "ContentController",
    "HistoryController",
    "IdleGuard",
    "LanguageController",
    "MinuteOfSilence",
    "NameResultsModel",
    "NamesController",
    "Navigator",
    "PeopleModel",
    "RemembranceModel",
    "SectionModel",
    "SourcesController",
    "StatisticsModel",
    "TimelineController",
    "TimelineModel",
    "YearModel",
    "qt",
]
