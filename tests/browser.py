"""Headless Chromium for the report's tests, and small readers for what it writes.

Never skipped: .ci/run installs Debian's chromium when it is missing.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

# What headless Chromium needs on these machines (no sandbox for root, no GPU, nothing
# fetched in the background); each run gets a fresh profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def executable() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is not installed: .ci/run installs it (apt-get install chromium)"
    return found


def chromium(page: Path, *args: str, width: int = 1280, height: int = 900) -> str:
    """Run Chromium on a local page with extra flags; its standard output."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                executable(),
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                *args,
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path, width: int = 1280) -> str:
    """The DOM after parsing and running whatever scripts the page holds."""
    return chromium(page, "--dump-dom", width=width)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of a serialized DOM."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def png_rows(path: Path) -> list[bytes]:
    """The rows of an 8-bit RGB or RGBA PNG as RGB bytes, its filters undone."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and not interlace, (depth, colour, interlace)
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind:
            for x in range(stride):
                left = line[x - step] if x >= step else 0
                up, corner = previous[x], (previous[x - step] if x >= step else 0)
                if kind == 1:
                    line[x] = (line[x] + left) & 0xFF
                elif kind == 3:
                    line[x] = (line[x] + (left + up) // 2) & 0xFF
                else:  # Paeth: the neighbour nearest to left + up - corner
                    guess = left + up - corner
                    gaps = (abs(guess - left), abs(guess - up), abs(guess - corner))
                    best = left if gaps[0] <= gaps[1] and gaps[0] <= gaps[2] else up
                    best = best if best == left or gaps[1] <= gaps[2] else corner
                    line[x] = (line[x] + best) & 0xFF
        rows.append(
            bytes(line) if step == 3 else bytes(line[i] for i in range(stride) if i % 4 != 3)
        )
        previous = line
    return rows


def pdf_text_operators(path: Path) -> tuple[int, int]:
    """(pages, text-showing operators) of a PDF, reading its Flate streams."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    shown = 0
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        shown += content.count(b" Tj") + content.count(b" TJ") + content.count(b"]TJ")
    return pages, shown
