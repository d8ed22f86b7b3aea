"""Fonts by role (GB/T 9704): fontconfig lookup on Linux, and each role's font in the PDF and
the Word file where it prints."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from desktop.documents import fonts
from desktop.documents.fonts import FontRole, load_fonts
from desktop.documents.layout import Document
from desktop.documents.word import WordDocument
from tests.documents import pdf_probe as probe

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture(autouse=True)
def no_windows_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "WINDOWS_FONTS_DIR", None)
    monkeypatch.setattr(fonts, "_fontconfig_answers", {})


def _link(folder: Path, name: str, target: Path) -> Path:
    link = folder / name
    link.symlink_to(target)
    return link


def _fake_fc_match(folder: Path, listing: list[str], *, status: int = 0) -> Path:
    """An fc-match that logs the pattern asked and prints `listing`, one font a line, as
    fontconfig sorts every font for the pattern."""
    listing_file = folder / "listing.txt"
    listing_file.write_text("".join(line + "\n" for line in listing), encoding="utf-8")
    script = folder / "fc-match"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$1 $2 $4" >> "{folder / "asked.log"}"\n'
        f'cat "{listing_file}"\n'
        f"exit {status}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_fontconfig_finds_each_roles_family_and_passes_over_what_cannot_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fangsong = _link(tmp_path, "fangsong.ttf", fonts.SHIPPED_FONT)
    kaiti = _link(tmp_path, "kaiti.ttc", fonts.SHIPPED_KAI_FONT)
    hei = _link(tmp_path, "hei.ttc", fonts.SHIPPED_FONT)
    script = _fake_fc_match(
        tmp_path,
        [
            # fontconfig's default face sorts first for a family it lacks: not the role's style.
            f"{hei}\t0\tDejaVu Sans\tTrueType",
            f"{hei}\t0\tSimHei,黑体\tCFF",  # PostScript outlines
            "hei.ttc\t0\t黑体\tTrueType",  # not an absolute path
            f"{tmp_path / 'gone.ttc'}\t0\tMicrosoft YaHei\tTrueType",  # no such file
            "garbage",
            f"{fangsong}\t0\tFangSong,仿宋\tTrueType",
            f"{kaiti}\t0\tKaiTi,楷体\tTrueType",
            f"{hei}\t1\tWenQuanYi Micro Hei,文泉驿微米黑\tTrueType",
        ],
    )
    monkeypatch.setattr(fonts, "FC_MATCH", str(script))
    expected = {FontRole.BODY: (fangsong, 0), FontRole.KAI: (kaiti, 0), FontRole.HEADING: (hei, 1)}
    for role, (path, index) in expected.items():
        source = fonts.resolve_source(role)
        assert (source.path, source.index, source.origin) == (path, index, "fontconfig")
        assert not source.fallback
    title = fonts.resolve_source(FontRole.TITLE)
    assert title.origin == "shipped" and title.fallback
    asked = (tmp_path / "asked.log").read_text(encoding="utf-8").splitlines()
    # One question a role, every family of its style in order, all fonts listed (-a).
    assert "-a -f FangSong,仿宋,FangSong_GB2312,仿宋_GB2312,STFangsong,华文仿宋:lang=zh-cn" in asked
    assert len(asked) == len(FontRole)
    for role in FontRole:
        fonts.resolve_source(role)
    assert (tmp_path / "asked.log").read_text(encoding="utf-8").splitlines() == asked


def test_every_roles_question_goes_to_fontconfig_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A document asks for four roles: four processes at a time, not one after another.
    script = tmp_path / "fc-match"
    script.write_text(f'#!/bin/sh\nsleep 0.5\necho "$4" >> "{tmp_path / "asked.log"}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(fonts, "FC_MATCH", str(script))
    started = time.monotonic()
    fonts.ask_fontconfig(FontRole)
    assert time.monotonic() - started < 0.5 * len(FontRole) - 0.5
    assert len((tmp_path / "asked.log").read_text(encoding="utf-8").splitlines()) == len(FontRole)
    # Answered (none of the role's style): the shipped fonts print, nothing is asked again.
    assert fonts.resolve_source(FontRole.BODY).path == fonts.SHIPPED_FONT
    assert len((tmp_path / "asked.log").read_text(encoding="utf-8").splitlines()) == len(FontRole)


def test_a_failing_fc_match_leaves_the_shipped_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kaiti = _link(tmp_path, "kaiti.ttc", fonts.SHIPPED_KAI_FONT)
    script = _fake_fc_match(tmp_path, [f"{kaiti}\t0\tKaiTi\tTrueType"], status=1)
    monkeypatch.setattr(fonts, "FC_MATCH", str(script))
    assert fonts.resolve_source(FontRole.KAI).path == fonts.SHIPPED_KAI_FONT


@pytest.mark.parametrize("matcher", [None, "/nonexistent/fc-match"])
def test_without_fc_match_the_shipped_fonts_print(
    matcher: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "FC_MATCH", matcher)
    assert fonts.resolve_source(FontRole.KAI).path == fonts.SHIPPED_KAI_FONT
    assert fonts.resolve_source(FontRole.BODY).path == fonts.SHIPPED_FONT


def _fonts_of_lines(path: Path) -> dict[str, str]:
    used: dict[str, str] = {}

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if isinstance(font, dict) and text.strip():
            used.setdefault(text.strip(), str(font["/BaseFont"]))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return used


@pytest.mark.skipif(not WQY.is_file(), reason="needs fonts-wqy-microhei as a stand-in 黑体")
def test_the_pdf_embeds_each_roles_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    _link(windows, "simhei.ttf", WQY)  # 黑体 differs from the shipped Song face
    monkeypatch.setattr(fonts, "WINDOWS_FONTS_DIR", windows)
    document = Document(load_fonts(), title="测试")
    document.heading("一、总体情况")
    document.heading("（一）村道修缮", level=2)
    document.paragraph("正文内容。", record="正文")
    path = document.save(tmp_path / "roles.pdf")
    used = _fonts_of_lines(path)

    def font_of(fragment: str) -> str:
        return next(font for text, font in used.items() if fragment in text)

    assert "WenQuanYi" in font_of("总体情况")
    assert "UKai" in font_of("村道修缮")
    assert "UMing" in font_of("正文内容")
    embedded = probe.fonts(path)
    assert len(embedded) == 3 and all(probe.is_embedded(font) for font in embedded.values())


def test_word_names_each_roles_east_asian_font(tmp_path: Path) -> None:
    document = WordDocument(title="测试")
    document.title("测试")
    document.heading("一、总体情况")
    document.heading("（一）村道修缮", level=2)
    document.paragraph("正文内容。", record="正文")
    path = document.save(tmp_path / "roles.docx")
    east_asian: dict[str, str | None] = {}
    for paragraph in open_docx(str(path)).paragraphs:
        if paragraph.text:
            properties = paragraph.runs[0]._element.rPr
            assert properties is not None and properties.rFonts is not None
            east_asian[paragraph.text] = properties.rFonts.get(qn("w:eastAsia"))
    assert east_asian == {
        "测试": "方正小标宋简体",
        "一、总体情况": "黑体",
        "（一）村道修缮": "楷体",
        "正文内容。": "仿宋",
    }
