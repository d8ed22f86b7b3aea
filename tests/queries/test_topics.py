"""The topic list's filters and search, and one topic's detail with what may happen next."""

from __future__ import annotations

from datetime import date

from desktop.db import Database
from desktop.listing import fetch_rows
from desktop.models import Assignment, Member
from desktop.models.enums import Gender, MemberLevel, TopicSource, TopicStatus
from desktop.queries import topics as queries
from desktop.queries.topics import TopicFilter
from desktop.workflow import slips as slip_rules
from desktop.workflow import topics as rules


def room_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def titles(db: Database, **narrowing: object) -> list[str]:
    statement = queries.topics_statement(TopicFilter(room_id=room_of(db), **narrowing))  # type: ignore[arg-type]
    return [row.title for row in fetch_rows(db, statement)]


def make_topics(db: Database) -> dict[str, str]:
    room = room_of(db)
    ids: dict[str, str] = {}
    with db.session() as session:
        for title, source, raised, category in (
            ("加装电梯", TopicSource.RESIDENTS, date(2025, 3, 1), "城市建管"),
            ("路灯不亮", TopicSource.GRID, date(2026, 5, 1), "城市建管"),
            ("垃圾分类", TopicSource.PARTY_GOVERNMENT, date(2026, 9, 1), "生态环境"),
        ):
            topic = rules.create_topic(
                session,
                room_id=room,
                title=title,
                source=source,
                raised_on=raised,
                category=category,
                description=f"{title}的说明",
            )
            session.flush()
            ids[title] = topic.id
        rules.decline(session.get_one(type(topic), ids["垃圾分类"]), reason="不属本室")
    return ids


def test_filters_and_search(room_db: Database) -> None:
    make_topics(room_db)
    assert titles(room_db) == ["垃圾分类", "路灯不亮", "加装电梯"]
    assert titles(room_db, source=TopicSource.GRID) == ["路灯不亮"]
    assert titles(room_db, status=TopicStatus.DECLINED) == ["垃圾分类"]
    assert titles(room_db, category="城市建管") == ["路灯不亮", "加装电梯"]
    assert titles(room_db, year=2025) == ["加装电梯"]
    # One or two Chinese characters must find topics: LIKE, not the trigram index.
    assert titles(room_db, search="灯") == ["路灯不亮"]
    assert titles(room_db, search="电梯") == ["加装电梯"]
    assert titles(room_db, search="说明") == ["垃圾分类", "路灯不亮", "加装电梯"]
    choices = queries.topic_filter_choices(room_db, room_of(room_db))
    assert choices.years == [2026, 2025] and choices.rooms == []
    assert choices.categories[:2] == ["城市建管", "生态环境"]  # in use, then the usual ones
    # Across every room (the district) the rooms are offered too.
    assert [r.name for r in queries.topic_filter_choices(room_db, None).rooms] == [
        "和平桥社区协商议事室"
    ]


def test_detail_lists_slips_claims_and_allowed_moves(room_db: Database) -> None:
    ids = make_topics(room_db)
    room = room_of(room_db)
    with room_db.session() as session:
        slip = slip_rules.create_slip(
            session,
            room_id=room,
            collected_on=date(2026, 4, 1),
            content="路灯坏了",
            anonymous=True,
            grid="第二网格",
            today=date(2026, 11, 29),
        )
        session.flush()
        slip_rules.attach_to_topic(session, [slip.id], topic_id=ids["路灯不亮"])
        member = Member(
            name="保杰", gender=Gender.MALE, sector="中国共产党", level=MemberLevel.DISTRICT
        )
        other = Member(name="艾伦", gender=Gender.MALE, sector="无党派", level=MemberLevel.CITY)
        session.add_all([member, other])
        session.flush()
        session.add(Assignment(member_id=member.id, room_id=room, start_date=date(2024, 1, 1)))
        topic = queries.topic(session, ids["路灯不亮"])
        assert topic is not None
        rules.shortlist(topic)
        rules.announce(topic, on=date(2026, 5, 2), claim_by=date(2026, 5, 16))
        rules.claim(session, topic, member=member, on=date(2026, 5, 3))
    installation = room_db.installation()
    assert installation is not None
    detail = queries.topic_detail(room_db, ids["路灯不亮"], node_id=installation.node_id)
    choices = queries.topic_form_choices(room_db, room).members
    with room_db.session() as session:
        open_ids = [row.id for row in session.execute(queries.open_topics_statement(room))]
    assert detail is not None
    assert detail.status is TopicStatus.CLAIMED and detail.owned_here and detail.can_claim
    assert detail.allowed == {TopicStatus.DISCUSSED}
    assert [(s.grid, s.reporter, s.content) for s in detail.slips] == [("第二网格", "", "路灯坏了")]
    assert [(c.member_name, c.sector) for c in detail.claims] == [("保杰", "中国共产党")]
    assert detail.meetings == [] and detail.claim_deadline == date(2026, 5, 16)
    # The room's own members come first; each shows with the sector.
    assert [c.text for c in choices] == ["保杰（中国共产党）", "艾伦（无党派）"]
    assert set(open_ids) == {ids["加装电梯"], ids["路灯不亮"]}
    declined = queries.topic_detail(room_db, ids["垃圾分类"], node_id="other")
    assert declined is not None and not declined.owned_here and declined.allowed == frozenset()
    assert declined.decline_reason == "不属本室"
