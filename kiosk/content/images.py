"""Image checks without an image library: PNG, JPEG, GIF and WebP read from their headers.

The content layer imports no Qt, so the build and the validator learn an image's type and size
from its header here, and check its structure (chunks, markers, checksums, the end of the
file) well enough to catch a truncated, corrupt or mislabelled file before a kiosk tries to
show it. The kiosk's own decoder is the final judge; this is the curator's early warning.

Why not Pillow: it would decode fully, but its wheel carries its own libjpeg, libpng, libwebp,
libtiff, freetype and more, several MB in the frozen build, which is held under 120 MB and is
at about 116 MB. The content layer only needs an image's type, size and whether its structure
is whole, which these few hundred lines read from the bytes (and fuzz in tests/content).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Final

MAX_IMAGE_BYTES: Final = 20 * 1024 * 1024
MAX_IMAGE_SIDE: Final = 8000

MIME_EXTENSIONS: Final[dict[str, str]] = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
# PNG colour type -> samples per pixel, and the bit depths that type allows.
_PNG_CHANNELS: Final[dict[int, tuple[int, tuple[int, ...]]]] = {
    0: (1, (1, 2, 4, 8, 16)),
    2: (3, (8, 16)),
    3: (1, (1, 2, 4, 8)),
    4: (2, (8, 16)),
    6: (4, (8, 16)),
}
# Adam7 interlacing: (first column, first row, column step, row step) of each of the 7 passes.
_ADAM7: Final = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)


class ImageError(ValueError):
    """Not an image this program can read; the message says why, for a curator."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    mime: str
    width: int
    height: int


