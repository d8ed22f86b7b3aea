"""Which fonts print a document, by role: settings → system fonts → the fonts shipped with Yishi.

GB/T 9704 sets the title in 小标宋 (or 宋体), first-level headings in 黑体, second-level ones
in 楷体 and the body in 仿宋. Each role is looked up in the font chosen in settings, then in
Windows' font folder or (elsewhere) through fontconfig, then in the open-licensed fonts shipped
in resources/fonts: AR PL UKai for 楷体 and AR PL UMing (Song) for the rest, there being no
open 仿宋 or 黑体 that reportlab can embed.

Fonts are registered with reportlab once per process and lazily (a parse costs 70–200 ms;
font_cache keeps the parsed tables between runs), and reportlab's TTFont always embeds a
subset, so a PDF looks the same on every PC. A character that none of the resolved fonts has
is reported (`MissingGlyphError`) instead of printing a box.
"""

from __future__ import annotations

import enum
import os
import shutil
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape

from desktop import settings
from desktop.documents.packed_fonts import unpacked
from desktop.errors import UserError
from desktop.paths import resources_dir
from desktop.settings import FontError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.orm import Session

# Module constants so tests (and a non-standard Windows install) can point them elsewhere.
# Absolute, from Windows' own variable; elsewhere no folder at all (never a relative path that
# would be looked up in the working folder).
WINDOWS_FONTS_DIR: Path | None = (
    Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" if sys.platform == "win32" else None
)
# fontconfig's matcher (Linux, BSD); None where it is not installed, which leaves the
# shipped fonts. An absolute path, so a program of that name in the working folder is not run.
FC_MATCH: str | None = shutil.which("fc-match") if sys.platform != "win32" else None
SHIPPED_FONT = resources_dir() / "fonts" / "uming.ttc"
SHIPPED_FONT_INDEX = 0  # AR PL UMing CN: simplified-Chinese glyph forms
SHIPPED_KAI_FONT = resources_dir() / "fonts" / "ukai.ttc"  # face 0: AR PL UKai CN


class FontRole(enum.StrEnum):
    """What a font is used for in an official document (GB/T 9704-2012)."""

    BODY = "body"  # 仿宋
    TITLE = "title"  # 小标宋 / bold Song
    HEADING = "heading"  # 黑体: first-level headings (一、), labels, table headers
    KAI = "kai"  # 楷体: second-level headings (（一）)


class Candidate(NamedTuple):
    """A Windows font file for a role; `styled` when it is of the style the standard names."""

    name: str
    face: int  # index in a collection (.ttc)
    styled: bool


# Windows fonts in the order tried for each role (the folder is case-insensitive).
WINDOWS_CANDIDATES: dict[FontRole, tuple[Candidate, ...]] = {
    FontRole.BODY: (
        Candidate("simfang.ttf", 0, True),  # 仿宋
        Candidate("FS_GB2312.ttf", 0, True),  # 仿宋_GB2312 on older government PCs
        Candidate("simsun.ttc", 0, False),
        Candidate("msyh.ttc", 0, False),
    ),
    # 方正小标宋 is installed on most government PCs; SimSun is the standard's alternative.
    FontRole.TITLE: (
        Candidate("FZXBSJW.TTF", 0, True),
        Candidate("simsun.ttc", 0, True),
        Candidate("simhei.ttf", 0, False),
        Candidate("msyh.ttc", 0, False),
    ),
    FontRole.HEADING: (
        Candidate("simhei.ttf", 0, True),  # 黑体
        Candidate("msyh.ttc", 0, True),  # 微软雅黑, a 黑体-style face
        Candidate("simsun.ttc", 0, False),
    ),
    # Without a 楷体 on the PC the shipped UKai (楷体 style) prints it, not a Song face.
    FontRole.KAI: (
        Candidate("simkai.ttf", 0, True),  # 楷体
        Candidate("KT_GB2312.ttf", 0, True),  # 楷体_GB2312
        Candidate("STKAITI.TTF", 0, True),  # 华文楷体, installed with Office
    ),
}

# Families asked of fontconfig for each role, all of the role's style: fontconfig answers
# every question with some font, so an answer outside this list (its default sans for
# "FangSong") is not taken as one.
FONTCONFIG_FAMILIES: dict[FontRole, tuple[str, ...]] = {
    FontRole.BODY: ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋"),
    FontRole.TITLE: (
        "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "STSong", "华文宋体",
        "AR PL UMing CN", "AR PL SungtiL GB",
    ),
    FontRole.HEADING: (
        "SimHei", "黑体", "Microsoft YaHei", "微软雅黑", "STHeiti", "华文黑体",
        "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    ),
    FontRole.KAI: ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "华文楷体",
                   "AR PL UKai CN", "AR PL KaitiM GB"),
}  # fmt: skip

