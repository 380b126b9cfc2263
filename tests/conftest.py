"""Shared by every test: Qt runs headless, with the software scene graph (what CI has)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
