"""`govbody samples FOLDER` draws the first page of every kind of document, small enough to keep
in docs/samples."""
import shutil
import struct

import pytest

from govbody.docx.pdf import soffice
from govbody.docx.samples import SAMPLES

pytestmark = pytest.mark.slow


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_samples_command_draws_one_small_page_image_per_kind(runner, tmp_path):
    if soffice() is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice and pdftoppm are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    folder = tmp_path / "samples"
    result = runner.invoke(args=["samples", str(folder)])
    assert result.exit_code == 0, result.output
    images = sorted(folder.iterdir())
    assert [p.name for p in images] == sorted(f"{kind}.png" for kind in SAMPLES)
    for image in images:
        data = image.read_bytes()
        width, height = png_size(data)
        assert height == 600 and 400 <= width <= 450, image.name  # an A4 page, upright
        assert len(data) < 60_000, f"{image.name} is {len(data)} bytes"
    assert {"outline-of-remarks", "provisional-agenda", "redline", "corrigendum"} <= set(SAMPLES)
