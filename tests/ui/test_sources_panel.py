"""The sources panel's lists follow what the screens' models say about their sources, and
nothing else: a change that cannot touch a source (a section's read mark) reads nothing."""

from __future__ import annotations

from typing import Any

import pytest


def test_a_read_mark_rebuilds_no_source_list_and_new_rows_do(
    make_shell: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = make_shell(show=False)
    sources, model = shell.sources, shell.content.section_model
    rebuilt: list[str] = []
    monkeypatch.setattr(sources, "_rebuild", rebuilt.append)
    sensitive = [model.key_at(row) for row in range(model.rowCount()) if model.is_sensitive(row)]
    assert sensitive  # the test bundle has a section a visitor must choose to read
    changes: list[Any] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    model.set_revealed(set(sensitive))
    assert len(changes) == len(sensitive)  # each read mark is a change of the model's data
    assert rebuilt == []
    # The same rows again (as after a change of language): every role may have changed.
    model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, 0))
    assert rebuilt == ["history"]
    model.dataChanged.emit(model.index(0, 0), model.index(0, 0), [int(model.Roles["source"])])
    assert rebuilt == ["history", "history"]
