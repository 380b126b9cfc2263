"""The content layer: bundle schema, read-only access, validation, build and export.

It imports no Qt (an import-linter contract in pyproject.toml keeps it so), so the curator's
command line and the tests use it without a display.
"""

from kiosk.content.reader import Bundle, BundleError
from kiosk.content.records import (
    Event,
    Exhibit,
    Media,
    PartialDate,
    Person,
    Precision,
    Remembrance,
    Section,
    Source,
    Statistic,
)
from kiosk.content.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "Bundle",
    "BundleError",
    "Event",
    "Exhibit",
    "Media",
    "PartialDate",
    "Person",
    "Precision",
    "Remembrance",
    "Section",
    "Source",
    "Statistic",
]
