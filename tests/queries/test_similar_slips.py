"""共性问题: the bigram similarity finds slips in other words about one problem, keeps apart
those about other problems or places, and stays within a room, reading a bounded number of
slips (its speed is measured in tests/bench/bench_similar_slips.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop.db import Database
from desktop.demo import generate
from desktop.models import OpinionSlip, Room
from desktop.queries import similar_slips as similar
from desktop.queries.similar_slips import Corpus, SlipText
from desktop.workflow import slips as slip_rules

TODAY = date(2026, 6, 15)

ROOM_SLIPS = [
    SlipText("a", "居民反映：紫琅苑晚上停车没位置，车子停到消防通道上。", "第一网格"),
    SlipText("b", "紫琅苑停车太难了，晚上车都停在消防通道，希望尽快解决。", "第一网格"),
    SlipText("c", "孩子放学早，我们下班晚，希望社区办个四点半课堂。", "第二网格"),
    SlipText("d", "希望办四点半课堂，孩子放学没人管。", "第二网格"),
    SlipText("e", "河边有人倒垃圾，夏天有臭味。", "第三网格"),
    SlipText("f", "独居老人吃饭不方便，希望办个老年食堂。", "第二网格"),
]


def test_the_same_problem_in_other_words_is_found() -> None:
    corpus = Corpus(ROOM_SLIPS)
    found = [
        m.slip.id for m in corpus.like("紫琅苑消防通道被车堵了，晚上停车没地方", grid="第一网格")
    ]
    assert found[:2] == ["a", "b"] or found[:2] == ["b", "a"]
    groups = [sorted(s.id for s in g) for g in corpus.groups()]
    assert ["a", "b"] in groups and ["c", "d"] in groups


def test_other_problems_are_not_found() -> None:
    corpus = Corpus(ROOM_SLIPS)
    assert corpus.like("楼道里的电动车拉线充电，太危险", grid="第一网格") == []
    assert all(len(g) == 2 for g in corpus.groups())
    grouped = {s.id for g in corpus.groups() for s in g}
    assert not grouped & {"e", "f"}
    # Fillers alone (居民反映、希望…) say nothing about the problem.
    assert corpus.like("居民反映：希望尽快解决。") == []


def test_the_same_place_raises_a_score_and_another_place_lowers_it() -> None:
    corpus = Corpus(
        [
            SlipText("here", "桃园新村楼道灯坏了，晚上看不见。", "第一网格"),
            SlipText("there", "学田新村楼道灯坏了，晚上看不见。", "第一网格"),
            SlipText("plain", "楼道灯坏了，晚上看不见。", "第二网格"),
        ]
    )
    scores = {m.slip.id: m.score for m in corpus.like("桃园新村楼道灯坏了很久", grid="第一网格")}
    assert scores["here"] > scores["plain"] > scores.get("there", 0.0)
    # The same words from the same grid score higher than from another grid.
    same_grid = {m.slip.id: m.score for m in corpus.like("楼道灯坏了，晚上看不见", grid="第二网格")}
    other_grid = {
        m.slip.id: m.score for m in corpus.like("楼道灯坏了，晚上看不见", grid="第三网格")
    }
    assert same_grid["plain"] > other_grid["plain"]


def test_places_and_bigrams_read_chinese_text() -> None:
    assert similar.places("一下大雨紫琅苑就淹，幸福路也积水") == {"紫琅苑", "幸福路"}
    assert similar.places("马路上全是坑") == frozenset()
    assert "的" not in "".join(similar.bigrams("小区的路灯坏了"))
    assert similar.bigrams("，。！") == {}


def _district(db: Database) -> dict[str, list[str]]:
    """A demo district of two rooms: each room's open slip ids."""
    generate(db, seed=5, rooms=2, years=0, today=TODAY)
    with db.session() as session:
        rows = session.execute(
            select(OpinionSlip.room_id, OpinionSlip.id).where(OpinionSlip.topic_id.is_(None))
        ).all()
    by_room: dict[str, list[str]] = {}
    for room_id, slip_id in rows:
        by_room.setdefault(room_id, []).append(slip_id)
    return by_room


def test_suggestions_stay_within_a_room(district_db: Database) -> None:
    by_room = _district(district_db)
    assert len(by_room) == 2
    (first, first_ids), (second, _) = by_room.items()
    with district_db.session() as session:
        text = session.scalar(select(OpinionSlip.content).where(OpinionSlip.id == first_ids[0]))
    assert text is not None
    # The very words of a slip of the first room find it there, and nothing in the other.
    assert first_ids[0] in [m.slip.id for m in similar.similar_slips(district_db, first, text)]
    assert not {m.slip.id for m in similar.similar_slips(district_db, second, text)} & set(
        first_ids
    )
    for room_id, ids in by_room.items():
        for group in similar.suggested_groups(district_db, room_id):
            assert {s.id for s in group} <= set(ids)


def test_merged_slips_leave_the_suggestions_and_join_new_ones(room_db: Database) -> None:
    generate(room_db, seed=5, years=0, today=TODAY)
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    group = similar.suggested_groups(room_db, room_id)[0]
    topic_id = slip_rules.raise_grid_topic(
        room_db, [s.id for s in group], title="共性问题", raised_on=TODAY
    )
    assert all(
        group[0].id not in {s.id for s in g} for g in similar.suggested_groups(room_db, room_id)
    )
    # A topic not yet consulted on still takes slips: the entry form offers its slips.
    found = similar.similar_slips(room_db, room_id, group[0].content)
    assert any(m.slip.topic_id == topic_id for m in found)


def test_room_rows_are_bounded(district_db: Database) -> None:
    by_room = _district(district_db)
    room_id = next(iter(by_room))
    with district_db.session() as session:
        assert session.get(Room, room_id) is not None
    rows = similar._rows(district_db, room_id, open_only=False)
    assert 0 < len(rows) <= similar.MAX_CANDIDATES
