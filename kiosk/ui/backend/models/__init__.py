"""The list models the screens draw, one module per screen they serve; the shared row model and
helpers in ``rows``. Every model is a ``QAbstractListModel`` whose rows are a ``NamedTuple``
(the roles, by name), registered for QML as ``Kiosk.Backend`` types."""

from kiosk.ui.backend.models.attract import (
    ATTRACT_IMAGES,
    AttractModel,
    attract_figures,
    interleave,
)
from kiosk.ui.backend.models.figures import StatisticsModel, format_figure, tone_of
from kiosk.ui.backend.models.history import SectionModel
from kiosk.ui.backend.models.memorial import PeopleModel, RemembranceModel
from kiosk.ui.backend.models.rows import RowModel, image_url, source_detail, source_text
from kiosk.ui.backend.models.timeline import TimelineModel, YearModel

__all__ = [
    "ATTRACT_IMAGES",
    "AttractModel",
    "PeopleModel",
    "RemembranceModel",
    "RowModel",
    "SectionModel",
    "StatisticsModel",
    "TimelineModel",
    "YearModel",
    "attract_figures",
    "format_figure",
    "image_url",
    "interleave",
    "source_detail",
    "source_text",
    "tone_of",
]
