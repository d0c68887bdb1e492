#!/usr/bin/env python3
"""Checks that PNG screenshots show a page, not a blank, standard library only.

Usage: pngcheck.py [--size WxH] [--min-colours N] [--min-ink F] FILE.png...

A file passes when it is a well-formed PNG (signature, chunk CRCs, IHDR before
the image data, IEND last) of 8-bit greyscale, RGB, grey+alpha or RGBA pixels,
not interlaced, whose data inflates to exactly one filter byte (0-4) and one
row per line; when it is WxH pixels (--size); and when its pixels are not
blank: at least N distinct colours (default 3) and at least the fraction F of
pixels (default 0.005) that are not white. A pixel is white when its colour
channels are all 255 or its alpha is 0 (a transparent pixel shows the white
page behind it). Exit 0 when every file passes, 1 when one does not (each
problem on stderr, with the figures of every file on stdout), 2 on a usage
error or an unreadable file.
"""

import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel


class PngError(Exception):
    """The file is not a PNG this checker can read."""


def chunks(data):
    """Yields (type, body) of each chunk, checking lengths and CRCs."""
    if not data.startswith(SIGNATURE):
        raise PngError("no PNG signature")
    i = len(SIGNATURE)
    while i < len(data):
        if i + 12 > len(data):
            raise PngError(f"truncated chunk at byte {i}")
        (n,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        body = data[i + 8 : i + 8 + n]
        if len(body) != n or i + 12 + n > len(data):
            raise PngError(f"truncated {kind!r} chunk at byte {i}")
        (crc,) = struct.unpack(">I", data[i + 8 + n : i + 12 + n])
        if zlib.crc32(kind + body) != crc:
            raise PngError(f"bad CRC in the {kind!r} chunk at byte {i}")
        yield kind, body
        i += 12 + n


def paeth_row(f, prev, bpp):
    r = bytearray(f)
    for i in range(bpp):
        r[i] = (f[i] + prev[i]) & 255
    for i in range(bpp, len(f)):
        a = r[i - bpp]
        b = prev[i]
        c = prev[i - bpp]
        pa = b - c
        pb = a - c
        pc = pa + pb
        if pa < 0:
            pa = -pa
        if pb < 0:
            pb = -pb
        if pc < 0:
            pc = -pc
        if pa <= pb and pa <= pc:
            p = a
        elif pb <= pc:
            p = b
        else:
            p = c
        r[i] = (r[i] + p) & 255
    return bytes(r)


def unfilter(kind, f, prev, bpp, m7, m8):
    """One scanline without its filter (PNG spec, section 9)."""
    if kind == 0:
        return f
    if kind == 2:  # up: bytewise addition without carries, on whole rows at once
        x = int.from_bytes(f, "big")
        y = int.from_bytes(prev, "big")
        return (((x & m7) + (y & m7)) ^ ((x ^ y) & m8)).to_bytes(len(f), "big")
    if kind == 1:  # sub
        r = bytearray(f)
        for i in range(bpp, len(r)):
            r[i] = (r[i] + r[i - bpp]) & 255
        return bytes(r)
    if kind == 3:  # average
        r = bytearray(f)
        for i in range(len(r)):
            a = r[i - bpp] if i >= bpp else 0
            r[i] = (r[i] + ((a + prev[i]) >> 1)) & 255
        return bytes(r)
    return paeth_row(f, prev, bpp)


def decode(data):
    """Returns (width, height, channels, rows) of an 8-bit non-interlaced PNG."""
    header = None
    idat = []
    seen_iend = False
    for kind, body in chunks(data):
        if seen_iend:
            raise PngError("a chunk after IEND")
        if kind == b"IHDR":
            if header is not None or idat:
                raise PngError("IHDR is not the first chunk")
            if len(body) != 13:
                raise PngError("IHDR is not 13 bytes")
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            if header is None:
                raise PngError("IDAT before IHDR")
            idat.append(body)
        elif kind == b"IEND":
            seen_iend = True
    if header is None or not idat or not seen_iend:
        raise PngError("IHDR, IDAT or IEND is missing")
    width, height, depth, colour, comp, filt, interlace = header
    if width == 0 or height == 0:
        raise PngError(f"empty image {width}x{height}")
    if depth != 8 or colour not in CHANNELS:
        raise PngError(f"bit depth {depth}, colour type {colour}: only 8-bit grey, RGB and alpha are read")
    if comp != 0 or filt != 0 or interlace != 0:
        raise PngError("an unknown compression or filter method, or interlacing")
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as e:
        raise PngError(f"image data does not inflate: {e}") from None
    bpp = CHANNELS[colour]
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise PngError(f"image data is {len(raw)} bytes, not {height * (stride + 1)}")
    m7 = int.from_bytes(b"\x7f" * stride, "big")
    m8 = int.from_bytes(b"\x80" * stride, "big")
    prev = bytes(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        if kind > 4:
            raise PngError(f"filter type {kind} on row {y}")
        prev = unfilter(kind, raw[start + 1 : start + 1 + stride], prev, bpp, m7, m8)
        rows.append(prev)
    return width, height, bpp, rows


def pixel_stats(width, bpp, rows):
    """Returns (distinct colours, fraction of pixels that are not white)."""
    colours = set()
    white = 0
    has_alpha = bpp in (2, 4)
    ncol = bpp - 1 if has_alpha else bpp
    white_px = (255,) * ncol
    seen = {}  # row -> its white pixels: a repeated row (blank margins) adds no colour
    for r in rows:
        if r in seen:
            white += seen[r]
            continue
        planes = [r[c::bpp] for c in range(bpp)]
        px = list(zip(*planes))
        if has_alpha:
            n_white = sum(1 for p in px if p[-1] == 0 or p[:-1] == white_px)
        else:
            n_white = px.count(white_px)
        colours.update(px)
        seen[r] = n_white
        white += n_white
    total = width * len(rows)
    return len(colours), (total - white) / total


def check(path, size, min_colours, min_ink):
    """Returns a list of problems with one file, and a line of its figures."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        width, height, bpp, rows = decode(data)
    except PngError as e:
        return [f"{path}: {e}"], f"{path}: not read"
    problems = []
    if size and (width, height) != size:
        problems.append(f"{path}: {width}x{height} pixels, not {size[0]}x{size[1]}")
    n_colours, ink = pixel_stats(width, bpp, rows)
    if n_colours < min_colours:
        problems.append(f"{path}: {n_colours} distinct colours, fewer than {min_colours}: a blank page")
    if ink < min_ink:
        problems.append(
            f"{path}: {ink:.2%} of the pixels are not white, less than {min_ink:.2%}: a blank page"
        )
    return problems, f"{path}: {width}x{height}, {n_colours} colours, {ink:.2%} not white"


def main(argv):
    size = None
    min_colours = 3
    min_ink = 0.005
    args = argv[1:]
    try:
        while args and args[0].startswith("--"):
            opt = args.pop(0)
            if opt == "--size":
                w, h = args.pop(0).split("x")
                size = (int(w), int(h))
            elif opt == "--min-colours":
                min_colours = int(args.pop(0))
            elif opt == "--min-ink":
                min_ink = float(args.pop(0))
            else:
                raise ValueError(opt)
    except (ValueError, IndexError):
        args = []
    if not args:
        print(
            "usage: pngcheck.py [--size WxH] [--min-colours N] [--min-ink F] FILE.png...",
            file=sys.stderr,
        )
        return 2
    ok = True
    for path in args:
        try:
            problems, figures = check(path, size, min_colours, min_ink)
        except OSError as e:
            print(f"{path}: {e.strerror}", file=sys.stderr)
            return 2
        print(figures)
        for p in problems:
            print(p, file=sys.stderr)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
