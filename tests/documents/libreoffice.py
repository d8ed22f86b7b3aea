"""Word files opened by LibreOffice: converted to PDF headless, then read with pdftotext.

One soffice call converts a whole folder's worth (its start-up costs more than a file), with a
profile of its own so that neither a user's LibreOffice nor a parallel test shares it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path

SOFFICE = shutil.which("soffice")
NO_SOFFICE = "LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui"


def convert_to_pdf(paths: Sequence[Path], outdir: Path, *, timeout: float = 240) -> list[Path]:
    """The PDFs LibreOffice makes of `paths` (in that order), written in `outdir`."""
    assert SOFFICE is not None, NO_SOFFICE
    profile = outdir / "libreoffice-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    pdfs = [outdir / f"{path.stem}.pdf" for path in paths]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    assert not missing, f"LibreOffice wrote no PDF for {missing}"
    return pdfs


@dataclass(frozen=True)
class Word:
    """A word pdftotext found: page (1-based) and its box in points from the top-left."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str

    @property
    def x_centre(self) -> float:
        return (self.x_min + self.x_max) / 2


_PAGE = re.compile(r"<page\b")
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: Path) -> list[Word]:
    """Every word of `pdf` with its box (pdftotext -bbox), page by page."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found: list[Word] = []
    for number, page in enumerate(_PAGE.split(xhtml)[1:], 1):
        for x_min, y_min, x_max, y_max, text in _WORD.findall(page):
            box = (float(x_min), float(y_min), float(x_max), float(y_max))
            found.append(Word(number, *box, unescape(text)))
    return found


def layout_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as pdftotext -layout sets them out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [page.splitlines() for page in text.split("\f")[:-1]]
