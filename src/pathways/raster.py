"""PNG files from pixels, and pixels from the uncompressed TIFF that poppler's `pdftocairo`
writes: pure functions over bytes (`render` runs the program).

Why not Graphviz's own PNG: drawing a figure is a small part of `dot -Tpng`; two thirds of its
time go to libpng trying every row filter and zlib at level 6. `pdftocairo` draws the same
vector drawing (the figure's PDF) with the same library, cairo, and writes it uncompressed;
encoding it here, unfiltered, with zlib-ng (the `zlib-ng` package: the same format as zlib's,
written for speed) at level 2, gives a file about as small in a fraction of the time. The 12
catalog figures took 0.12 s and 3.08 MB here, against 0.33 s and 2.98 MB with zlib at level 3.
The PNG also says its resolution (`pHYs`), so a word processor places it at the size it was
drawn for.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from zlib_ng import zlib_ng

from .errors import RenderError

__all__ = ["Pixels", "png_bytes", "tiff_pixels", "with_resolution"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEVEL = 2  # zlib-ng level: about the size of Graphviz's PNGs (level 6, filtered), far faster
_TIFF_TYPES = {3: "H", 4: "I"}  # SHORT, LONG: all an uncompressed image's tags use
_WIDTH, _HEIGHT, _BITS, _COMPRESSION, _PHOTOMETRIC = 256, 257, 258, 259, 262
_OFFSETS, _SAMPLES, _COUNTS, _PLANAR, _EXTRA = 273, 277, 279, 284, 338


@dataclass(frozen=True)
class Pixels:
    """An 8-bit image: `data` is its rows one after another, each width x channels bytes,
    channels 3 (RGB) or 4 (RGB and straight, not premultiplied, alpha). `data` may be a view
    into the file read (see `tiff_pixels`): a large figure's pixels are not copied."""

    width: int
    height: int
    channels: int
    data: bytes | memoryview


def _tags(data: bytes, label: str) -> dict[int, tuple[int, ...]]:
    """The first image's tags of a little- or big-endian TIFF: tag -> its values."""
    order = {b"II": "<", b"MM": ">"}.get(data[:2])
    if order is None or len(data) < 8 or struct.unpack(order + "H", data[2:4])[0] != 42:
        raise RenderError(f"{label}: pdftocairo wrote something that is not a TIFF image")
    start = struct.unpack(order + "I", data[4:8])[0]
    (count,) = struct.unpack(order + "H", data[start:start + 2])
    tags = {}
    for i in range(count):
        entry = data[start + 2 + 12 * i:start + 14 + 12 * i]
        tag, kind, n = struct.unpack(order + "HHI", entry[:8])
        if kind not in _TIFF_TYPES:
            continue  # resolution and the like: not needed
        if n > len(data):  # more values than the file has bytes: not a TIFF read here
            raise struct.error("a tag's count runs past the end of the file")
        fmt = f"{order}{n}{_TIFF_TYPES[kind]}"
        size = struct.calcsize(fmt)
        if size <= 4:
            values = struct.unpack(fmt, entry[8:8 + size])
        else:
            (at,) = struct.unpack(order + "I", entry[8:12])
            values = struct.unpack(fmt, data[at:at + size])
        tags[tag] = values
    return tags


