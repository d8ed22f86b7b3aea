"""What counts as English in a Chinese interface: an English word not on the short list of
those a Chinese interface writes in Latin letters too. Shared by the visible-text test and the
translation test."""

from __future__ import annotations

import re

# Written in Latin letters in a Chinese interface too, and why:
ALLOWED = {
    # key names, as on the keyboard (Ctrl+S, PgUp)
    "Ctrl",
    "Shift",
    "Alt",
    "Tab",
    "Esc",
    "Enter",
    "Return",
    "Space",
    "PgUp",
    "PgDn",
    "Del",
    "Delete",
    "Ins",
    "Home",
    "End",
    "Backspace",
    "Down",
    "Left",
    "Right",
    # file formats and the programs that open them, by the names on the user's computer
    "PDF",
    "Excel",
    "Word",
    "WPS",
    "TrueType",
    "USB",
    # the database server a district may keep its records on, by its product name
    "PostgreSQL",
    # a language named in its own language (设置 → 界面语言)
    "English",
}
# An English word: three letters or more (two-letter ones are abbreviations: GB/T, F1, OK).
WORD = re.compile(r"[A-Za-z]{3,}")
# File names, extensions and paths are data however they are spelled; a command to type
# (“yishi setup district”) is written as typed.
NOT_WORDS = re.compile(
    r"“yishi [^”]*”|"
    r"(?:[A-Za-z]:)?[\w.~-]*[/\\][^\s，。；、（）()]*"  # a path
    r"|\*?\.[A-Za-z0-9]+\b"  # .yishi, *.sqlite, .ttf
    r"|<[^>]*>"  # rich-text tags
    r"|&[a-z]+;"  # entities
    r"|\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}\b"  # a key fingerprint, HBRH-Y5KP-Q7V6-YYUJ
)


def english_words(text: str) -> list[str]:
    """The English words in `text`, leaving out the allowed ones and paths, file extensions,
    rich-text tags, key fingerprints and commands to type."""
    return [word for word in WORD.findall(NOT_WORDS.sub(" ", text)) if word not in ALLOWED]
