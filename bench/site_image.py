"""Make the portal's share image, static/img/share.png: 1200 x 630, the favicon's
design (a navy ground, a sky-blue band, the gold sun in a white ring), drawn with
the standard library alone so that anyone can make it again byte for byte.

    .venv/bin/python bench/site_image.py           # write it
    .venv/bin/python bench/site_image.py --check   # exit 1 if it differs

Link previews show it for every page (dgcin/seo.py): it carries no words, so it
serves both languages.
"""

import argparse
import math
import struct
import sys
import zlib
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "share.png"

NAVY = (0x24, 0x2C, 0x4F)  # --color-primary
CELESTE = (0x37, 0xBB, 0xED)  # --color-celeste
GOLD = (0xF6, 0xB4, 0x0E)
WHITE = (0xFF, 0xFF, 0xFF)

# The favicon is 64 units high: the band spans 21-43, the sun has radius 8, the
# ring radius 12 and width 3.
UNIT = HEIGHT / 64
BAND = (round(21 * UNIT), round(43 * UNIT))
CENTRE = (WIDTH / 2, HEIGHT / 2)
SUN_RADIUS = 8 * UNIT
RING_RADIUS, RING_WIDTH = 12 * UNIT, 3 * UNIT


def mix(under, over, amount):
    return tuple(round(u + (o - u) * amount) for u, o in zip(under, over, strict=True))


def coverage(distance):
    """How much of a pixel an edge ``distance`` pixels inside a shape covers."""
    return min(1.0, max(0.0, distance + 0.5))


def pixel(x, y, ground):
    dx, dy = x + 0.5 - CENTRE[0], y + 0.5 - CENTRE[1]
    distance = math.hypot(dx, dy)
    colour = mix(ground, GOLD, coverage(SUN_RADIUS - distance))
    half = RING_WIDTH / 2
    ring = coverage(min(distance - (RING_RADIUS - half), RING_RADIUS + half - distance))
    return mix(colour, WHITE, ring)


def rows():
    """The image's rows of RGB bytes, top to bottom."""
    reach = RING_RADIUS + RING_WIDTH
    left, right = math.floor(CENTRE[0] - reach), math.ceil(CENTRE[0] + reach)
    for y in range(HEIGHT):
        ground = CELESTE if BAND[0] <= y < BAND[1] else NAVY
        row = bytearray(bytes(ground) * WIDTH)
        if abs(y + 0.5 - CENTRE[1]) <= reach:
            for x in range(left, right):
                row[3 * x : 3 * x + 3] = bytes(pixel(x, y, ground))
        yield bytes(row)


def scanlines():
    """The uncompressed image data: each row after its filter byte (0, none)."""
    return b"".join(b"\x00" + row for row in rows())


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png():
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(scanlines(), 9))
        + chunk(b"IEND", b"")
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, don't write")
    args = parser.parse_args()
    data = png()
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_bytes() == data
        print(f"{OUTPUT}: {'up to date' if same else 'differs'}")
        sys.exit(0 if same else 1)
    OUTPUT.write_bytes(data)
    print(f"wrote {OUTPUT} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
