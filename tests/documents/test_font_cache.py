"""Parsed fonts kept between runs (desktop.documents.font_cache): a font read back is the font
reportlab parses, prints the same bytes, and a changed or damaged entry is parsed again."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from desktop.documents import font_cache
from desktop.documents.fonts import SHIPPED_FONT, SHIPPED_FONT_INDEX
from desktop.paths import cache_dir

TEXT = "和平桥社区协商议事记录：王建国、李秀英 2026年11月20日 (ABC)"


@pytest.fixture
def font_file(tmp_path: Path) -> Path:
    # A copy, so the test may change its time without touching the shipped file.
    return Path(shutil.copyfile(SHIPPED_FONT, tmp_path / "font.ttc"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the font was parsed again")

    monkeypatch.setattr(TTFontFile, "extractInfo", refuse)


def _comparable(font: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    own = {key: value for key, value in vars(font).items() if key not in {"face", "state"}}
    own["encoding"] = vars(font.encoding)
    face = {key: value for key, value in vars(font.face).items() if key != "_pdfScale"}
    return own, face


def _page(font: Any) -> bytes:
    pdfmetrics.registerFont(font)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True)
    canvas.setFont(font.fontName, 16)
    canvas.drawString(72, 720, TEXT)
    canvas.save()
    return buffer.getvalue()


def test_a_font_read_back_is_the_parsed_font(
    font_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = TTFont("probe-font", str(font_file), subfontIndex=SHIPPED_FONT_INDEX)
    font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)  # parsed and kept
    assert len(list((cache_dir() / "fonts").glob("*.pickle"))) == 1
    _no_parsing(monkeypatch)
    kept = font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    assert type(kept) is TTFont and type(kept.face) is type(parsed.face)
    assert _comparable(kept) == _comparable(parsed)
    assert kept.face._pdfScale(2048) == parsed.face._pdfScale(2048)
    assert kept.stringWidth(TEXT, 16) == parsed.stringWidth(TEXT, 16)
    assert _page(kept) == _page(parsed)


def test_a_changed_font_file_is_parsed_again(font_file: Path) -> None:
    first = font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    stat = font_file.stat()
    os.utime(font_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    assert len(list((cache_dir() / "fonts").glob("*.pickle"))) == 2
    assert first.face.charToGlyph  # a parse, not an empty face


def test_a_damaged_entry_is_parsed_again(font_file: Path) -> None:
    font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    (entry,) = (cache_dir() / "fonts").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:1000])  # cut short, as by a power cut
    font = font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    assert font.face.charToGlyph[ord("议")] > 0
    assert len(entry.read_bytes()) > 1000  # and kept whole again


def test_an_unwritable_cache_only_costs_a_parse(
    font_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("YISHI_CACHE", str(blocker))
    font = font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    assert font.face.charToGlyph[ord("议")] > 0
    assert list(tmp_path.glob("**/*.part")) == []


def test_the_cache_can_be_turned_off(font_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_cache, "ENABLED", False)
    font_cache.load_font("probe-font", font_file, SHIPPED_FONT_INDEX)
    assert not (cache_dir() / "fonts").exists()
