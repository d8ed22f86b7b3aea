"""Settings: typed options in the local table, font checks, backups and the room's details."""

from __future__ import annotations

import sqlite3
import struct
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import settings
from desktop.backups import backup_now, list_backups
from desktop.db import Database
from desktop.models import Installation, Room, Setting, Township
from desktop.queries.settings import read_room_details
from desktop.workflow import RuleError
from desktop.workflow.rooms import update_room_details

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def cff_font(folder: Path) -> Path:
    """The start of a CFF-outline OpenType file, which is all reportlab reads to refuse it."""
    path = folder / "NotoSansCJK-Regular.otf"
    path.write_bytes(b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0) + b"CFF " + bytes(76))
    return path


def test_every_option_is_declared_once_with_a_chinese_title() -> None:
    assert settings.REGISTRY["fonts.body"] is settings.BODY_FONT
    assert all(option.title for option in settings.REGISTRY.values())
    with pytest.raises(ValueError):
        settings.text_option("fonts.body", "重复")


def test_values_round_trip_and_defaults_leave_no_row(room_db: Database) -> None:
    with room_db.session() as s:
        assert settings.get(s, settings.PRINTER) == ""
        settings.put(s, settings.PRINTER, "办公室激光打印机")
    with room_db.session() as s:
        assert settings.get(s, settings.PRINTER) == "办公室激光打印机"
        assert s.get(Setting, "printer.default") is not None
        settings.put(s, settings.PRINTER, "")
    with room_db.session() as s:
        assert s.scalars(select(Setting)).all() == []


def test_an_unreadable_stored_value_falls_back_to_the_default(room_db: Database) -> None:
    with room_db.session() as s:
        s.add(Setting(key="fonts.title", value="42"))
    with room_db.session() as s:
        assert settings.get(s, settings.TITLE_FONT) == ""
    with room_db.session() as s, pytest.raises(TypeError):
        settings.put(s, settings.TITLE_FONT, 42)  # type: ignore[arg-type]


def test_cff_font_is_refused_with_the_reason(room_db: Database, tmp_path: Path) -> None:
    with room_db.session() as s, pytest.raises(settings.FontError, match="PostScript \\(CFF\\)"):
        settings.set_font(s, settings.BODY_FONT, cff_font(tmp_path))
    with room_db.session() as s:
        assert settings.get(s, settings.BODY_FONT) == ""


def test_missing_and_non_font_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(settings.FontError, match="找不到字体文件"):
        settings.check_truetype_font(tmp_path / "nothing.ttf")
    text = tmp_path / "readme.ttf"
    text.write_text("not a font")
    with pytest.raises(settings.FontError, match="不是 TrueType 字体"):
        settings.check_truetype_font(text)


@pytest.mark.skipif(not WQY.exists(), reason="needs fonts-wqy-microhei")
def test_truetype_collection_is_accepted(room_db: Database) -> None:
    with room_db.session() as s:
        family = settings.set_font(s, settings.BODY_FONT, WQY)
    assert "WenQuanYi" in family
    with room_db.session() as s:
        assert settings.get(s, settings.BODY_FONT) == str(WQY)


def test_backup_now_writes_a_readable_copy_listed_newest_first(room_db: Database) -> None:
    first = backup_now(room_db, now=datetime(2026, 11, 29, 9, 30))
    second = backup_now(room_db, now=datetime(2026, 11, 29, 9, 30))
    assert first.name == "yishi-20261129-093000-manual.sqlite"
    assert second.name == "yishi-20261129-093000-manual-2.sqlite"
    with sqlite3.connect(first) as connection:
        assert connection.execute("SELECT name FROM installation").fetchone() == (
            "和平桥社区协商议事室",
        )
    listed = list_backups(room_db.home)
    assert {b.path for b in listed} >= {first, second}
    assert all(b.size > 0 for b in listed)


def test_a_backup_cut_short_is_neither_listed_nor_left_behind(
    room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list_backups(room_db.home)

    real_connect = sqlite3.connect

    def connect(target: Path, *args: object, **kwargs: object) -> sqlite3.Connection:
        # The copy has begun (a page written) when Ctrl+C comes.
        if str(target).endswith(".part"):
            Path(target).write_bytes(b"SQLite format 3\x00 and then Ctrl+C")
            raise KeyboardInterrupt
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("desktop.db.sqlite3.connect", connect)
    with pytest.raises(KeyboardInterrupt):
        backup_now(room_db, now=datetime(2026, 11, 29, 9, 30))

    assert list_backups(room_db.home) == before
    assert not list(room_db.home.backups.glob("*.part"))


def test_a_room_set_up_on_its_own_edits_its_details(room_db: Database) -> None:
    with room_db.session() as s:
        details = read_room_details(s)
        assert details is not None and details.editable
        assert (details.name, details.village, details.township) == (
            "和平桥社区协商议事室",
            "和平桥社区",
            "和平桥街道",
        )
        update_room_details(s, name="和平村协商议事室", village="和平村", township="城东街道")
    with room_db.session() as s:
        room = s.scalars(select(Room)).one()
        assert (room.name, room.village, room.kind.label) == ("和平村协商议事室", "和平村", "村")
        assert s.get(Township, room.township_id).name == "城东街道"  # type: ignore[union-attr]
        assert s.get(Installation, 1).name == "和平村协商议事室"  # type: ignore[union-attr]
    with room_db.session() as s, pytest.raises(RuleError, match="议事室名称不能为空"):
        update_room_details(s, name=" ", village="和平村", township="城东街道")


def test_district_has_no_room_details_to_edit(district_db: Database) -> None:
    with district_db.session() as s:
        assert read_room_details(s) is None
        with pytest.raises(RuleError, match="区政协模式"):
            update_room_details(s, name="甲", village="乙", township="丙")
