"""The memorial exhibit kiosk: an offline touch-screen exhibit over one SQLite content bundle."""

__version__ = "0.1.0"
