"""The one atomic writer: the new bytes in full, or the old file untouched and no `.part` left."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from desktop.files import atomic_path, write_atomically


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "kept.bin")


def test_writes_exactly_the_bytes_over_an_old_file(tmp_path: Path) -> None:
    path = tmp_path / "kept.bin"
    path.write_bytes(b"old content, longer than the new")
    data = bytes(range(256)) * 3

    assert write_atomically(path, data) == path

    assert path.read_bytes() == data
    assert _leftovers(tmp_path) == []


def test_a_new_file_and_an_empty_one(tmp_path: Path) -> None:
    write_atomically(tmp_path / "kept.bin", b"")
    assert (tmp_path / "kept.bin").read_bytes() == b""


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space"), KeyboardInterrupt()])
def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, error: BaseException
) -> None:
    path = tmp_path / "kept.bin"
    path.write_bytes(b"old")

    with pytest.raises(type(error)), atomic_path(path) as part:
        part.write_bytes(b"half of the ne")
        raise error

    assert path.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_failed_flush_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kept.bin"
    path.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_atomically(path, b"new")

    assert caught.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_refused_by_name(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"

    with pytest.raises(FileNotFoundError) as caught:
        write_atomically(missing / "kept.bin", b"new")

    assert caught.value.filename == str(missing)
    assert not missing.exists()


def test_a_stale_temporary_from_a_power_cut_is_not_built_on(tmp_path: Path) -> None:
    path = tmp_path / "kept.bin"
    (tmp_path / "kept.bin.part").write_bytes(b"stale half file")

    with atomic_path(path) as part:
        assert not part.exists()
        with part.open("ab") as handle:
            handle.write(b"new")

    assert path.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_the_temporary_is_beside_the_file(tmp_path: Path) -> None:
    # Same folder, so that the rename stays on one file system and is atomic.
    with atomic_path(tmp_path / "kept.bin") as part:
        assert part.parent == tmp_path
        part.write_bytes(b"x")
