"""The one mask of the public documents: tricky names, numbers in any spacing, house numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.documents.feedback import render_feedback
from desktop.documents.masking import Masker, load_masker, mask_numbers
from desktop.documents.notice import render_notice
from desktop.formatting import mask_name, mask_phone
from desktop.models import Meeting, Member, Outcome, Participant, ProgressNote
from desktop.models.enums import Gender, MemberLevel, OutcomeStatus, ParticipantKind
from tests.documents import pdf_probe as probe
from tests.documents.document_builders import build_meeting
from tests.documents.test_notices_pdf import _announced_topic

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王秀英", "王某"),
        ("欧阳明华", "欧阳某"),
        ("司马光", "司马某"),
        ("诸葛亮", "诸葛某"),
        ("欧阳", "欧某"),  # two characters: surname 欧, given name 阳
        ("单于飞", "单某"),  # 单 is far more often a surname of its own
        (" 李四 ", "李某"),
        ("", ""),
    ],
)
def test_mask_name_keeps_the_whole_surname(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("0513-85123456", "****56"),  # first three and last four would leave one digit
        ("85123456", "****56"),
        ("12345", "****"),
        (None, ""),
    ],
)
def test_mask_phone_in_any_spacing(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话13812345678。", "电话138****5678。"),
        ("手机138 1234 5678", "手机138****5678"),
        ("手机138-1234-5678", "手机138****5678"),
        ("（+86）13812345678", "（+86）138****5678"),
        ("+86 13812345678", "138****5678"),
        ("13812345678 2次", "138****5678 2次"),
        ("座机0513-85123456", "座机0513-****"),
        ("座机(0513)8512 3456", "座机(0513)****"),
        ("座机（0513）8512-3456", "座机（0513）****"),
        ("010 1234 5678", "010 ****"),
        ("电话：8512345", "电话：****"),
        ("联系85123456", "联系****"),
        ("身份证320602198001011234", "身份证320*************34"),
        ("身份证3206 0219 8001 0112 3X", "身份证320************23"),
        ("南门小区3号楼2单元501室", "南门小区*号楼*单元*室"),
        ("南门小区3幢2单元", "南门小区*幢*单元"),
        ("南门小区3-2-501室", "南门小区*-*-*室"),
        ("和平桥社区5组12号", "和平桥社区5组*号"),
        ("人民路8号", "人民路*号"),
        ("五组12号", "五组*号"),
        ("三队4-2号", "三队*-*号"),
        ("小组12号开会", "小组12号开会"),  # a date, not a house
        ("这里12号开会", "这里12号开会"),
        ("住501室", "住*室"),
        # What stays: a building everyone shares, dates, times, sums, flat types.
        ("3号楼加装电梯", "3号楼加装电梯"),
        ("南门小区12幢楼下", "南门小区12幢楼下"),
        ("2026-11-29", "2026-11-29"),
        ("11月12号", "11月12号"),
        ("2026年11月29日19:30", "2026年11月29日19:30"),
        ("补助12345678元", "补助12345678元"),
        ("3室1厅", "3室1厅"),
    ],
)
def test_numbers_are_hidden_in_any_spacing(text: str, masked: str) -> None:
    assert mask_numbers(text) == masked


def test_masker_hides_private_names_and_keeps_public_ones() -> None:
    masker = Masker({"欧阳明华", "范丽", "王秀"}, public={"王秀英", "陈建国"}, phones={"85123456"})
    assert masker.text("会议在居民范丽家中召开") == "会议在居民范某家中召开"
    assert masker.text("欧阳明华反映") == "欧阳某反映"
    # A member's name holding a resident's stays whole; the resident's alone is masked.
    assert masker.text("王秀英委员走访王秀") == "王秀英委员走访王某"
    # A stored number is hidden in a shape no pattern knows (a local number, no keyword).
    assert masker.text("他家8512 3456") == "他家****56"
    assert masker.person("陈建国") == "陈某"  # listed people are always masked
    assert masker.also(["陈建国"]).text("陈建国认领") == "陈某认领"
    off = Masker({"范丽"}, phones={"85123456"}, enabled=False)
    assert off.text("范丽13812345678") == "范丽13812345678" and off.person("范丽") == "范丽"


def test_load_masker_knows_who_is_private(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    built = build_meeting(room_db, attendees=3, items=1)
    with room_db.session() as s:
        s.add(
            Member(name="陈建国", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT)
        )
        for name, kind in (
            ("秦芳", ParticipantKind.CADRE),
            ("欧阳明华", ParticipantKind.RESIDENT),
            ("刘网格", ParticipantKind.GRID_WORKER),
        ):
            s.add(Participant(room_id=room_id, name=name, kind=kind, phone="0513 8512 3456"))
        outcome = s.scalars(select(Outcome)).first()
        assert outcome is not None
        s.add(
            ProgressNote(outcome_id=outcome.id, noted_on=TODAY, text="已开工", author_name="孙办事")
        )
    with room_db.session() as s:
        masker = load_masker(s)
    assert {"欧阳明华", "刘网格", "孙办事"} <= masker.private
    assert "秦芳" not in masker.private and "陈建国" not in masker.private
    assert "秦芳" in masker.public and "陈建国" in masker.public
    assert "051385123456" in masker.phones
    member, resident = built.present  # the builder's first member, then a resident
    assert member in masker.public and resident in masker.private


def test_notice_masks_the_place_and_the_title(room_db: Database, tmp_path: Path) -> None:
    topic_id = _announced_topic(room_db)
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    with room_db.session() as s:
        s.add(
            Participant(
                room_id=installation.room_id,
                name="欧阳明华",
                kind=ParticipantKind.RESIDENT,
                phone="13900001111",
            )
        )
        meeting = s.scalars(select(Meeting)).one()
        meeting.place = "居民欧阳明华家中（南门小区3号楼2单元501室）"
        meeting.title = "欧阳明华家门前路灯"
    path = render_notice(db=room_db, topic_id=topic_id, path=tmp_path / "n.pdf", today=TODAY)
    text = probe.full_text(path)
    assert "协商地点：居民欧阳某家中（南门小区*号楼*单元*室）" in text
    assert "欧阳明华" not in text and "501" not in text
    # The residents' representatives of the room's own community, not a placeholder.
    assert "参加人员：和平桥社区居民代表" in text and "本村（社区）" not in text


def test_feedback_masks_every_free_text_column(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=6, items=2)
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    with room_db.session() as s:
        s.add(
            Participant(
                room_id=installation.room_id,
                name="范丽",
                kind=ParticipantKind.RESIDENT,
                phone="0513-85123456",
            )
        )
        first, second = s.scalars(select(Outcome).order_by(Outcome.content)).all()[:2]
        first.status = OutcomeStatus.COMPLETED
        first.completed_on = TODAY
        first.feedback = "已上门告知范丽（138 1234 5678，座机0513 8512 3456），5组12号已修好。"
        first.fed_back_on = TODAY
        second.content = "为范丽家（3号楼2单元501室）更换路灯"
        s.add(ProgressNote(outcome_id=second.id, noted_on=TODAY, text="范丽电话85123456已联系"))
    path = render_feedback(
        db=room_db, meeting_id=built.meeting_id, path=tmp_path / "f.pdf", today=TODAY
    )
    text = probe.full_text(path)
    assert "范丽" not in text and "范某" in text
    for digits in ("12345678", "85123456", "8512", "501"):
        assert digits not in text
    assert "138****5678" in text and "5组*号" in text and "*号楼*单元*室" in text
