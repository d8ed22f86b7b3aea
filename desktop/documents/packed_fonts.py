"""The shipped CJK fonts, xz-compressed in the frozen app and unpacked on first use.

The two Arphic fonts are 38 MB of an installed folder that should stay under 200 MB; xz
brings them to 15 MB. build_installer.spec ships `uming.ttc.xz` and `ukai.ttc.xz` instead of
the fonts themselves, and the first document that needs one unpacks it (about 0.6 s) into
the user's cache folder, where later runs find it. A checkout or a wheel ships the plain
files, which are used as they are.
"""

from __future__ import annotations

import contextlib
import lzma
import os
import shutil
from pathlib import Path

from desktop.paths import cache_dir
from desktop.settings import FontError

PACKED_SUFFIX = ".xz"


def packed_path(path: Path) -> Path:
    """Where the compressed copy of the font `path` ships."""
    return path.with_name(path.name + PACKED_SUFFIX)


def unpacked(path: Path) -> Path:
    """The font file `path`, or its unpacked copy when only the compressed one shipped.

    Returns `path` itself when neither exists (the caller says which font is missing).
    FontError when the compressed copy cannot be unpacked.
    """
    if path.is_file():
        return path
    packed = packed_path(path)
    if not packed.is_file():
        return path
    stat = packed.stat()
    # Named after the compressed file as shipped: an upgrade brings a new one, unpacked afresh.
    folder = cache_dir() / "fonts"
    target = folder / f"{path.stem}-{stat.st_size}-{stat.st_mtime_ns}{path.suffix}"
    if target.is_file():
        return target
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with lzma.open(packed) as source, part.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
        os.replace(part, target)  # whole or absent: two processes may unpack at once
    except (OSError, lzma.LZMAError, EOFError) as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise FontError(
            f"无法解压随议事安装的字体 {path.name}（{exc}）：请检查磁盘空间，"
            f"或重新安装议事。缓存文件夹：{folder}"
        ) from exc
    _forget_older(folder, path, keep=target)
    return target


def _forget_older(folder: Path, path: Path, *, keep: Path) -> None:
    """Copies unpacked from an earlier installation's compressed font."""
    for old in folder.glob(f"{path.stem}-*{path.suffix}"):
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()
