"""Images served from the bundle at the size they are shown, from any thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize

from kiosk.ui.backend.images import BundleImageProvider, decode

from .bundles import make_bundle, png_bytes


def test_provider_scales_down_to_the_requested_size(qapp: Any, exhibit_bundle: Path) -> None:
    """A 320x200 image asked for at 160 wide comes back 160x100."""
    provider = BundleImageProvider(exhibit_bundle)
    size = QSize()
    image = provider.requestImage("1/1", size, QSize(160, 160))
    assert (image.width(), image.height()) == (160, 100)
    assert (size.width(), size.height()) == (160, 100)


def test_provider_never_scales_up(qapp: Any, exhibit_bundle: Path) -> None:
    """Asked for more than it has, the image keeps its own size."""
    image = BundleImageProvider(exhibit_bundle).requestImage("1/1", QSize(), QSize(2000, 2000))
    assert (image.width(), image.height()) == (320, 200)


def test_provider_works_on_worker_threads(qapp: Any, exhibit_bundle: Path) -> None:
    """Asynchronous images load on worker threads: each has its own connection."""
    provider = BundleImageProvider(exhibit_bundle)
    results: list[int] = []

    def load() -> None:
        results.append(provider.requestImage("1/1", QSize(), QSize(64, 64)).width())

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [64, 64, 64, 64]


def test_provider_survives_bad_ids_and_data(qapp: Any, tmp_path: Path) -> None:
    """A missing row, a bad id or undecodable bytes give an empty image, not an error."""
    bundle = make_bundle(tmp_path / "b.sqlite", with_images=True)
    provider = BundleImageProvider(bundle)
    assert provider.requestImage("1/999", QSize(), QSize()).isNull()
    assert provider.requestImage("1/not-a-number", QSize(), QSize()).isNull()
    assert decode(b"\x89PNG but not really").isNull()
    assert not decode(png_bytes(8, 8)).isNull()


def test_provider_follows_a_new_bundle(qapp: Any, tmp_path: Path) -> None:
    """After set_bundle, images come from the new file."""
    first = make_bundle(tmp_path / "a.sqlite", with_images=False)
    second = make_bundle(tmp_path / "b.sqlite", with_images=True)
    provider = BundleImageProvider(first)
    assert provider.requestImage("1/1", QSize(), QSize()).isNull()
    provider.set_bundle(second)
    assert not provider.requestImage("2/1", QSize(), QSize()).isNull()


def test_images_show_on_the_history_screen(make_shell: Any) -> None:
    """A section with an image shows it, drawn at its shown size."""
    from kiosk.ui.tools.settle import iter_items, qml_eval, settle

    shell = make_shell()
    shell.navigator.go("history")
    settle(shell.window)
    images = [
        i
        for i in iter_items(shell.window.contentItem())
        if i.inherits("QQuickImage") and i.isVisible()
    ]
    assert images
    assert qml_eval(images[0], "status === Image.Ready")


def test_every_image_is_loaded_on_the_gui_thread(
    make_shell: Any, tmp_path: Path, monkeypatch: Any, qtbot: Any, qt_warnings: Any
) -> None:
    """The provider is a Python object: Qt's image reader thread would call it holding its own
    lock, while the GUI thread, holding the GIL, waits for that lock (a deadlock seen in CI).
    So every picture the visitor can reach (a section's, an event's, an attract slide's, a
    person's photo) is asked for on the GUI thread, and is drawn once asked for."""
    import sqlite3

    from kiosk.ui.tools.settle import iter_items, settle

    from .bundles import make_people_bundle
    from .touch import item

    asked: list[int] = []
    request = BundleImageProvider.requestImage

    def spy(self: BundleImageProvider, image_id: str, size: QSize, wanted: QSize) -> Any:
        asked.append(threading.get_ident())
        return request(self, image_id, size, wanted)

    monkeypatch.setattr(BundleImageProvider, "requestImage", spy)
    bundle = make_people_bundle(tmp_path / "people.sqlite", with_images=True)
    with sqlite3.connect(bundle) as conn:
        conn.execute("UPDATE people SET photo_id = 1 WHERE key = 'p0'")
    conn.close()
    shell = make_shell(bundle)

    def drawn() -> list[Any]:
        return [
            i
            for i in iter_items(shell.window.contentItem())
            if i.inherits("QQuickImage") and i.isVisible() and i.property("paintedWidth") > 0
        ]

    def shows_a_picture(step: str) -> None:
        settle(shell.window)
        assert drawn(), f"no picture drawn: {step}"

    screen = item(shell.window, "slot_attract").property("item")
    model = shell.content.attract_model
    kinds = [model.get(r, "kind") for r in range(model.rowCount())]
    screen.setProperty("current", kinds.index("image"))
    shows_a_picture("attract slide")
    shell.navigator.go("history")
    shows_a_picture("section")
    shell.navigator.go("timeline")
    shell.timeline.open(2)
    shows_a_picture("event")
    shell.timeline.close()
    shell.navigator.go("memorial")
    settle(shell.window)
    assert shell.names.openPerson("p0")
    shows_a_picture("person")
    assert len(asked) >= 4
    assert set(asked) == {threading.get_ident()}
    assert qt_warnings() == []
