"""Pinyin initials of Chinese text, so "zjh" finds 张建华 (pypinyin's dictionary does it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import cast

from pypinyin import Style, pinyin

# Text pypinyin does not know (Latin letters, digits) comes back one item a character; the
# stubs say the callback returns a str, pypinyin accepts a list too.
_EACH_CHARACTER = cast(Callable[[str], str], list)


@lru_cache(maxsize=4096)
def _letters(text: str) -> tuple[frozenset[str], ...]:
    """Per character, the initials it may be read with (多音字 give several: 曾 z, c)."""
    readings = pinyin(text, style=Style.FIRST_LETTER, heteronym=True, errors=_EACH_CHARACTER)
    out: list[frozenset[str]] = []
    for options in readings:
        letters = frozenset(option[:1].lower() for option in options if option)
        out.append(letters or frozenset({""}))
    return tuple(out)


@lru_cache(maxsize=4096)
def initials(text: str) -> str:
    """The first letter of each character's usual reading, lower case: 张建华 → zjh.

    Characters pypinyin does not know (Latin letters, digits) are kept, lower-cased.
    """
    readings = pinyin(text, style=Style.FIRST_LETTER, errors=_EACH_CHARACTER)
    return "".join(options[0][:1].lower() for options in readings if options and options[0])


def matches(query: str, text: str) -> bool:
    """Whether `query` is part of `text`, or letters of its initials in a row (any reading).

    "张建" and "jh" both match 张建华; so does "zjh", and "zh" matches 曾华 (zeng) as well as
    its rarer reading.
    """
    query = query.strip().lower()
    if not query:
        return True
    if query in text.lower():
        return True
    if not query.isascii() or not query.isalnum():
        return False
    letters = _letters(text)
    for start in range(len(letters) - len(query) + 1):
        if all(query[i] in letters[start + i] for i in range(len(query))):
            return True
    return False
