"""Font resolution by role (settings → Windows fonts or fontconfig → shipped fonts), CFF
refusal, glyph reporting, and each role's font embedded where it prints."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from desktop import settings
from desktop.db import Database
from desktop.documents import fonts
from desktop.documents.fonts import FontRole, FontSet, MissingGlyphError, load_fonts
from desktop.settings import FontError


@pytest.fixture
def windows_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty stand-in for C:\\Windows\\Fonts."""
    folder = tmp_path / "Fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "WINDOWS_FONTS_DIR", folder)
    return folder


def _fake_windows_font(folder: Path, name: str) -> Path:
    # The shipped TrueType collection under a Windows name: resolvable and registrable.
    target = folder / name
    target.symlink_to(fonts.SHIPPED_FONT)
    return target


@pytest.mark.parametrize("name", ["uming", "ukai"])
def test_shipped_fonts_are_truetype_with_their_licence(name: str) -> None:
    font = fonts.SHIPPED_FONT.parent / f"{name}.ttc"
    assert font.is_file() and not fonts.is_cff_outline(font)
    licence = fonts.SHIPPED_FONT.parent / f"LICENSE-{name}.txt"
    assert "ARPHIC PUBLIC LICENSE" in licence.read_text(encoding="utf-8")


def test_without_system_fonts_every_role_uses_a_shipped_fallback(windows_dir: Path) -> None:
    for role in (FontRole.BODY, FontRole.TITLE, FontRole.HEADING):
        source = fonts.resolve_source(role)
        assert source.origin == "shipped" and source.path == fonts.SHIPPED_FONT
        assert source.fallback
    kai = fonts.resolve_source(FontRole.KAI)
    assert kai.path == fonts.SHIPPED_KAI_FONT and kai.origin == "shipped" and kai.fallback


def test_windows_fonts_are_tried_in_order_for_each_role(windows_dir: Path) -> None:
    _fake_windows_font(windows_dir, "simsun.ttc")
    assert fonts.resolve_source(FontRole.BODY).path.name == "simsun.ttc"  # no simfang
    assert fonts.resolve_source(FontRole.TITLE).path.name == "simsun.ttc"
    assert fonts.resolve_source(FontRole.HEADING).path.name == "simsun.ttc"  # no simhei, msyh
    # 宋体 is the standard's own alternative for titles, a stand-in of another style elsewhere.
    assert not fonts.resolve_source(FontRole.TITLE).fallback
    assert fonts.resolve_source(FontRole.BODY).fallback
    assert fonts.resolve_source(FontRole.HEADING).fallback
    # Never a Song face for 楷体: the shipped Kai face prints it.
    assert fonts.resolve_source(FontRole.KAI).path == fonts.SHIPPED_KAI_FONT
    _fake_windows_font(windows_dir, "simfang.ttf")
    _fake_windows_font(windows_dir, "simhei.ttf")
    _fake_windows_font(windows_dir, "simkai.ttf")
    for role, name in (
        (FontRole.BODY, "simfang.ttf"),
        (FontRole.HEADING, "simhei.ttf"),
        (FontRole.KAI, "simkai.ttf"),
    ):
        source = fonts.resolve_source(role)
        assert source.path == windows_dir / name and source.origin == "windows"
        assert not source.fallback
    assert fonts.resolve_source(FontRole.TITLE).origin == "windows"


def test_the_font_chosen_in_settings_wins(room_db: Database, windows_dir: Path) -> None:
    _fake_windows_font(windows_dir, "simfang.ttf")
    chosen = _fake_windows_font(windows_dir.parent, "my-fangsong.ttf")
    with room_db.session() as s:
        settings.put(s, settings.BODY_FONT, str(chosen))
    with room_db.session() as s:
        source = fonts.resolve_source(FontRole.BODY, s)
        assert source.origin == "settings" and source.path == chosen
        assert fonts.resolve_source(FontRole.HEADING, s).origin == "shipped"  # simfang is body-only
        assert fonts.resolve_source(FontRole.TITLE, s).origin == "shipped"
        settings.put(s, settings.KAI_FONT, str(chosen))
        kai = fonts.resolve_source(FontRole.KAI, s)
        assert kai.origin == "settings" and kai.path == chosen and not kai.fallback


