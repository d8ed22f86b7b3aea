"""The district's rooms overview (desktop.queries.rooms) and `yishi rooms --json`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock, settings
from desktop.cli import main
from desktop.models import SyncBundle, SyncPeer
from desktop.models.enums import OutcomeStatus
from desktop.queries.rooms import read_rooms_overview, rooms_overview
from desktop.sync.enrolment import enroll_room
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.rooms import retire_room
from desktop.views.rooms.page import RoomsPage
from tests.desk_builders import add_outcome, room_id_of
from tests.sync_pair import Pair, add_topic


def _at(days_ago: int) -> datetime:
    return datetime.combine(clock.today() - timedelta(days=days_ago), time(12), UTC)


def _setup(pair: Pair, tmp_path: Path) -> None:
    """和平桥 sent one bundle 10 days ago; 城东 was enrolled 60 days ago and never sent."""
    add_topic(pair.room, "加装电梯")
    stick = tmp_path / "stick"
    stick.mkdir()
    import_bundle(pair.district, export_bundle(pair.room, to_dir=stick).path)
    enroll_room(
        pair.district,
        room_name="城东社区协商议事室",
        village="城东社区",
        township="城东街道",
        output=tmp_path / "east.enrol",
    )
    with pair.district.session() as session:
        for bundle in session.scalars(select(SyncBundle).where(SyncBundle.direction == "in")):
            bundle.at = _at(10)
        for peer in session.scalars(select(SyncPeer).where(SyncPeer.role == "room")):
            peer.enrolled_at = _at(60)


def test_each_room_with_its_standing_and_the_silent_flagged(pair: Pair, tmp_path: Path) -> None:
    _setup(pair, tmp_path)
    overview = read_rooms_overview(pair.district, today=clock.today())
    assert overview.silent_days == 45
    by_name = {r.name: r for r in overview.rooms}
    heard, east = by_name["和平桥社区协商议事室"], by_name["城东社区协商议事室"]
    assert [r.township for r in overview.rooms] == ["和平桥街道", "城东街道"]
    assert heard.enrolled and heard.fingerprint is not None and len(heard.fingerprint) == 19
    assert heard.last_bundle_on == clock.today() - timedelta(days=10)
    assert heard.days_silent == 10 and not heard.silent
    assert heard.records == 1 and heard.overdue_outcomes == 0
    assert east.enrolled and east.fingerprint is None and east.last_bundle_at is None
    assert east.days_silent == 60 and east.silent
    assert overview.silent == [east]

    with pair.district.session() as session:
        settings.put(session, settings.ROOM_SILENT_DAYS, 90)
        assert rooms_overview(session, today=clock.today()).silent == []
        loud = rooms_overview(session, today=clock.today(), silent_days=5)
        assert [r.name for r in loud.silent] == [heard.name, east.name]


def test_a_retired_room_is_never_silent(pair: Pair, tmp_path: Path) -> None:
    _setup(pair, tmp_path)
    east = next(
        r for r in read_rooms_overview(pair.district, today=clock.today()).rooms if r.silent
    )
    retire_room(pair.district, room_id=east.room_id)
    overview = read_rooms_overview(pair.district, today=clock.today())
    [retired] = [r for r in overview.rooms if r.room_id == east.room_id]
    assert retired.retired and retired.days_silent is None and not retired.silent


def test_yishi_rooms_json_and_table(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _setup(pair, tmp_path)
    home = str(pair.district.home.root)
    assert main(["--home", home, "rooms", "--json"]) == 0
    rooms = json.loads(capsys.readouterr().out)
    assert [
        (r["township"], r["name"], r["enrolled"], r["days_silent"], r["silent"]) for r in rooms
    ] == [
        ("和平桥街道", "和平桥社区协商议事室", True, 10, False),
        ("城东街道", "城东社区协商议事室", True, 60, True),
    ]
    assert rooms[0]["last_bundle"] == (clock.today() - timedelta(days=10)).isoformat()
    assert rooms[0]["overdue_outcomes"] == 0 and rooms[1]["last_bundle"] is None

    assert main(["--home", home, "rooms"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "镇（街道）",
        "议事室",
        "登记",
        "最近数据包",
        "未联系天数",
        "逾期成果",
    ]
    assert "60 失联" in out[3] and out[-1] == "1 个议事室已超过 45 天未发来数据包"


def test_yishi_rooms_is_for_a_district(pair: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(pair.room.home.root), "rooms"]) == 2
    assert "区政协" in capsys.readouterr().err


def test_overdue_outcomes_count_open_ones_past_their_deadline(
    pair: Pair, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = clock.today()
    room_id = room_id_of(pair.room)
    held_on = today - timedelta(days=40)
    with pair.room.session() as session:
        for content, days, status in (
            ("十天前到期", -10, OutcomeStatus.PENDING),  # overdue
            ("昨天到期", -1, OutcomeStatus.IN_PROGRESS),  # overdue
            ("今天到期", 0, OutcomeStatus.PENDING),  # due today: not yet overdue
            ("下月到期", 30, OutcomeStatus.IN_PROGRESS),
            ("已办结", -20, OutcomeStatus.COMPLETED),  # done: never overdue
            ("未能办理", -20, OutcomeStatus.NOT_POSSIBLE),
        ):
            add_outcome(
                session,
                room_id,
                content,
                deadline=today + timedelta(days=days),
                status=status,
                held_on=held_on,
            )
        add_outcome(session, room_id, "没有时限", deadline=None, held_on=held_on)
    stick = tmp_path / "stick"
    stick.mkdir()
    import_bundle(pair.district, export_bundle(pair.room, to_dir=stick).path)

    [standing] = read_rooms_overview(pair.district, today=today).rooms
    assert standing.overdue_outcomes == 2
    # A day later the outcome due today is overdue too.
    with pair.district.session() as session:
        later = rooms_overview(session, today=today + timedelta(days=1)).rooms
    assert later[0].overdue_outcomes == 3

    page = RoomsPage(pair.district)
    qtbot.addWidget(page)
    column = page.headers.index(page.tr("Overdue outcomes"))
    item = page.table.item(0, column)
    assert item is not None and item.text() == "2"

    home = str(pair.district.home.root)
    assert main(["--home", home, "rooms", "--json"]) == 0
    [room] = json.loads(capsys.readouterr().out)
    assert room["overdue_outcomes"] == 2
    assert main(["--home", home, "rooms"]) == 0
    row = capsys.readouterr().out.splitlines()[2].split()  # under the header and its rule
    assert row[1] == "和平桥社区协商议事室" and row[-1] == "2"