def sniff(data: bytes) -> ImageInfo:
    """The type and pixel size of ``data``, read from its header. Raises ImageError."""
    if data.startswith(_PNG_SIGNATURE):
        return _png_header(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg_header(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        if len(data) < 10:
            raise ImageError("the GIF image is cut off in its header")
        width, height = struct.unpack_from("<HH", data, 6)
        return ImageInfo("image/gif", width, height)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_header(data)
    raise ImageError("not a PNG, JPEG, GIF or WebP image")


def check_image(data: bytes) -> list[str]:
    """Everything wrong with ``data`` as a kiosk image (empty when it is fine).

    Checks the type, the size limits (``MAX_IMAGE_BYTES``, ``MAX_IMAGE_SIDE``) and the file's
    structure: a PNG's chunk checksums and compressed pixel data, a JPEG's markers and end,
    a GIF's blocks and trailer, a WebP's RIFF length.
    """
    if len(data) > MAX_IMAGE_BYTES:
        return [
            f"the image is {len(data) / 1048576:.1f} MB; the limit is "
            f"{MAX_IMAGE_BYTES // 1048576} MB"
        ]
    try:
        info = sniff(data)
    except ImageError as exc:
        return [str(exc)]
    problems: list[str] = []
    if info.width < 1 or info.height < 1:
        problems.append(f"the image says it is {info.width}x{info.height} pixels")
        return problems
    if info.width > MAX_IMAGE_SIDE or info.height > MAX_IMAGE_SIDE:
        problems.append(
            f"the image is {info.width}x{info.height} pixels; the limit is "
            f"{MAX_IMAGE_SIDE} pixels a side"
        )
        return problems
    try:
        if info.mime == "image/png":
            _png_structure(data)
        elif info.mime == "image/jpeg":
            _jpeg_structure(data)
        elif info.mime == "image/gif":
            _gif_structure(data)
        else:
            _webp_structure(data)
    except ImageError as exc:
        problems.append(str(exc))
    except (struct.error, IndexError, zlib.error):
        problems.append("the image is damaged or cut off")
    return problems


# -- PNG ---------------------------------------------------------------------------------------


def _png_header(data: bytes) -> ImageInfo:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise ImageError("the PNG image is cut off or has no header chunk (IHDR)")
    width, height = struct.unpack_from(">II", data, 16)
    return ImageInfo("image/png", width, height)


def _png_structure(data: bytes) -> None:
    pos = len(_PNG_SIGNATURE)
    idat = zlib.decompressobj()
    inflated = 0
    seen_iend = False
    header: tuple[int, int, int, int, int] | None = None
    while pos < len(data):
        if pos + 12 > len(data):
            raise ImageError("the PNG image is cut off")
        (length,) = struct.unpack_from(">I", data, pos)
        ctype = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        end = pos + 12 + length
        if end > len(data):
            raise ImageError("the PNG image is cut off")
        (crc,) = struct.unpack_from(">I", data, pos + 8 + length)
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise ImageError(
                f"the PNG image is damaged (checksum of chunk {ctype.decode('latin-1')!r})"
            )
        if ctype == b"IHDR":
            if length != 13:
                raise ImageError("the PNG image has a malformed header chunk")
            w, h, depth, colour, _comp, _filt, interlace = struct.unpack(">IIBBBBB", body)
            header = (w, h, depth, colour, interlace)
        elif ctype == b"IDAT":
            inflated += _inflate_count(idat, body)
        elif ctype == b"IEND":
            seen_iend = True
            break
        pos = end
    if header is None:
        raise ImageError("the PNG image has no header chunk (IHDR)")
    if not seen_iend:
        raise ImageError("the PNG image is cut off (no end chunk)")
    inflated += len(idat.flush())
    if not idat.eof:
        raise ImageError("the PNG image's pixel data is cut off")
    expected = _png_raw_size(*header)
    if inflated != expected:
        raise ImageError(
            f"the PNG image's pixel data has {inflated} bytes; its size needs {expected}"
        )


def _inflate_count(obj: zlib._Decompress, chunk: bytes) -> int:
    """Inflate ``chunk`` a megabyte at a time, counting bytes, keeping none (zip bombs)."""
    total = 0
    buf = chunk
    while buf:
        out = obj.decompress(buf, 1 << 20)
        total += len(out)
        buf = obj.unconsumed_tail
        if obj.eof:
            break
    return total


def _png_raw_size(width: int, height: int, depth: int, colour: int, interlace: int) -> int:
    if colour not in _PNG_CHANNELS or depth not in _PNG_CHANNELS[colour][1]:
        raise ImageError(f"the PNG image has an impossible colour type {colour} / depth {depth}")
    bits = _PNG_CHANNELS[colour][0] * depth

    def scanlines(w: int, h: int) -> int:
        if w == 0 or h == 0:
            return 0
        return h * (1 + (w * bits + 7) // 8)

    if interlace == 0:
        return scanlines(width, height)
    if interlace != 1:
        raise ImageError("the PNG image has an unknown interlace method")
    total = 0
    for x0, y0, dx, dy in _ADAM7:
        pass_w = (width - x0 + dx - 1) // dx if width > x0 else 0
        pass_h = (height - y0 + dy - 1) // dy if height > y0 else 0
        total += scanlines(pass_w, pass_h)
    return total


# -- JPEG --------------------------------------------------------------------------------------

_SOF_MARKERS: Final = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_segments(data: bytes) -> tuple[ImageInfo | None, bool]:
    """Walk the markers up to the scan: (size from the frame header, whether a scan began)."""
    pos = 2
    info: ImageInfo | None = None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ImageError("the JPEG image is damaged (a marker is missing)")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):
            pos += 2
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2:
            raise ImageError("the JPEG image is damaged (a segment has no length)")
        if marker in _SOF_MARKERS:
            if pos + 9 > len(data):
                break
            height, width = struct.unpack_from(">HH", data, pos + 5)
            info = ImageInfo("image/jpeg", width, height)
        if marker == 0xDA:
            return info, True
        if marker == 0xD9:
            break
        pos += 2 + length
    return info, False


def _jpeg_header(data: bytes) -> ImageInfo:
    try:
        info, _scan = _jpeg_segments(data)
    except struct.error:
        info = None
    if info is None:
        raise ImageError("the JPEG image is cut off or has no frame header")
    return info


def _jpeg_structure(data: bytes) -> None:
    _info, scan = _jpeg_segments(data)
    if not scan:
        raise ImageError("the JPEG image has no image data")
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise ImageError("the JPEG image is cut off (no end marker)")


# -- GIF ---------------------------------------------------------------------------------------


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    while True:
        size = data[pos]
        pos += 1
        if size == 0:
            return pos
        pos += size


def _gif_structure(data: bytes) -> None:
    flags = data[10]
    pos = 13
    if flags & 0x80:
        pos += 3 * (2 << (flags & 7))
    frames = 0
    while True:
        if pos >= len(data):
            raise ImageError("the GIF image is cut off (no trailer)")
        block = data[pos]
        if block == 0x3B:
            break
        if block == 0x21:
            pos = _skip_sub_blocks(data, pos + 2)
        elif block == 0x2C:
            local = data[pos + 9]
            pos += 10
            if local & 0x80:
                pos += 3 * (2 << (local & 7))
            pos = _skip_sub_blocks(data, pos + 1)  # after the LZW minimum code size
            frames += 1
        else:
            raise ImageError("the GIF image is damaged (an unknown block)")
    if frames == 0:
        raise ImageError("the GIF image has no picture in it")


# -- WebP --------------------------------------------------------------------------------------


def _webp_header(data: bytes) -> ImageInfo:
    kind = data[12:16]
    if len(data) < (25 if kind == b"VP8L" else 30):
        raise ImageError("the WebP image is cut off in its header")
    if kind == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            raise ImageError("the WebP image is damaged (no frame start code)")
        width, height = struct.unpack_from("<HH", data, 26)
        return ImageInfo("image/webp", width & 0x3FFF, height & 0x3FFF)
    if kind == b"VP8L":
        if data[20] != 0x2F:
            raise ImageError("the WebP image is damaged (lossless signature)")
        bits = int.from_bytes(data[21:25], "little")
        return ImageInfo("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if kind == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageInfo("image/webp", width, height)
    raise ImageError("the WebP image has an unknown kind of data")


def _webp_structure(data: bytes) -> None:
    (riff_size,) = struct.unpack_from("<I", data, 4)
    if riff_size + 8 > len(data):
        raise ImageError("the WebP image is cut off")
    pos, end = 12, riff_size + 8
    while pos < end:
        if pos + 8 > end:
            raise ImageError("the WebP image is damaged (a chunk is cut off)")
        (size,) = struct.unpack_from("<I", data, pos + 4)
        pos += 8 + size + (size & 1)
        if pos > end:
            raise ImageError("the WebP image is cut off")
