"""How many candles visitors have lit, kept in the kiosk's own data folder (never in the bundle).

One small JSON file, replaced atomically (write a temporary file beside it, flush, fsync,
``Path.replace``), so a power cut leaves the old count or the new one, never half a file. A damaged
or absurd file (not JSON, nested or sized beyond reason, a FIFO or a folder) is set aside and
counting starts again from zero; a folder that cannot be written keeps the
count in memory for this run and says so in the log once. Lighting a candle never fails.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from kiosk.content.fileio import UnusableFile, atomic_write_text, read_small_file

log = logging.getLogger(__name__)

FILE_NAME = "candles.json"
# {"count": 123456, "updated": 1700000000} is some 40 bytes; more is not a candle count.
MAX_BYTES = 4096


class CandleStore:
    """The candle count in ``data_dir / candles.json``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self._warned = False
        self._count = self._read()

    @property
    def count(self) -> int:
        return self._count

    def light(self) -> int:
        """Add one candle; return the new count (saved when the folder allows)."""
        self._count += 1
        self._write()
        return self._count

    def _read(self) -> int:
        try:
            raw = read_small_file(self.path, MAX_BYTES)
        except FileNotFoundError:
            return 0
        except UnusableFile as exc:
            self._set_aside(exc.strerror or str(exc))
            return 0
        except OSError as exc:
            log.warning("candle count %s cannot be read (%s); counting from zero", self.path, exc)
            return 0
        try:
            data = json.loads(raw.decode("utf-8"))
            count = data["count"] if isinstance(data, dict) else None
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise ValueError("no whole, non-negative 'count'")
        except (ValueError, KeyError) as exc:
            self._set_aside(str(exc)[:160])
            return 0
        except RecursionError:
            self._set_aside("nested too deeply")
            return 0
        return count

    def _set_aside(self, why: str) -> None:
        aside = self.path.with_name(f"{self.path.stem}.damaged-{int(time.time())}.json")
        try:
            self.path.replace(aside)
            log.warning("candle count %s was damaged (%s); kept as %s", self.path, why, aside)
        except OSError:
            log.warning("candle count %s was damaged (%s); counting from zero", self.path, why)

    def _write(self) -> None:
        payload = json.dumps({"count": self._count, "updated": int(time.time())})
        try:
            atomic_write_text(self.path, payload, new_mode=0o644)
            self._warned = False
        except OSError as exc:
            if not self._warned:
                log.warning(
                    "candle count cannot be saved in %s (%s); counting in memory",
                    self.path.parent,
                    exc,
                )
                self._warned = True
