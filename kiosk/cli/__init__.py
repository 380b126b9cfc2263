"""The command lines: ``kiosk`` (kiosk.cli.kiosk) and ``kiosk-content`` (kiosk.cli.content).

Both console scripts, ``python -m kiosk`` and the frozen program (packaging/kiosk_entry.py)
start here; everything below is imported only when a command needs it.
"""
