"""A list and a form for each table, generated from its description (kiosk.studio.fields).

``TableEditor`` shows a table's rows in a list (add, delete, move up and down) and the selected
row in a form: one editor per source column, chosen by kind (a line for a short text, a
plain-text box for a long one, a date with its precision, a combo of keys for a reference, a
checkbox for a flag...). Editors write through ``Project.set_field`` (undoable) and follow
``Project.edited`` (an undo shows in the form). Each editor's objectName is
``field_<table>_<column>``; ``TableEditor.select`` is how the problems panel jumps to one.

A section's text gets a text box that wraps at about 60 characters (the kiosk's reading
measure), with its word count and a reading-length hint.

* ``editors``: one editor per kind of field.
* ``row``: ``RowForm``, the form of one row; ``reading_hint``, ``row_title``.
* ``table``: ``TableEditor`` and ``MediaEditor``, a table's list and its form.

Everything public is importable from ``kiosk.studio.forms`` itself.
"""

from kiosk.studio.forms.editors import READING_MEASURE
from kiosk.studio.forms.row import WORDS_PER_MINUTE, RowForm, reading_hint, row_title
from kiosk.studio.forms.table import MediaEditor, TableEditor

__all__ = [
    "READING_MEASURE",
    "WORDS_PER_MINUTE",
    "MediaEditor",
    "RowForm",
    "TableEditor",
    "reading_hint",
    "row_title",
]
