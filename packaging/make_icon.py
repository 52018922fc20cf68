"""Draw the program icon (a form with a tick on a blue tile) and save it as a Windows .ico.

Drawn in code at build time, so the repository holds no binary icon: each shape is a distance
function, and a pixel's coverage is how far its centre lies inside the shape (anti-aliased
edges without supersampling). Standard library only.

    python packaging/make_icon.py out.ico
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 256)
"""The sizes Windows picks from (taskbar, title bar, Explorer's views)."""

Shape = Callable[[float, float], float]
"""Signed distance from a point (in units of the icon's side) to a shape; < 0 inside."""

Color = tuple[int, int, int]


def _box(cx: float, cy: float, hw: float, hh: float, r: float) -> Shape:
    def distance(x: float, y: float) -> float:
        qx, qy = abs(x - cx) - hw + r, abs(y - cy) - hh + r
        outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
        return outside + min(max(qx, qy), 0.0) - r

    return distance


def _stroke(points: list[tuple[float, float]], width: float) -> Shape:
    def distance(x: float, y: float) -> float:
        best = math.inf
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
        return best - width / 2

    return distance


LAYERS: list[tuple[Shape, Color]] = [
    (_box(0.5, 0.5, 0.47, 0.47, 0.12), (31, 95, 168)),  # the tile
    (_box(0.46, 0.5, 0.27, 0.36, 0.03), (255, 255, 255)),  # the form
    (_stroke([(0.3, 0.3), (0.62, 0.3)], 0.05), (150, 165, 185)),  # its lines
    (_stroke([(0.3, 0.43), (0.62, 0.43)], 0.05), (150, 165, 185)),
    (_stroke([(0.3, 0.56), (0.48, 0.56)], 0.05), (150, 165, 185)),
    (_stroke([(0.5, 0.7), (0.62, 0.81), (0.86, 0.52)], 0.1), (34, 160, 80)),  # the tick
]


def render(size: int) -> bytes:
    """Return the icon as `size`×`size` RGBA pixels, row by row."""
    pixels = bytearray()
    for row in range(size):
        y = (row + 0.5) / size
        for col in range(size):
            x = (col + 0.5) / size
            r = g = b = a = 0.0
            for shape, color in LAYERS:
                cover = min(max(0.5 - shape(x, y) * size, 0.0), 1.0)
                if cover:
                    # "Over" compositing with straight (not premultiplied) alpha.
                    out = cover + a * (1 - cover)
                    r = (color[0] * cover + r * a * (1 - cover)) / out
                    g = (color[1] * cover + g * a * (1 - cover)) / out
                    b = (color[2] * cover + b * a * (1 - cover)) / out
                    a = out
            pixels += bytes((round(r), round(g), round(b), round(a * 255)))
    return bytes(pixels)


def png(size: int) -> bytes:
    """Return the icon at `size` pixels as a PNG file's bytes."""
    raw = render(size)
    stride = size * 4
    rows = b"".join(b"\0" + raw[i : i + stride] for i in range(0, len(raw), stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def write_icon(path: str | Path, sizes: tuple[int, ...] = SIZES) -> Path:
    """Write a .ico holding the icon at each of `sizes` (PNG-compressed); return its path."""
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 stands for 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images))
    return target


if __name__ == "__main__":
    print(write_icon(sys.argv[1] if len(sys.argv) > 1 else "selfeval.ico"))
