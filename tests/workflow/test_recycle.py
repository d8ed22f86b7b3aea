"""Edit and take back: topics and slips edited, deleted to the 回收站, restored exactly;
merged slips separated again."""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import AgendaItem, Claim, Meeting, Member, OpinionSlip, Topic
from desktop.models.enums import (
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    TopicSource,
    TopicStatus,
)
from desktop.queries.recycle import bin_entries
from desktop.workflow import RuleError, recycle
from desktop.workflow import slips as slip_rules
from desktop.workflow import topics as topic_rules

R = TypeVar("R", Topic, OpinionSlip, Meeting)


def room_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def node_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


def slip(db: Database, content: str) -> str:
    return slip_rules.enter_slip(
        db,
        room_id=room_of(db),
        collected_on=clock.today(),
        content=content,
        grid="第一网格",
        reporter_name="张三",
    )


def topic(db: Database, title: str = "路灯不亮") -> str:
    return topic_rules.raise_topic(
        db,
        room_id=room_of(db),
        title=title,
        source=TopicSource.RESIDENTS,
        raised_on=clock.today(),
    )


def get(db: Database, model: type[R], record_id: str) -> R:
    with db.session() as session:
        found = session.get(model, record_id)
        assert found is not None
        session.expunge(found)
        return found


def on_agenda(db: Database, topic_id: str, status: MeetingStatus, title: str) -> str:
    with db.session() as session:
        meeting = Meeting(
            room_id=room_of(db),
            title=title,
            held_on=clock.today(),
            status=status,
            form=MeetingForm.ONSITE,
        )
        session.add(meeting)
        session.flush()
        session.add(AgendaItem(meeting_id=meeting.id, topic_id=topic_id, position=1))
        return meeting.id


def test_a_topic_is_edited_until_it_is_consulted(room_db: Database) -> None:
    topic_id = topic(room_db)
    before = get(room_db, Topic, topic_id).revision
    topic_rules.edit_topic(
        room_db,
        topic_id,
        title=" 和平桥路灯不亮 ",
        source=TopicSource.GRID,
        raised_on=clock.today() - timedelta(days=3),
        description="夜里看不见路",
        category="城市建管",
        expected_revision=before,
    )
    edited = get(room_db, Topic, topic_id)
    assert (edited.title, edited.source, edited.description, edited.category) == (
        "和平桥路灯不亮",
        TopicSource.GRID,
        "夜里看不见路",
        "城市建管",
    )
    assert edited.raised_on == clock.today() - timedelta(days=3)
    assert edited.revision == before + 1
    # An edit from a form loaded before this change is refused, not silently applied.
    with pytest.raises(RuleError, match="未保存"):
        topic_rules.edit_topic(
            room_db,
            topic_id,
            title="别的标题",
            source=TopicSource.GRID,
            raised_on=clock.today(),
            expected_revision=before,
        )
    with pytest.raises(RuleError, match="标题不能为空"):
        topic_rules.edit_topic(
            room_db, topic_id, title=" ", source=TopicSource.GRID, raised_on=clock.today()
        )
    with pytest.raises(RuleError, match="推荐委员"):
        topic_rules.edit_topic(
            room_db, topic_id, title="路灯", source=TopicSource.MEMBER, raised_on=clock.today()
        )
    with room_db.session() as session:
        session.get_one(Topic, topic_id).status = TopicStatus.DISCUSSED
    with pytest.raises(RuleError, match="已协商」，已不能修改"):
        topic_rules.edit_topic(
            room_db, topic_id, title="路灯", source=TopicSource.GRID, raised_on=clock.today()
        )
    assert get(room_db, Topic, topic_id).title == "和平桥路灯不亮"


def test_an_announced_topic_does_not_become_immediate(room_db: Database) -> None:
    topic_id = topic(room_db)
    topic_rules.shortlist_topic(room_db, topic_id)
    topic_rules.announce_topic(
        room_db, topic_id, on=clock.today(), claim_by=clock.today() + timedelta(days=7)
    )
    with pytest.raises(RuleError, match="已公告，不能再改变是否为即时性协商"):
        topic_rules.edit_topic(
            room_db,
            topic_id,
            title="路灯不亮",
            source=TopicSource.RESIDENTS,
            raised_on=clock.today(),
            immediate=True,
        )