def test_a_chosen_font_that_disappeared_is_refused_in_chinese(
    room_db: Database, tmp_path: Path
) -> None:
    with room_db.session() as s:
        settings.put(s, settings.BODY_FONT, str(tmp_path / "gone.ttf"))
        settings.put(s, settings.HEADING_FONT, str(tmp_path / "gone-too.ttf"))
    with room_db.session() as s, pytest.raises(FontError, match="不存在"):
        fonts.resolve_source(FontRole.BODY, s)
    with room_db.session() as s, pytest.raises(FontError, match="一级标题字体文件不存在"):
        fonts.resolve_source(FontRole.HEADING, s)


def _cff_font(path: Path, *, collection: bool) -> Path:
    table_dir = b"OTTO" + b"\0" * 8
    if collection:
        # A TrueType collection header whose first face is a CFF (OTTO) font.
        path.write_bytes(b"ttcf" + struct.pack(">IIL", 0x10000, 1, 16) + table_dir)
    else:
        path.write_bytes(table_dir)
    return path


def test_cff_outline_fonts_are_detected_and_refused(
    room_db: Database, tmp_path: Path, windows_dir: Path
) -> None:
    noto = _cff_font(tmp_path / "NotoSerifCJK-Regular.otf", collection=False)
    source_han = _cff_font(tmp_path / "SourceHanSerif.ttc", collection=True)
    assert fonts.is_cff_outline(noto) and fonts.is_cff_outline(source_han)
    with room_db.session() as s:
        settings.put(s, settings.TITLE_FONT, str(noto))
    with room_db.session() as s, pytest.raises(FontError, match="CFF") as caught:
        fonts.resolve_source(FontRole.TITLE, s)
    assert "TrueType" in str(caught.value) and "无法嵌入" in str(caught.value)
    _cff_font(windows_dir / "simhei.ttf", collection=False)
    with pytest.raises(FontError, match="CFF"):
        fonts.resolve_source(FontRole.HEADING)


def test_fonts_are_registered_once(windows_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_fonts()
    parsed: list[str] = []
    import reportlab.pdfbase.ttfonts as ttfonts
    from reportlab.pdfbase import pdfmetrics

    original = ttfonts.TTFont.__init__

    def counting(self: object, name: str, *args: object, **kwargs: object) -> None:
        parsed.append(name)
        original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ttfonts.TTFont, "__init__", counting)
    second = load_fonts()
    assert parsed == []
    assert first.names == second.names
    # Three roles share the shipped Song face: one registration, one embedded font.
    assert len(set(second.names.values())) == 1
    # 楷体 (the shipped Kai face) is registered only when a document asks for it, and once.
    assert FontRole.KAI not in second.names
    kai = second.names[FontRole.KAI]
    assert pdfmetrics.getFont(kai).face.name == b"UKaiCN"
    parsed.clear()
    assert load_fonts().names[FontRole.KAI] == kai and parsed == []


def test_markup_reports_characters_no_font_has(windows_dir: Path) -> None:
    font_set: FontSet = load_fonts()
    markup = font_set.markup("张𠮷<同意>", FontRole.BODY, "参会人员“张𠮷”")
    assert "&lt;同意&gt;" in markup  # escaped for reportlab's paragraph markup
    assert font_set.missing == [("𠮷", "参会人员“张𠮷”")]
    with pytest.raises(MissingGlyphError) as caught:
        font_set.check()
    assert "𠮷" in str(caught.value) and "参会人员“张𠮷”" in str(caught.value)