def tiff_pixels(data: bytes | memoryview, label: str = "figure") -> Pixels:
    """The pixels of an uncompressed, 8-bit, interleaved RGB or RGBA TIFF (what `pdftocairo
    -tiff -tiffcompression none` writes, its alpha premultiplied, as cairo keeps it), with the
    alpha made straight as PNG wants. Anything else is a RenderError naming `label`. Where
    the strips lie one after another, as libtiff writes them, the pixels are a view into
    `data` (a memory-mapped file, say), not a copy."""
    try:
        tags = _tags(data, label)
        width, height = tags[_WIDTH][0], tags[_HEIGHT][0]
        offsets, counts = tags[_OFFSETS], tags[_COUNTS]
    except (struct.error, KeyError, IndexError) as exc:  # cut short, or tags missing
        raise RenderError(f"{label}: pdftocairo wrote something that is not a TIFF image "
                          "read here") from exc
    channels = tags.get(_SAMPLES, (1,))[0]
    if (tags.get(_COMPRESSION, (1,))[0] != 1 or tags.get(_PHOTOMETRIC, (0,))[0] != 2
            or channels not in (3, 4) or set(tags.get(_BITS, (8,))) != {8}
            or tags.get(_PLANAR, (1,))[0] != 1):
        raise RenderError(f"{label}: pdftocairo wrote a TIFF image of a kind not read here")
    stride, view = width * channels, memoryview(data)
    size = stride * height
    ends = [at + n for at, n in zip(offsets, counts, strict=False)]
    if offsets and all(a == b for a, b in zip(offsets[1:], ends, strict=False)):
        body: bytes | memoryview = view[offsets[0]:offsets[0] + min(size, sum(counts))]
    else:
        body = b"".join(view[at:end] for at, end in zip(offsets, ends, strict=False))[:size]
    if len(body) < size:
        raise RenderError(f"{label}: pdftocairo wrote a truncated TIFF image")
    if channels == 4 and tags.get(_EXTRA, (0,))[0] == 1:  # associated alpha: unpremultiply
        body = _straight(body)
    return Pixels(width, height, channels, body)


def _straight(rgba: bytes | memoryview) -> bytes:
    """Premultiplied RGBA pixels made straight, rounded as cairo's own PNG writer rounds:
    c' = (c * 255 + a / 2) / a, and 0 where a is 0. (numpy, imported here: only transparent
    figures need it, and a build should not pay for its import otherwise.)"""
    import numpy as np

    pixels = np.frombuffer(rgba, dtype=np.uint8).reshape(-1, 4)
    alpha = pixels[:, 3:4].astype(np.uint32)
    safe = np.maximum(alpha, 1)
    straight = np.where(alpha > 0, (pixels[:, :3].astype(np.uint32) * 255 + safe // 2) // safe, 0)
    return np.concatenate([np.minimum(straight, 255), alpha], axis=1).astype(np.uint8).tobytes()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _resolution(dpi: float) -> bytes:
    """A `pHYs` chunk saying `dpi`, as pixels per metre."""
    per_metre = round(dpi / 0.0254)
    return _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))


def with_resolution(png: bytes, dpi: float) -> bytes:
    """A PNG file (Graphviz's, which says no resolution) with a `pHYs` chunk saying `dpi` right
    after its header, replacing one it had: a word processor or LaTeX then places it at the
    size it was drawn for."""
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        return png
    at, end = 8 + 25, len(png)  # the signature, then IHDR: 4 + 4 + 13 + 4 bytes
    parts, rest = [png[:at], _resolution(dpi)], at
    while rest + 8 <= end:
        (size,) = struct.unpack(">I", png[rest:rest + 4])
        step = 12 + size
        if png[rest + 4:rest + 8] != b"pHYs":
            parts.append(png[rest:rest + step])
        rest += step
    return b"".join(parts)


def png_bytes(pixels: Pixels, dpi: float | None = None) -> bytes:
    """`pixels` as a PNG file: 8-bit RGB or RGBA, rows unfiltered, zlib-ng level LEVEL, with a
    `pHYs` chunk saying `dpi` (as pixels per metre) where given. Deterministic: the same
    pixels give the same bytes. The rows are compressed one at a time, each led by its filter
    type, 0 (none: filtering costs more than it saves here), so no copy of the image is made."""
    colour_type = {3: 2, 4: 6}[pixels.channels]
    header = struct.pack(">IIBBBBB", pixels.width, pixels.height, 8, colour_type, 0, 0, 0)
    stride, view = pixels.width * pixels.channels, memoryview(pixels.data)
    packer = zlib_ng.compressobj(LEVEL)
    packed = []
    for at in range(0, stride * pixels.height, stride):
        packed.append(packer.compress(b"\0"))
        packed.append(packer.compress(view[at:at + stride]))
    packed.append(packer.flush())
    out = [PNG_SIGNATURE, _chunk(b"IHDR", header)]
    if dpi:
        out.append(_resolution(dpi))
    out += [_chunk(b"IDAT", b"".join(packed)), _chunk(b"IEND", b"")]
    return b"".join(out)