# The option in settings that overrides each role.
ROLE_OPTIONS: dict[FontRole, settings.Option[str]] = {
    FontRole.BODY: settings.BODY_FONT,
    FontRole.TITLE: settings.TITLE_FONT,
    FontRole.HEADING: settings.HEADING_FONT,
    FontRole.KAI: settings.KAI_FONT,
}

# Characters never checked for glyphs: layout whitespace that reportlab does not draw.
_NOT_DRAWN = frozenset(" \t\n\r\u3000\u2060")


class MissingGlyphError(UserError):
    """Characters that no resolved font can print, each with the record it appears in."""

    def __init__(self, missing: list[tuple[str, str]]) -> None:
        self.missing = missing
        shown = "；".join(f"“{char}”（{record}）" for char, record in missing[:10])
        more = f" 等 {len(missing)} 处" if len(missing) > 10 else ""
        super().__init__(
            f"以下字符在可用字体中没有字形，打印会显示为方框：{shown}{more}。"
            "请在设置中选择包含这些字符的字体，或修改记录中的文字。"
        )


@dataclass(frozen=True)
class FontSource:
    """A font file and the face inside it; `origin` says where it was found.

    `fallback` is true when it is not a font of the role's own style found on this PC or
    chosen in settings: the shipped font, or e.g. 宋体 printing the body for want of 仿宋.
    """

    path: Path
    index: int
    origin: str  # "settings", "windows", "fontconfig" or "shipped"
    fallback: bool = False


def is_cff_outline(path: Path, index: int = 0) -> bool:
    """True for PostScript (CFF) outline fonts such as Noto CJK, which reportlab cannot embed."""
    with path.open("rb") as handle:
        header = handle.read(12)
        if header[:4] == b"ttcf":
            handle.seek(12 + 4 * index)
            (offset,) = struct.unpack(">I", handle.read(4))
            handle.seek(offset)
            header = handle.read(4)
    return header[:4] == b"OTTO"


def _chosen_source(role: FontRole, chosen: str) -> FontSource | None:
    if not chosen:
        return None
    path = Path(chosen)
    if not path.is_file():
        # The user chose this font on purpose: printing in another one silently would not do.
        title = ROLE_OPTIONS[role].title
        raise FontError(f"设置中选择的{title}文件不存在：{path}，请在设置中重新选择")
    return FontSource(path, 0, "settings")


def _windows_source(role: FontRole) -> FontSource | None:
    if WINDOWS_FONTS_DIR is None:
        return None
    for name, face, styled in WINDOWS_CANDIDATES[role]:
        candidate = WINDOWS_FONTS_DIR / name
        if candidate.is_file():
            return FontSource(candidate, face, "windows", fallback=not styled)
    return None


# What fontconfig answered, per matcher and role: asking costs ~15 ms a role.
_fontconfig_answers: dict[tuple[str, FontRole], FontSource | None] = {}