def test_a_slip_is_edited_with_the_entry_checks(room_db: Database) -> None:
    slip_id = slip(room_db, "楼道灯坏了")
    slip_rules.edit_slip(
        room_db,
        slip_id,
        collected_on=clock.today() - timedelta(days=1),
        content=" 三号楼楼道灯坏了 ",
        grid="第二网格",
        anonymous=True,
        reporter_name="张三",
        category="社会治理",
    )
    edited = get(room_db, OpinionSlip, slip_id)
    assert (edited.content, edited.grid, edited.anonymous, edited.reporter_name) == (
        "三号楼楼道灯坏了",
        "第二网格",
        True,
        None,
    )
    with pytest.raises(slip_rules.SlipFieldError, match="反映内容") as refused:
        slip_rules.edit_slip(room_db, slip_id, collected_on=clock.today(), content="  ")
    assert refused.value.field == "content"
    with pytest.raises(slip_rules.SlipFieldError, match="晚于今天"):
        slip_rules.edit_slip(
            room_db, slip_id, collected_on=clock.today() + timedelta(days=1), content="灯"
        )
    assert get(room_db, OpinionSlip, slip_id).content == "三号楼楼道灯坏了"


def test_deleted_slips_go_to_the_bin_and_come_back(room_db: Database) -> None:
    kept = slip(room_db, "垃圾桶太少")
    gone = slip(room_db, "楼道灯坏了")
    before = get(room_db, OpinionSlip, gone).revision
    recycle.delete_slips(room_db, [gone])
    assert get(room_db, OpinionSlip, gone).deleted
    assert get(room_db, OpinionSlip, gone).revision == before + 1
    entries = bin_entries(room_db, room_of(room_db), node_id=node_of(room_db))
    assert [(e.kind, e.id, e.text) for e in entries] == [(recycle.SLIP, gone, "楼道灯坏了")]
    with pytest.raises(RuleError, match="已在回收站"):
        recycle.delete_slips(room_db, [kept, gone])
    assert not get(room_db, OpinionSlip, kept).deleted  # all or none
    recycle.restore(room_db, recycle.SLIP, gone)
    assert not get(room_db, OpinionSlip, gone).deleted
    assert bin_entries(room_db, room_of(room_db), node_id=node_of(room_db)) == []
    with pytest.raises(RuleError, match="已不在回收站"):
        recycle.restore(room_db, recycle.SLIP, gone)


def test_a_deleted_topic_takes_its_slips_and_claims_and_brings_them_back(
    room_db: Database,
) -> None:
    slips = [slip(room_db, "路灯坏了"), slip(room_db, "晚上太黑")]
    topic_id = slip_rules.raise_grid_topic(
        room_db, slips, title="路灯不亮", raised_on=clock.today()
    )
    topic_rules.shortlist_topic(room_db, topic_id)
    topic_rules.announce_topic(
        room_db, topic_id, on=clock.today(), claim_by=clock.today() + timedelta(days=7)
    )
    with room_db.session() as session:
        member = Member(name="保杰", gender=Gender.MALE, sector="中共", level=MemberLevel.DISTRICT)
        session.add(member)
        session.flush()
        member_id = member.id
    topic_rules.claim_topic(room_db, topic_id, member_id=member_id, on=clock.today())

    recycle.delete_topic(room_db, topic_id)
    entries = bin_entries(room_db, room_of(room_db), node_id=node_of(room_db))
    assert [(e.kind, e.text, e.slips) for e in entries] == [(recycle.TOPIC, "路灯不亮", 2)]
    # The slips stay merged and live: they come back with the topic.
    with room_db.session() as session:
        assert {s.topic_id for s in session.scalars(select(OpinionSlip))} == {topic_id}
        assert not any(s.deleted for s in session.scalars(select(OpinionSlip)))
    # A slip of the deleted topic cannot come back on its own.
    recycle.delete_slips(room_db, [slips[0]])
    with pytest.raises(RuleError, match="请先恢复该议题"):
        recycle.restore(room_db, recycle.SLIP, slips[0])

    recycle.restore(room_db, recycle.TOPIC, topic_id)
    restored = get(room_db, Topic, topic_id)
    assert not restored.deleted and restored.status is TopicStatus.CLAIMED
    with room_db.session() as session:
        claim = session.scalars(select(Claim)).one()
        assert not claim.deleted and claim.member_id == member_id
    recycle.restore(room_db, recycle.SLIP, slips[0])
    assert get(room_db, OpinionSlip, slips[0]).topic_id == topic_id


