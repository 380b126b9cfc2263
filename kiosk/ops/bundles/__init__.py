"""The live-update policy for content bundles (Qt-free).

The kiosk never runs from the curator's (published) bundle file: it copies a checked bundle
into its own data folder, ``<data_dir>/bundles/``, and opens that copy. The published file is
held open only for the moments it takes to check and copy it, so ``kiosk-content publish`` can
replace it with ``os.replace`` even on Windows, where an open file cannot be replaced.

* ``files``: ``precheck(path)``, what ``stat`` tells before a file is opened: a regular file
  (not a folder, a FIFO that would block an ``open``, a symlink loop) of at most
  ``MAX_BUNDLE_BYTES``; ``Stability``: a file is taken only when its size and mtime are
  unchanged across two looks a debounce apart, so a half-copied file is not taken while it is
  still being written.
* ``check``: ``check_candidate(path)``, the pre-check, readable, and the content validator
  (which starts with ``PRAGMA quick_check``: the integrity check runs once). Never raises: any
  exception from the content layer is a refusal carrying its message.
* ``store``: ``BundleStore.stage(path)``: copy into ``bundles/`` under a temporary name and
  check the copy (the bytes the kiosk will run, checked once); may run on a worker thread and
  be cancelled. ``BundleStore.commit(staged)``: rename it into place and record it as current
  in ``bundles/state.json`` (cheap: for the GUI thread); keep the previous copy, delete older
  ones. ``adopt(path)`` is both at once. ``records``: what ``state.json`` holds.
* ``startup``: ``BundleStore.startup_bundle(configured)``: what to open at start; never raises.

Everything public is importable from ``kiosk.ops.bundles`` itself.
"""

from kiosk.ops.bundles.check import CandidateResult, Checker, Validator, check_candidate
from kiosk.ops.bundles.files import (
    MAX_BUNDLE_BYTES,
    Cancelled,
    FileSignature,
    Stability,
    Steadiness,
    file_checksum,
    observe,
    open_regular,
    precheck,
)
from kiosk.ops.bundles.records import AdoptError, BundleRecord, Rejection, Staged
from kiosk.ops.bundles.startup import BundleStore
from kiosk.ops.bundles.store import (
    COPY_PREFIX,
    COPY_SUFFIX,
    STATE_FILE,
    TEMP_PREFIX,
    CopyStore,
)

__all__ = [
    "COPY_PREFIX",
    "COPY_SUFFIX",
    "MAX_BUNDLE_BYTES",
    "STATE_FILE",
    "TEMP_PREFIX",
    "AdoptError",
    "BundleRecord",
    "BundleStore",
    "Cancelled",
    "CandidateResult",
    "Checker",
    "CopyStore",
    "FileSignature",
    "Rejection",
    "Stability",
    "Staged",
    "Steadiness",
    "Validator",
    "check_candidate",
    "file_checksum",
    "observe",
    "open_regular",
    "precheck",
]