def _fc_match(matcher: str, families: tuple[str, ...]) -> subprocess.Popen[str] | None:
    """fontconfig asked for `families`, running (see _fc_answer); None when it cannot start.

    One question per role: fontconfig sorts every font by the pattern, the families in the
    order given first (`-a`: none left out for adding no characters).
    """
    pattern = ",".join(families) + ":lang=zh-cn"
    try:
        return subprocess.Popen(
            [matcher, "-a", "-f", "%{file}\t%{index}\t%{family}\t%{fontformat}\n", pattern],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError:
        return None


def _fc_answer(process: subprocess.Popen[str], families: tuple[str, ...]) -> FontSource | None:
    """The first font in fontconfig's order that is one of `families` and embeddable. Its
    other answers, such as its default sans for "FangSong", are not of the role's style and
    are passed over."""
    try:
        output, _ = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    if process.returncode != 0:
        return None
    wanted = {family.casefold() for family in families}
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        file, index, names, font_format = parts
        path = Path(file)
        if (
            wanted.isdisjoint(name.strip().casefold() for name in names.split(","))
            or font_format != "TrueType"  # CFF (Noto CJK, Source Han) cannot be embedded
            or not path.is_absolute()
            or not index.isdigit()
            or not path.is_file()
        ):
            continue
        return FontSource(path, int(index), "fontconfig")
    return None


def ask_fontconfig(roles: Iterable[FontRole]) -> None:
    """Ask fontconfig for the font of each of `roles` not asked yet, the questions at once:
    each is a process of its own (~15 ms), so a document's four take about one's time."""
    matcher = FC_MATCH
    if matcher is None:
        return
    asked = {
        role: _fc_match(matcher, FONTCONFIG_FAMILIES[role])
        for role in roles
        if (matcher, role) not in _fontconfig_answers
    }
    for role, process in asked.items():
        answer = None if process is None else _fc_answer(process, FONTCONFIG_FAMILIES[role])
        _fontconfig_answers[(matcher, role)] = answer


def _fontconfig_source(role: FontRole) -> FontSource | None:
    matcher = FC_MATCH
    if matcher is None:
        return None
    ask_fontconfig([role])
    return _fontconfig_answers[(matcher, role)]


def shipped_source(role: FontRole) -> FontSource:
    """The open-licensed font that prints `role` when the PC has none of its style."""
    path = SHIPPED_KAI_FONT if role is FontRole.KAI else SHIPPED_FONT
    return FontSource(unpacked(path), SHIPPED_FONT_INDEX, "shipped", fallback=True)


def source_for(role: FontRole, chosen: str = "") -> FontSource:
    """The font file for `role`, given the file chosen in settings ("" for none).

    FontError when none can be used.
    """
    source = (
        _chosen_source(role, chosen)
        or _windows_source(role)
        or _fontconfig_source(role)
        or shipped_source(role)
    )
    if not source.path.is_file():
        raise FontError(f"找不到随软件附带的字体文件：{source.path}，请重新安装议事")
    if is_cff_outline(source.path, source.index):
        raise FontError(
            f"字体“{source.path.name}”为 PostScript (CFF) 轮廓（如思源/Noto 字体），无法嵌入 PDF，"
            "请选择 TrueType 字体（.ttf / .ttc）"
        )
    return source


def resolve_source(role: FontRole, session: Session | None = None) -> FontSource:
    """The font file for `role`, in the order above; FontError when none can be used."""
    chosen = settings.get(session, ROLE_OPTIONS[role]) if session is not None else ""
    return source_for(role, chosen)


_registered: dict[tuple[str, int], str] = {}
_register_lock = threading.Lock()


def register(source: FontSource) -> str:
    """The reportlab font name of `source`, registering (and parsing) the file only once."""
    key = (str(source.path.resolve()), source.index)
    with _register_lock:
        name = _registered.get(key)
        if name is not None:
            return name
        # reportlab is slow to import; only printing needs it.
        from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
        from reportlab.pdfbase.ttfonts import TTFError  # type: ignore[import-untyped]

        from desktop.documents.font_cache import load_font

        name = f"yishi-{len(_registered)}-{source.path.stem}"
        try:
            font = load_font(name, source.path, source.index)
        except TTFError as exc:
            raise FontError(f"无法使用字体“{source.path.name}”：{exc}") from exc
        pdfmetrics.registerFont(font)
        _registered[key] = name
        return name


def _char_map(name: str) -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    font: Any = pdfmetrics.getFont(name)
    char_map: dict[int, int] = font.face.charToGlyph
    return char_map


@dataclass
class FontSet:
    """The registered fonts of one document, and the characters none of them could print."""

    names: dict[FontRole, str]
    sources: dict[FontRole, FontSource]
    missing: list[tuple[str, str]] = field(default_factory=list)
    _maps: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)

    def _has(self, name: str, char: str) -> bool:
        if name not in self._maps:
            self._maps[name] = _char_map(name)
        return ord(char) in self._maps[name]

    def markup(self, text: str, role: FontRole, record: str) -> str:
        """`text` escaped for a Paragraph; characters the role's font lacks use another
        resolved font when one has them, and are recorded as missing when none does."""
        primary = self.names[role]
        others = [name for name in dict.fromkeys(self.names.values()) if name != primary]
        parts: list[str] = []
        for char in text:
            if char in _NOT_DRAWN or self._has(primary, char):
                parts.append(escape(char))
                continue
            substitute = next((name for name in others if self._has(name, char)), None)
            if substitute is None:
                if (char, record) not in self.missing:
                    self.missing.append((char, record))
                parts.append(escape(char))
            else:
                parts.append(f'<font name="{substitute}">{escape(char)}</font>')
        return "".join(parts)

    def ascent(self, role: FontRole) -> float:
        """The font's ascent as a fraction of its size (0.88 for most CJK fonts)."""
        from reportlab.pdfbase import pdfmetrics

        font: Any = pdfmetrics.getFont(self.names[role])
        return float(font.face.ascent) / 1000

    def check(self) -> None:
        """Raise MissingGlyphError if any character passed through `markup` cannot print."""
        if self.missing:
            raise MissingGlyphError(list(self.missing))


class _RegisteredNames(dict[FontRole, str]):
    """reportlab's font names by role; a role's font is registered when first asked for."""

    def __init__(self, sources: dict[FontRole, FontSource]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, role: FontRole) -> str:
        name = register(self._sources[role])
        self[role] = name
        return name


def load_fonts(session: Session | None = None) -> FontSet:
    """Resolve the fonts of every role and register those every document uses.

    楷体 prints only second-level headings, in few documents, and loading the shipped UKai
    costs ~0.35 s and ~28 MB: it is registered the first time a document asks for it.
    """
    if WINDOWS_FONTS_DIR is None:  # else Windows' own fonts answer before fontconfig
        ask_fontconfig(FontRole)
    sources = {role: resolve_source(role, session) for role in FontRole}
    names = _RegisteredNames(sources)
    for role in (FontRole.BODY, FontRole.TITLE, FontRole.HEADING):
        names[role] = register(sources[role])
    return FontSet(names=names, sources=sources)