def test_a_topic_on_an_agenda_or_consulted_is_not_deleted(room_db: Database) -> None:
    planned = topic(room_db, "路灯不亮")
    on_agenda(room_db, planned, MeetingStatus.PLANNED, "三月议事会")
    with pytest.raises(RuleError, match="已列入议事活动「三月议事会」的议程，请先从议程中移除"):
        recycle.delete_topic(room_db, planned)
    held = topic(room_db, "广场舞扰民")
    on_agenda(room_db, held, MeetingStatus.HELD, "二月议事会")
    with pytest.raises(RuleError, match="已在议事活动「二月议事会」中协商，不能删除"):
        recycle.delete_topic(room_db, held)
    # A cancelled meeting's agenda holds nothing back.
    cancelled = topic(room_db, "暴雨积水")
    on_agenda(room_db, cancelled, MeetingStatus.CANCELLED, "取消的议事会")
    recycle.delete_topic(room_db, cancelled)
    discussed = topic(room_db, "停车难")
    with room_db.session() as session:
        session.get_one(Topic, discussed).status = TopicStatus.IMPLEMENTED
    with pytest.raises(RuleError, match="已协商（当前为「已落实」）"):
        recycle.delete_topic(room_db, discussed)
    assert [t.deleted for t in map(lambda i: get(room_db, Topic, i), (planned, held))] == [
        False,
        False,
    ]


def test_slips_of_a_consulted_topic_stay_as_they_are(room_db: Database) -> None:
    slip_id = slip(room_db, "路灯坏了")
    topic_id = slip_rules.raise_grid_topic(
        room_db, [slip_id], title="路灯", raised_on=clock.today()
    )
    with room_db.session() as session:
        session.get_one(Topic, topic_id).status = TopicStatus.DISCUSSED
    for refused in (
        lambda: recycle.delete_slips(room_db, [slip_id]),
        lambda: slip_rules.separate_slips(room_db, [slip_id]),
        lambda: slip_rules.edit_slip(room_db, slip_id, collected_on=clock.today(), content="x"),
    ):
        with pytest.raises(RuleError, match="议题已协商"):
            refused()
    assert get(room_db, OpinionSlip, slip_id).topic_id == topic_id


def test_separated_slips_are_open_again_and_the_topic_stays(room_db: Database) -> None:
    slips = [slip(room_db, "路灯坏了"), slip(room_db, "晚上太黑")]
    topic_id = slip_rules.raise_grid_topic(
        room_db, slips, title="路灯不亮", raised_on=clock.today()
    )
    assert slip_rules.separate_slips(room_db, slips) == ["路灯不亮"]
    assert [get(room_db, OpinionSlip, s).topic_id for s in slips] == [None, None]
    kept = get(room_db, Topic, topic_id)
    assert not kept.deleted and "路灯坏了" in kept.description
    with pytest.raises(RuleError, match="尚未归入议题"):
        slip_rules.separate_slips(room_db, slips[:1])
    # Open again, they can be merged anew.
    slip_rules.attach_slips_to_topic(room_db, slips, topic_id=topic_id)


def test_a_deleted_meeting_is_listed_and_restored(room_db: Database) -> None:
    with room_db.session() as session:
        meeting = Meeting(
            room_id=room_of(room_db),
            title="四月议事会",
            held_on=clock.today(),
            form=MeetingForm.ONSITE,
        )
        draft = Meeting(
            room_id=room_of(room_db), title="", held_on=clock.today(), form=MeetingForm.ONSITE
        )
        session.add_all([meeting, draft])
        session.flush()
        meeting_id = meeting.id
    with room_db.session() as session:
        session.get_one(Meeting, meeting_id).deleted = True
        # An empty draft thrown away is no record anybody deleted.
        session.scalars(select(Meeting).where(Meeting.title == "")).one().deleted = True
    entries = bin_entries(room_db, room_of(room_db), node_id=node_of(room_db))
    assert [(e.kind, e.id, e.text) for e in entries] == [
        (recycle.MEETING, meeting_id, "四月议事会")
    ]
    # A topic of its agenda deleted meanwhile comes back first.
    topic_id = topic(room_db)
    with room_db.session() as session:
        session.add(AgendaItem(meeting_id=meeting_id, topic_id=topic_id, position=1))
    recycle.delete_topic(room_db, topic_id)
    with pytest.raises(RuleError, match="议题「路灯不亮」在回收站中，请先恢复该议题"):
        recycle.restore(room_db, recycle.MEETING, meeting_id)
    recycle.restore(room_db, recycle.TOPIC, topic_id)
    recycle.restore(room_db, recycle.MEETING, meeting_id)
    assert not get(room_db, Meeting, meeting_id).deleted
    with pytest.raises(RuleError, match="没有这类记录"):
        recycle.restore(room_db, "member", meeting_id)
