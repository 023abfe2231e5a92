"""Page images of every kind of document (docs/samples/): each sample of ``samples.SAMPLES`` built,
laid out by LibreOffice, and the first page drawn small by pdftoppm (poppler-utils), so that anyone
can see the look of each kind without opening Word. ``govbody samples [FOLDER]`` writes them."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

from govbody.docx.pdf import convert_to_pdf
from govbody.docx.samples import sample_files

# The header's one whitespace byte before the pixels: a pixel may itself be a whitespace byte.
_PGM_HEADER = re.compile(rb"P5\s+(?P<width>\d+)\s+(?P<height>\d+)\s+(?P<maxval>\d+)\s")
HEIGHT = 600  # pixels of the longer side: the layout shows, the files stay small (< 60 KB)


def first_page_image(pdf: Path, png: Path, *, height: int = HEIGHT) -> Path:
    """The first page of ``pdf`` as a greyscale PNG ``height`` pixels high."""
    if shutil.which("pdftoppm") is None:
        raise FileNotFoundError("pdftoppm is not installed: apt-get install poppler-utils")
    # pdftoppm writes colour PNGs whatever -gray says; its greyscale PGM is a third of the size once packed.
    pgm = subprocess.run(["pdftoppm", "-gray", "-f", "1", "-l", "1", "-scale-to", str(height), "-singlefile",
                          str(pdf)], check=True, capture_output=True, timeout=120).stdout
    png.write_bytes(grey_png(pgm))
    return png


def grey_png(pgm: bytes) -> bytes:
    """A binary PGM (P5, 8 bits) as an 8-bit greyscale PNG."""
    header = _PGM_HEADER.match(pgm)
    if header is None or int(header["maxval"]) != 255:
        raise ValueError("not an 8-bit binary PGM")
    width, height, pixels = int(header["width"]), int(header["height"]), pgm[header.end():]
    rows = b"".join(b"\0" + pixels[y * width:(y + 1) * width] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8 bits, greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


def write_gallery(folder: Path, *, height: int = HEIGHT) -> list[Path]:
    """One PNG per kind of document in ``folder`` (<kind>.png), from one LibreOffice run."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govbody-samples-") as scratch:
        paths = []
        for kind, data in sample_files().items():
            path = Path(scratch) / f"{kind}.docx"
            path.write_bytes(data)
            paths.append(path)
        return [first_page_image(pdf, folder / f"{pdf.stem}.png", height=height)
                for pdf in convert_to_pdf(paths, Path(scratch))]
