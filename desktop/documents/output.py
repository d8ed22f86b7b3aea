"""The file suffix picks the format: .pdf (embedded fonts, for printing) or .docx (editable)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from desktop.documents.fonts import load_fonts
from desktop.documents.layout import Document, Writer
from desktop.errors import UserError

SUFFIXES = (".pdf", ".docx")


def check_suffix(path: Path, *, allowed: tuple[str, ...] = SUFFIXES) -> str:
    """The lower-case suffix of `path`, or UserError naming the formats this document has."""
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        shown = suffix or "（无扩展名）"
        raise UserError(f"不支持的文件格式：{shown}，请使用 {' 或 '.join(allowed)}")
    return suffix


def writer_for(path: Path, *, title: str, session: Session) -> Writer:
    """A PDF `Document` (fonts resolved through the settings in `session`) or a Word one."""
    if check_suffix(path) == ".docx":
        # python-docx (and lxml) load only when someone asks for a Word file.
        from desktop.documents.word import WordDocument

        return WordDocument(title=title)
    return Document(load_fonts(session), title=title)
