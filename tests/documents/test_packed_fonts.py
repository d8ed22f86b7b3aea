"""The frozen app's fonts ship xz-compressed and are unpacked into the cache on first use."""

from __future__ import annotations

import lzma
import os
from pathlib import Path

import pytest

from desktop.documents import fonts, packed_fonts
from desktop.documents.fonts import FontRole
from desktop.settings import FontError

FONT_BYTES = b"ttcf" + bytes(range(256)) * 64


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "缓存 folder"
    monkeypatch.setattr(packed_fonts, "cache_dir", lambda: folder)
    return folder


def _ship_packed(folder: Path, name: str = "uming.ttc", data: bytes = FONT_BYTES) -> Path:
    """A resources/fonts folder as the frozen app has it: only `name`.xz."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.xz").write_bytes(lzma.compress(data))
    return folder / name


def test_a_plain_font_is_used_where_it_is(tmp_path: Path, cache: Path) -> None:
    font = tmp_path / "uming.ttc"
    font.write_bytes(FONT_BYTES)
    assert packed_fonts.unpacked(font) == font
    assert not cache.exists()


def test_the_packed_font_is_unpacked_once_into_the_cache(tmp_path: Path, cache: Path) -> None:
    font = _ship_packed(tmp_path / "resources" / "fonts")
    first = packed_fonts.unpacked(font)
    assert first.parent == cache / "fonts" and first.read_bytes() == FONT_BYTES
    written = first.stat().st_mtime_ns
    again = packed_fonts.unpacked(font)
    assert again == first and again.stat().st_mtime_ns == written
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no .part left


def test_a_newer_installation_unpacks_its_own_font_and_drops_the_old(
    tmp_path: Path, cache: Path
) -> None:
    font = _ship_packed(tmp_path / "fonts")
    old = packed_fonts.unpacked(font)
    newer = FONT_BYTES + b"glyphs added in a newer release"
    _ship_packed(tmp_path / "fonts", data=newer)
    os.utime(packed_fonts.packed_path(font), ns=(1, 1))  # another installation's file
    new = packed_fonts.unpacked(font)
    assert new != old and new.read_bytes() == newer and not old.exists()


def test_a_damaged_packed_font_is_refused_by_name(tmp_path: Path, cache: Path) -> None:
    font = _ship_packed(tmp_path / "fonts")
    packed = packed_fonts.packed_path(font)
    packed.write_bytes(packed.read_bytes()[:-40])  # cut short on a bad copy
    with pytest.raises(FontError, match=r"无法解压随议事安装的字体 uming\.ttc"):
        packed_fonts.unpacked(font)
    assert list((cache / "fonts").iterdir()) == []


def test_a_font_shipped_neither_way_is_left_to_the_caller(tmp_path: Path, cache: Path) -> None:
    missing = tmp_path / "ukai.ttc"
    assert packed_fonts.unpacked(missing) == missing


def test_the_shipped_source_of_a_frozen_install_is_the_unpacked_font(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "_internal" / "resources" / "fonts"
    monkeypatch.setattr(fonts, "SHIPPED_KAI_FONT", _ship_packed(folder, "ukai.ttc"))
    monkeypatch.setattr(fonts, "SHIPPED_FONT", _ship_packed(folder, "uming.ttc"))
    for role in FontRole:
        source = fonts.shipped_source(role)
        assert source.origin == "shipped" and source.fallback
        assert source.path.parent == cache / "fonts" and source.path.read_bytes() == FONT_BYTES
    assert sorted(p.name.split("-")[0] for p in (cache / "fonts").iterdir()) == ["ukai", "uming"]
