"""The header-only image reader: types, sizes, and damage found without an image library."""

from __future__ import annotations

import contextlib
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.images import MAX_IMAGE_SIDE, ImageError, check_image, sniff

from .factory import gif_bytes, jpeg_bytes, png_bytes, webp_bytes


@pytest.mark.parametrize(
    ("data", "mime", "size"),
    [
        (png_bytes(4, 3), "image/png", (4, 3)),
        (gif_bytes(2, 2), "image/gif", (2, 2)),
        (jpeg_bytes(16, 8), "image/jpeg", (16, 8)),
        (webp_bytes(5, 7), "image/webp", (5, 7)),
    ],
)
def test_sniff_reads_type_and_size(data: bytes, mime: str, size: tuple[int, int]) -> None:
    """Each supported format's type and pixel size come from its header."""
    info = sniff(data)
    assert (info.mime, (info.width, info.height)) == (mime, size)
    assert check_image(data) == []


def test_unknown_format_is_refused() -> None:
    """A BMP (or anything else) is not an image the kiosk takes."""
    with pytest.raises(ImageError, match="not a PNG, JPEG, GIF or WebP"):
        sniff(b"BM" + b"\x00" * 60)


def test_truncated_png_is_reported() -> None:
    """A PNG cut short is found, not passed as fine."""
    data = png_bytes(40, 30)
    assert check_image(data[: len(data) - 20])


def test_png_with_a_bad_checksum_is_reported() -> None:
    """A flipped byte inside a chunk fails its CRC."""
    data = bytearray(png_bytes(4, 3))
    data[40] ^= 0xFF
    assert any("checksum" in m or "damaged" in m for m in check_image(bytes(data)))


def test_png_whose_pixel_data_does_not_match_its_size() -> None:
    """An IHDR that claims more pixels than the IDAT holds is damage."""
    good = png_bytes(4, 3)
    ihdr_body = struct.pack(">IIBBBBB", 4, 30, 8, 2, 0, 0, 0)
    ihdr = struct.pack(">I", 13) + b"IHDR" + ihdr_body
    ihdr += struct.pack(">I", zlib.crc32(b"IHDR" + ihdr_body) & 0xFFFFFFFF)
    bad = good[:8] + ihdr + good[8 + len(ihdr) :]
    assert any("pixel data" in m for m in check_image(bad))


def test_image_too_large_in_pixels() -> None:
    """A side over the limit is refused before any decoding."""
    data = png_bytes(MAX_IMAGE_SIDE + 1, 1)
    assert any("limit" in m for m in check_image(data))


def test_jpeg_without_end_marker_is_cut_off() -> None:
    """A JPEG missing its EOI marker was truncated."""
    assert any("cut off" in m for m in check_image(jpeg_bytes()[:-2]))


def test_gif_without_trailer_is_cut_off() -> None:
    """A GIF missing its trailer byte was truncated."""
    assert check_image(gif_bytes()[:-1])


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data: bytes) -> None:
    """Whatever the bytes, check_image answers with a list."""
    assert isinstance(check_image(data), list)


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from([png_bytes(9, 7), gif_bytes(), jpeg_bytes(), webp_bytes()]),
    st.integers(min_value=0, max_value=200),
)
def test_truncations_never_raise(data: bytes, cut: int) -> None:
    """A real image cut anywhere gives problems, never an exception."""
    truncated = data[: max(0, len(data) - cut)]
    problems = check_image(truncated)
    if len(truncated) < len(data):
        assert problems


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([png_bytes(9, 7), gif_bytes(), jpeg_bytes(), webp_bytes()]),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 7)), min_size=1, max_size=6),
)
def test_bit_flips_never_raise(data: bytes, flips: list[tuple[int, int]]) -> None:
    """A real image with bits flipped anywhere (lengths, sizes, markers): a list of problems
    from check_image, and sniff answers or raises ImageError, nothing else."""
    damaged = bytearray(data)
    for at, bit in flips:
        damaged[at % len(damaged)] ^= 1 << bit
    assert isinstance(check_image(bytes(damaged)), list)
    with contextlib.suppress(ImageError):
        sniff(bytes(damaged))
