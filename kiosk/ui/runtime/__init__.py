"""The application's plumbing: the shell, operations, lockdown, Qt's log, fonts, screen fit."""
