"""Parsed TrueType fonts kept between runs, so `yishi doc` does not parse them every time.

reportlab reads a CJK font's tables (24 000+ characters, as many glyph widths and offsets)
in Python: 0.1–0.2 s per font, in every process, the largest single cost of a document from
the command line (three fonts on a Windows PC: 仿宋, 宋体, 黑体). What the parse produced is
kept in the user's cache folder and read back in a tenth of the time.

reportlab offers no public way to build a font from saved tables, so this reads and sets
the parsed face's attributes; tests/documents/test_font_cache.py checks that a font read
back equals a freshly parsed one, so a reportlab that changes them is noticed. The entry's
name covers the font file (path, size, time), the face, and the reportlab and Python
versions: any change parses again. A cache that cannot be read or written is only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from desktop.paths import cache_dir

# False turns the cache off (a test comparing a parse with a read-back).
ENABLED = True
# The raw file, re-read on every load (subsetting copies glyphs out of it), and the scale
# function, rebuilt from unitsPerEm, are not kept.
_NOT_KEPT = frozenset({"_ttf_data", "_pdfScale"})


def _entry(path: Path, index: int) -> Path | None:
    if not ENABLED:
        return None
    import reportlab  # type: ignore[import-untyped]

    stat = path.stat()
    key = "|".join(
        map(
            str,
            (path, index, stat.st_size, stat.st_mtime_ns, reportlab.Version, sys.version_info),
        )
    )
    return cache_dir() / "fonts" / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.pickle"


def load_font(name: str, path: Path, index: int) -> Any:
    """reportlab's TTFont of face `index` in `path`, named `name`: from the cache when it
    holds this file, else parsed (and then kept). Raises TTFError as TTFont does."""
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    try:
        entry = _entry(path, index)
    except OSError:
        entry = None
    if entry is not None:
        try:
            state = pickle.loads(entry.read_bytes())
            return _rebuild(name, state, path.read_bytes())
        except Exception:  # absent, cut short, from another build: parse instead
            pass
    font = TTFont(name, str(path), subfontIndex=index)
    if entry is not None:
        _keep(entry, font)
    return font


def _keep(entry: Path, font: Any) -> None:
    state = {key: value for key, value in vars(font.face).items() if key not in _NOT_KEPT}
    part = entry.with_name(f"{entry.name}.{os.getpid()}.part")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, entry)  # whole or absent: two processes may write the same entry
    except OSError:
        with contextlib.suppress(OSError):  # the folder itself may be what failed
            part.unlink(missing_ok=True)


def _rebuild(name: str, state: dict[str, Any], data: bytes) -> Any:
    """What TTFont(name, path) builds, from the kept state instead of a parse."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(state)
    face._ttf_data = data
    per_em: int = face.unitsPerEm
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * (1000 / per_em))
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    unshaped = rl_config.unShapedFontGlob or ()
    font.shapable = not any(fnmatch(name, pattern) for pattern in unshaped)
    return font
