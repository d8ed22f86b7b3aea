"""Topic lifecycle: every move allowed by the programme's process, every other one refused."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import Claim, Member, OpinionSlip, Topic
from desktop.models.enums import Gender, MemberLevel, TopicSource, TopicStatus
from desktop.workflow import RuleError
from desktop.workflow import topics as rules

S = TopicStatus

# Written out from DESIGN.md's lifecycle, independently of the rules module's table.
EXPECTED = {
    ("collected", "shortlisted"),
    ("collected", "declined"),
    ("shortlisted", "announced"),
    ("shortlisted", "declined"),
    ("announced", "claimed"),
    ("announced", "discussed"),
    ("announced", "declined"),
    ("claimed", "discussed"),
    ("discussed", "in_progress"),
    ("discussed", "implemented"),
    ("discussed", "not_implemented"),
    ("discussed", "escalated"),
    ("in_progress", "implemented"),
    ("in_progress", "not_implemented"),
    ("in_progress", "escalated"),
    ("implemented", "fed_back"),
    ("not_implemented", "fed_back"),
    ("escalated", "fed_back"),
}
IMMEDIATE_ONLY = {("collected", "discussed"), ("shortlisted", "discussed")}


def _topic(status: TopicStatus, *, immediate: bool = False) -> Topic:
    return Topic(title="加装电梯", status=status, immediate=immediate, source=TopicSource.RESIDENTS)


@pytest.mark.parametrize(("source", "target"), list(product(S, S)))
def test_every_transition_is_allowed_or_refused(source: S, target: S) -> None:
    topic = _topic(source)
    if (source.value, target.value) in EXPECTED:
        rules.transition(topic, target)
        assert topic.status is target
    else:
        with pytest.raises(RuleError, match="允许的转换") as refused:
            rules.transition(topic, target)
        assert topic.status is source
        for allowed in rules.allowed_transitions(topic):
            assert allowed.label in str(refused.value)


@pytest.mark.parametrize(("source", "target"), sorted(IMMEDIATE_ONLY))
def test_immediate_consultation_skips_announcement(source: str, target: str) -> None:
    plain, immediate = _topic(S(source)), _topic(S(source), immediate=True)
    with pytest.raises(RuleError):
        rules.transition(plain, S(target))
    rules.transition(immediate, S(target))
    assert immediate.status is S.DISCUSSED


def test_refusal_names_the_state_and_the_allowed_moves() -> None:
    with pytest.raises(RuleError) as refused:
        rules.transition(_topic(S.COLLECTED), S.FED_BACK)
    assert str(refused.value) == (
        "议题「加装电梯」当前状态为「征集」，不能转为「已反馈」；允许的转换：初选、不予立项"
    )


def test_final_states_say_so() -> None:
    with pytest.raises(RuleError, match="无（已是最终状态）"):
        rules.transition(_topic(S.DECLINED), S.COLLECTED)


def _member(db: Database, name: str) -> Member:
    with db.session() as s:
        member = Member(name=name, gender=Gender.MALE, sector="农工党", level=MemberLevel.DISTRICT)
        s.add(member)
    return member


def test_announce_claim_and_decline_with_the_database(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id
    member = _member(room_db, "周永明")
    with room_db.session() as s:
        topic = rules.create_topic(
            s,
            room_id=installation.room_id,
            title=" 老旧小区加装电梯 ",
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 3, 2),
        )
        rules.shortlist(topic)
        with pytest.raises(RuleError, match="不能早于"):
            rules.announce(topic, on=date(2026, 3, 5), claim_by=date(2026, 3, 1))
        rules.announce(topic, on=date(2026, 3, 5), claim_by=date(2026, 3, 15))
        with pytest.raises(RuleError, match="截止"):
            rules.claim(s, topic, member=member, on=date(2026, 3, 16))
        rules.claim(s, topic, member=member, on=date(2026, 3, 10))
        s.flush()
        with pytest.raises(RuleError, match="已认领"):
            rules.claim(s, topic, member=member, on=date(2026, 3, 11))
    with room_db.session() as s:
        stored = s.get(Topic, topic.id)
        assert stored is not None
        assert stored.title == "老旧小区加装电梯"
        assert stored.status is S.CLAIMED
        assert stored.claim_deadline == date(2026, 3, 15)
        assert s.scalars(select(Claim.member_id)).all() == [member.id]
        other = rules.create_topic(
            s,
            room_id=installation.room_id,
            title="广场舞噪音",
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 3, 2),
        )
        with pytest.raises(RuleError, match="理由"):
            rules.decline(other, reason="  ")
        rules.decline(other, reason="属物业管理范畴，转物业公司处理")
        assert other.status is S.DECLINED


def test_member_topic_needs_its_member(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id
    with pytest.raises(RuleError, match="推荐委员"), room_db.session() as s:
        rules.create_topic(
            s,
            room_id=installation.room_id,
            title="养老服务",
            source=TopicSource.MEMBER,
            raised_on=date(2026, 3, 2),
        )


def test_a_topic_recommended_by_a_member_gone_since_is_refused(room_db: Database) -> None:
    """The form's member list was loaded before the member was removed (or never existed)."""
    installation = room_db.installation()
    assert installation is not None and installation.room_id
    gone = _member(room_db, "陈立")
    with room_db.session() as s:
        s.get_one(Member, gone.id).deleted = True
    for member_id, message in (
        (gone.id, "已不在名册"),
        ("00000000-0000-4000-8000-00000000dead", "已不存在"),
    ):
        with pytest.raises(UserError, match=message):
            rules.raise_topic(
                room_db,
                room_id=installation.room_id,
                title="养老服务",
                source=TopicSource.MEMBER,
                raised_on=date(2026, 3, 2),
                proposed_by_member_id=member_id,
            )
    with room_db.session() as s:
        assert s.scalars(select(Topic).where(Topic.title == "养老服务")).all() == []


