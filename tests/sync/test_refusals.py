"""Refused bundles are logged beside the database, which stays byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.db import Database
from desktop.sync import SyncError
from desktop.sync.importer import import_bundle
from desktop.sync.refusals import log_path, read_refusals, record_refusal
from tests.sync.dishonest import snapshot


def test_a_refusal_is_logged_with_its_reason_and_the_database_untouched(
    district: Database, tmp_path: Path
) -> None:
    bogus = tmp_path / "R0001_000001_0b0b0b0b-0000-4000-8000-000000000000.yishi"
    bogus.write_bytes(b"not an age file")
    before = snapshot(district)
    with pytest.raises(SyncError) as refused:
        import_bundle(district, bogus)
    assert snapshot(district) == before
    [entry] = read_refusals(district.home)
    assert entry.file_name == bogus.name and entry.reason == str(refused.value)


def test_the_log_reads_newest_first_and_survives_a_torn_line(district: Database) -> None:
    home = district.home
    record_refusal(home, path=Path("a.yishi"), reason="第一")
    record_refusal(home, path=Path("b.yishi"), reason="第二")
    with log_path(home).open("a", encoding="utf-8") as log:
        log.write('{"at": "2026-11-2')  # a crash in the middle of a line
    record_refusal(home, path=Path("c.yishi"), reason="第三")
    assert [r.reason for r in read_refusals(home)] == ["第三", "第二", "第一"]
    lines = log_path(home).read_text(encoding="utf-8").split("\n")
    assert len(lines) == 5 and lines[-1] == ""  # two lines, the torn one, the third, end
