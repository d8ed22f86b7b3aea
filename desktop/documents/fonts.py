"""Which fonts print a document: settings → Windows system fonts → the font shipped with Yishi.

Fonts are registered with reportlab once per process and lazily (each costs 70–110 ms), and
reportlab's TTFont always embeds a subset, so a PDF looks the same on every PC. A character
that none of the resolved fonts has is reported (`MissingGlyphError`) instead of printing a box.
"""

from __future__ import annotations

import enum
import os
import struct
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from desktop import settings
from desktop.errors import UserError
from desktop.paths import resources_dir
from desktop.settings import FontError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Module constants so tests (and a non-standard Windows install) can point them elsewhere.
# Absolute, from Windows' own variable; elsewhere no folder at all (never a relative path that
# would be looked up in the working folder).
WINDOWS_FONTS_DIR: Path | None = (
    Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" if sys.platform == "win32" else None
)
SHIPPED_FONT = resources_dir() / "fonts" / "uming.ttc"
SHIPPED_FONT_INDEX = 0  # AR PL UMing CN: simplified-Chinese glyph forms


class FontRole(enum.StrEnum):
    """What a font is used for in an official document (GB/T 9704-2012)."""

    BODY = "body"  # 仿宋
    TITLE = "title"  # 小标宋 / bold Song
    HEADING = "heading"  # 黑体


# Windows fonts in the order tried for each role; (file name, index in a collection).
WINDOWS_CANDIDATES: dict[FontRole, tuple[tuple[str, int], ...]] = {
    FontRole.BODY: (("simfang.ttf", 0), ("simsun.ttc", 0), ("msyh.ttc", 0)),
    # 方正小标宋 is installed on most government PCs; SimSun is the standard's fallback.
    FontRole.TITLE: (("FZXBSJW.TTF", 0), ("simsun.ttc", 0), ("simhei.ttf", 0), ("msyh.ttc", 0)),
    FontRole.HEADING: (("simhei.ttf", 0), ("msyh.ttc", 0), ("simsun.ttc", 0)),
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
    """A font file and the face inside it; `origin` says why it was chosen."""

    path: Path
    index: int
    origin: str  # "settings", "windows" or "shipped"


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


def _setting_source(session: Session | None, role: FontRole) -> FontSource | None:
    if session is None or role is FontRole.HEADING:
        return None
    option = settings.BODY_FONT if role is FontRole.BODY else settings.TITLE_FONT
    chosen = settings.get(session, option)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.is_file():
        # The user chose this font on purpose: printing in another one silently would not do.
        raise FontError(f"设置中选择的{option.title}文件不存在：{path}，请在设置中重新选择")
    return FontSource(path, 0, "settings")


def resolve_source(role: FontRole, session: Session | None = None) -> FontSource:
    """The font file for `role`, in the issue's order; FontError when none can be used."""
    source = _setting_source(session, role)
    if source is None and WINDOWS_FONTS_DIR is not None:
        for name, index in WINDOWS_CANDIDATES[role]:
            candidate = WINDOWS_FONTS_DIR / name
            if candidate.is_file():
                source = FontSource(candidate, index, "windows")
                break
    if source is None:
        if not SHIPPED_FONT.is_file():
            raise FontError(f"找不到随软件附带的字体文件：{SHIPPED_FONT}，请重新安装议事")
        source = FontSource(SHIPPED_FONT, SHIPPED_FONT_INDEX, "shipped")
    if is_cff_outline(source.path, source.index):
        raise FontError(
            f"字体“{source.path.name}”为 PostScript (CFF) 轮廓（如思源/Noto 字体），无法嵌入 PDF，"
            "请选择 TrueType 字体（.ttf / .ttc）"
        )
    return source


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
        from reportlab.pdfbase.ttfonts import TTFError, TTFont  # type: ignore[import-untyped]

        name = f"yishi-{len(_registered)}-{source.path.stem}"
        try:
            font = TTFont(name, str(source.path), subfontIndex=source.index)
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


def load_fonts(session: Session | None = None) -> FontSet:
    """Resolve and register the body, title and heading fonts of a document."""
    sources = {role: resolve_source(role, session) for role in FontRole}
    names = {role: register(source) for role, source in sources.items()}
    return FontSet(names=names, sources=sources)