def test_merge_slips_into_a_grid_topic_and_attach_more(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id
    with room_db.session() as s:
        slips = [
            OpinionSlip(
                room_id=installation.room_id,
                collected_on=date(2026, 2, d),
                grid="第三网格",
                content=text,
                category="城市建管",
            )
            for d, text in ((3, "河道有异味"), (4, "河边垃圾无人清理"), (6, "雨后积水严重"))
        ]
        s.add_all(slips)
        s.flush()
        topic = rules.merge_slips(s, slips[:2], title="河道水环境整治", raised_on=date(2026, 2, 10))
        with pytest.raises(RuleError, match="已归入"):
            rules.merge_slips(s, slips[:1], title="重复", raised_on=date(2026, 2, 10))
        rules.attach_slips(topic, slips[2:])
    with room_db.session() as s:
        stored = s.get(Topic, topic.id)
        assert stored is not None and stored.source is TopicSource.GRID
        assert "河道有异味" in stored.description and stored.category == "城市建管"
        linked = s.scalars(select(OpinionSlip).where(OpinionSlip.topic_id == topic.id)).all()
        assert len(linked) == 3


def test_merge_needs_slips() -> None:
    with pytest.raises(RuleError, match="至少"):
        rules.merge_slips(None, [], title="x", raised_on=date(2026, 1, 1))  # type: ignore[arg-type]


def test_the_pages_actions_by_id_each_in_one_unit_of_work(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id
    member, gone = _member(room_db, "周永明"), _member(room_db, "陈立")
    with room_db.session() as s:
        s.get_one(Member, gone.id).deleted = True
    topic_id = rules.raise_topic(
        room_db,
        room_id=installation.room_id,
        title="老旧小区加装电梯",
        source=TopicSource.RESIDENTS,
        raised_on=date(2026, 3, 2),
    )
    rules.shortlist_topic(room_db, topic_id)
    with pytest.raises(RuleError, match="不能早于"):
        rules.announce_topic(room_db, topic_id, on=date(2026, 3, 5), claim_by=date(2026, 3, 1))
    rules.announce_topic(room_db, topic_id, on=date(2026, 3, 5), claim_by=date(2026, 3, 15))
    with pytest.raises(RuleError, match="该委员已被删除"):
        rules.claim_topic(room_db, topic_id, member_id=gone.id, on=date(2026, 3, 10))
    rules.claim_topic(room_db, topic_id, member_id=member.id, on=date(2026, 3, 10))
    with room_db.session() as s:
        stored = s.get_one(Topic, topic_id)
        assert stored.status is S.CLAIMED and stored.claim_deadline == date(2026, 3, 15)
        assert s.scalars(select(Claim.member_id)).all() == [member.id]
        stored.deleted = True
    with pytest.raises(RuleError, match="该议题已被删除"):
        rules.decline_topic(room_db, topic_id, reason="属物业管理范畴")


def test_consult_now_only_for_an_immediate_topic(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id
    plain, immediate = (
        rules.raise_topic(
            room_db,
            room_id=installation.room_id,
            title=title,
            source=TopicSource.PARTY_GOVERNMENT,
            raised_on=date(2026, 7, 1),
            immediate=urgent,
        )
        for title, urgent in (("路灯", False), ("暴雨积水", True))
    )
    with pytest.raises(RuleError, match="只有即时性协商议题可以直接协商"):
        rules.consult_now(room_db, plain)
    rules.consult_now(room_db, immediate)
    with room_db.session() as s:
        assert s.get_one(Topic, plain).status is S.COLLECTED
        assert s.get_one(Topic, immediate).status is S.DISCUSSED
