"""The visitor screens' Python side, by kind:

* ``kiosk.ui.backend``: the types QML sees (``import Kiosk.Backend``): models, controllers, the
  image provider; importing the package registers them all;
* ``kiosk.ui.runtime``: the application's plumbing: the shell that wires one visit and loads
  Main.qml, operations (live updates, admin, statistics, watchdog), lockdown, Qt's log, fonts,
  the window's fit to its screen;
* ``kiosk.ui.tools``: the self-test, the screenshots, and ``settle`` (wait until drawn);
* ``kiosk.ui.screens``: the registry of visitor screens; ``kiosk.ui.qt``: PySide6 shims.
"""
