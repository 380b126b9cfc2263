"""Nothing lost on a crash: the unsaved changes of a folder, kept in the per-user data folder.

Every few seconds of editing, the studio writes what a save would write (the changed files and
the files to delete, see ``folder.changes``) into ``<data>/studio/journal/<id>.json``, one
journal per source folder, through a temporary file and a rename. A save removes it. When the
studio opens a folder that has a journal, it offers to recover it: the folder is copied into a
scratch folder, the journal applied there, and that read back as the document (unsaved, so the
curator still decides whether to save). Qt-free.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from kiosk.studio.document import SourceDocument
from kiosk.studio.folder import Loaded, changes, load

APP_FOLDER = "memorial-kiosk"


def default_data_dir() -> Path:
    """``$KIOSK_STUDIO_DATA``, else the per-user data folder's ``studio`` folder."""
    override = os.environ.get("KIOSK_STUDIO_DATA")
    if override:
        return Path(override)
    return Path(user_data_dir(APP_FOLDER, appauthor=False)) / "studio"


@dataclass(frozen=True, slots=True)
class Entry:
    folder: str
    saved_at: float
    write: dict[str, bytes]
    delete: list[str]

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        files = len(self.write) + len(self.delete)
        return f"{files} changed file{'s' * (files != 1)}, last written {when}"


class Journal:
    """The journal of one source folder."""

    def __init__(self, folder: Path, data_dir: Path | None = None) -> None:
        self.folder = folder.resolve()
        ident = hashlib.sha256(str(self.folder).encode("utf-8")).hexdigest()[:16]
        self.path = (data_dir or default_data_dir()) / "journal" / f"{ident}.json"

    def write(self, baseline: SourceDocument, current: SourceDocument) -> None:
        """Record ``current``'s changes against ``baseline`` (nothing when there are none)."""
        write, delete = changes(baseline, current)
        if not write and not delete:
            self.discard()
            return
        data = {
            "folder": str(self.folder),
            "saved_at": time.time(),
            "write": {rel: base64.b64encode(b).decode("ascii") for rel, b in write.items()},
            "delete": delete,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self.path)

    def read(self) -> Entry | None:
        """The journal, or None when there is none (or it cannot be used: it is then removed)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Entry(
                str(data["folder"]),
                float(data["saved_at"]),
                {str(k): base64.b64decode(v) for k, v in dict(data["write"]).items()},
                [str(x) for x in data["delete"]],
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.discard()
            return None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def recover(self, entry: Entry) -> Loaded:
        """The folder with the journal applied, read as a document (the folder is not changed)."""
        with tempfile.TemporaryDirectory(prefix="kiosk-studio-recover-") as tmp:
            copy = Path(tmp) / "source"
            shutil.copytree(self.folder, copy)
            for rel, data in entry.write.items():
                path = copy / rel
                if copy.resolve() not in path.resolve().parents:
                    continue  # never outside the folder, whatever the journal says
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            for rel in entry.delete:
                path = copy / rel
                if copy.resolve() in path.resolve().parents:
                    path.unlink(missing_ok=True)
            return load(copy)
