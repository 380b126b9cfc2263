"""Images from the bundle's media table, decoded at the size they are shown.

QML asks for ``image://bundle/<generation>/<media id>``, always from an ``Image`` that loads
synchronously (never ``asynchronous: true``): this provider is a Python object, and Qt's image
reader thread calls its ``imageType()`` while holding the reader's lock. PySide must take the GIL
for that call, while the GUI thread, running Python that moves an image (a tap, a new size),
holds the GIL and waits for the same lock: both wait for ever. Loading on the GUI thread keeps
every call into Python on the thread that already holds the GIL. Each picture is decoded once,
scaled down to its shown size (``sourceSize``), and Qt's pixmap cache keeps it for the next time.

The provider still answers on any thread (each keeps its own read-only connection in a
threading.local, reopened when the bundle changes), so tools may call it directly. A missing,
damaged or hostile image yields an empty image, never an exception.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtQml import QQmlImageProviderBase
from PySide6.QtQuick import QQuickImageProvider

from kiosk.content.reader import BundleError, open_bundle, read_image

log = logging.getLogger(__name__)

PROVIDER_ID = "bundle"
# A bundle is not trusted: no decoded image is larger than a 4K screen needs.
MAX_SIDE = 4096


class BundleImageProvider(QQuickImageProvider):
    """Serves media BLOBs from the current bundle; ``set_bundle`` switches to another file."""

    def __init__(self, bundle_path: Path | None = None) -> None:
        super().__init__(QQmlImageProviderBase.ImageType.Image)
        self._lock = threading.Lock()
        self._path = bundle_path
        self._local = threading.local()

    def set_bundle(self, path: Path | None) -> None:
        with self._lock:
            self._path = path

    def _connection(self) -> sqlite3.Connection | None:
        with self._lock:
            path = self._path
        if path is None:
            return None
        local = self._local
        if getattr(local, "path", None) != path:
            old = getattr(local, "conn", None)
            if old is not None:
                old.close()
            local.conn = open_bundle(path)  # the file alone; nothing created beside it
            local.path = path
        conn: sqlite3.Connection = local.conn
        return conn

    def load_bytes(self, media_id: int) -> bytes | None:
        """The BLOB of one media row, read on the calling thread's own connection."""
        try:
            conn = self._connection()
            if conn is None:
                return None
            return read_image(conn, media_id)  # None when missing, not binary or too large
        except (sqlite3.Error, BundleError) as exc:
            log.warning("image %s: the bundle cannot be read (%s)", media_id, exc)
            self._local.path = None
            return None

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        try:
            media_id = int(image_id.rsplit("/", 1)[-1])
        except ValueError:
            log.warning("image %r: not a media id", image_id)
            return QImage()
        data = self.load_bytes(media_id)
        if not data:
            return QImage()
        image = decode(data, requested_size)
        if image.isNull():
            log.warning("image %s: cannot be decoded", media_id)
        elif size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


def decode(data: bytes, requested: QSize | None = None) -> QImage:
    """Decode ``data``, scaled down (never up) to fit ``requested`` and ``MAX_SIDE``."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    natural = reader.size()
    if natural.isValid() and not natural.isEmpty():
        bound = QSize(MAX_SIDE, MAX_SIDE)
        if requested is not None and requested.width() > 0 and requested.height() > 0:
            bound = bound.boundedTo(requested)
        elif requested is not None and requested.width() > 0:
            bound = QSize(min(requested.width(), MAX_SIDE), MAX_SIDE)
        elif requested is not None and requested.height() > 0:
            bound = QSize(MAX_SIDE, min(requested.height(), MAX_SIDE))
        if natural.width() > bound.width() or natural.height() > bound.height():
            reader.setScaledSize(
                natural.scaled(bound, Qt.AspectRatioMode.KeepAspectRatio).expandedTo(QSize(1, 1))
            )
    image = reader.read()
    buffer.close()
    return image
