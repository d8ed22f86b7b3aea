"""共性问题: slips that seem to report the same problem, found by their words and place.

A small character-bigram similarity, no network and no model: each slip's content, without
punctuation, filler phrases (居民反映, 希望…) and function characters, becomes a bag of
character bigrams weighted by how rare each is among the room's slips (so the names of
places and things count, common words little); two slips score the cosine of their bags,
raised when a grid worker of the same grid collected both or both name the same place, and
lowered when both name places and no place is shared. Groups are the connected parts of the
graph of pairs scoring at least `GROUP_THRESHOLD`. The work is per room and bounded: at most
`MAX_CANDIDATES` slips, newest first (tests/bench/bench_similar_slips.py times a room at the
bound). The thresholds were chosen on one demo district (seed 2) and are measured on others
(tests/queries/test_similar_slips_demo.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.db import Database
from desktop.models import OpinionSlip, Topic
from desktop.queries.topics import OPEN_STATUSES

# Phrases that open, close or pad a slip whatever it is about (居民反映…希望尽快解决).
FILLERS = (
    "居民反映",
    "群众反映",
    "反映过",
    "反映",
    "希望",
    "建议",
    "要求",
    "请求",
    "问题",
    "情况",
    "尽快解决",
    "有关部门",
    "重视",
    "帮忙",
    "协调",
    "多次",
    "好几户",
    "意见",
    "着急",
    "大家",
    "社区",
)
# Function characters: they join any two words, so bigrams through them say nothing.
STOP_CHARS = frozenset("的了是在我们你他她它这那有和与及就都也还很太把被给让啊吗呢吧呀么个")
_WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
# A place named in the text: two characters of name before a place word (紫琅苑, 幸福路,
# 北濠新村), not a word that only starts like one (路灯, 路面, 河道, 河里); a cue only, so it
# only nudges the score. Overlapping (a lookahead group), so 雨虹桥 does not hide 虹桥二村.
_PLACE = re.compile(
    r"(?=([\u4e00-\u9fff]{2}(?:新村|[一二三四五六七八九]村|花园|花苑|家园|华庭|公寓|居住区|村民小组"
    r"|苑|幢|(?:路|街|巷|河|港|桥)(?![灯面道里口上]))))"
)
# Characters no place name of two characters holds (verbs and function words before 河, 路…).
_NOT_IN_NAMES = frozenset("往理清倒修到在上下里边人有的了是")
_NOT_PLACES = frozenset({"马路", "道路", "公路", "小路", "修路", "上街", "过河"})

GRID_BOOST = 0.15
PLACE_BOOST = 0.3
OTHER_PLACE_FACTOR = 0.2
GROUP_THRESHOLD = 0.22
# Lower for the slip being typed: a person looks at the few offered and ticks the right ones.
SIMILAR_THRESHOLD = 0.15
MAX_CANDIDATES = 500
MAX_SHOWN = 6
# A bigram found in more than this share of the room's slips links nearly everything.
COMMON_SHARE = 0.5


def cleaned(text: str) -> list[str]:
    """The runs of meaningful characters in `text`, fillers and function characters out."""
    for filler in FILLERS:
        text = text.replace(filler, " ")
    text = "".join(" " if ch in STOP_CHARS else ch for ch in text)
    return _WORD.findall(text)


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of the cleaned text (a run of one character counts as itself)."""
    grams: Counter[str] = Counter()
    for run in cleaned(text):
        if len(run) == 1:
            grams[run] += 1
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def places(text: str) -> frozenset[str]:
    """Place names the text mentions (by their last two characters of name and the place
    word), e.g. {"紫琅苑", "幸福路"}."""
    found = {m.group(1) for m in _PLACE.finditer(text)}
    return frozenset(
        p for p in found if p[-2:] not in _NOT_PLACES and not _NOT_IN_NAMES & set(p[:2])
    )


@dataclass(frozen=True)
class SlipText:
    """What similarity reads of a slip."""

    id: str
    content: str
    grid: str | None = None
    collected_on: date | None = None
    topic_id: str | None = None
    topic_title: str | None = None


@dataclass(frozen=True)
class Match:
    """A slip like the one typed, with its score (higher is more alike)."""

    slip: SlipText
    score: float


class Corpus:
    """One room's slips as weighted bigram vectors, ready to compare."""

    def __init__(self, slips: Sequence[SlipText]) -> None:
        self.slips = list(slips)
        self._grams = [bigrams(s.content) for s in self.slips]
        self._places = [places(s.content) for s in self.slips]
        df: Counter[str] = Counter()
        for grams in self._grams:
            df.update(grams.keys())
        self._count = len(self.slips)
        self._df = df
        self._vectors = [self.vector(grams) for grams in self._grams]

    def _idf(self, gram: str) -> float:
        # Smoothed so a gram unknown to the room (typed only) weighs the most, not infinitely.
        return math.log((self._count + 1) / (self._df.get(gram, 0) + 1)) + 1

    def vector(self, grams: Counter[str]) -> dict[str, float]:
        weights = {g: (1 + math.log(n)) * self._idf(g) for g, n in grams.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    def _adjusted(
        self, cosine: float, grids: tuple[str | None, str | None], named: tuple[frozenset[str], ...]
    ) -> float:
        score = cosine
        if grids[0] and grids[0] == grids[1]:
            score *= 1 + GRID_BOOST
        if named[0] and named[1]:
            score *= 1 + PLACE_BOOST if named[0] & named[1] else OTHER_PLACE_FACTOR
        return score

    def like(self, content: str, *, grid: str | None = None, limit: int = MAX_SHOWN) -> list[Match]:
        """The slips most like `content` (typed in `grid`), best first, above the threshold."""
        query = self.vector(bigrams(content))
        named = places(content)
        matches = []
        for slip, vector, slip_places in zip(self.slips, self._vectors, self._places, strict=True):
            cosine = sum(w * vector.get(g, 0.0) for g, w in query.items())
            if cosine <= 0:
                continue
            score = self._adjusted(cosine, (grid, slip.grid), (named, slip_places))
            if score >= SIMILAR_THRESHOLD:
                matches.append(Match(slip, min(score, 1.0)))
        matches.sort(key=lambda m: (-m.score, m.slip.id))
        return matches[:limit]

    def pairs(self, threshold: float = GROUP_THRESHOLD) -> Iterable[tuple[int, int, float]]:
        """Index pairs of slips scoring at least `threshold`: only pairs sharing a bigram
        are compared, through an inverted index, so the cost follows the overlaps. Bigrams
        common to most of the room's slips are left out of the index and of the score."""
        common = max(2, int(self._count * COMMON_SHARE))
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, vector in enumerate(self._vectors):
            for gram, weight in vector.items():
                if self._df[gram] <= common:
                    postings[gram].append((index, weight))
        for a, vector in enumerate(self._vectors):
            # Row by row with plain int keys: several times faster than one dict of pairs.
            dots: dict[int, float] = defaultdict(float)
            for gram, weight in vector.items():
                for b, other in postings.get(gram, ()):
                    if b > a:
                        dots[b] += weight * other
            for b, cosine in dots.items():
                score = self._adjusted(
                    cosine,
                    (self.slips[a].grid, self.slips[b].grid),
                    (self._places[a], self._places[b]),
                )
                if score >= threshold:
                    yield a, b, score

    def groups(self, threshold: float = GROUP_THRESHOLD) -> list[list[SlipText]]:
        """Slips that seem to report one problem, two or more a group, biggest first."""
        parent = list(range(self._count))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b, _ in self.pairs(threshold):
            parent[root(a)] = root(b)
        members: dict[int, list[int]] = defaultdict(list)
        for index in range(self._count):
            members[root(index)].append(index)
        found = [[self.slips[i] for i in group] for group in members.values() if len(group) > 1]
        found.sort(key=lambda g: (-len(g), min(s.id for s in g)))
        return found


def _rows(db: Database, room_id: str, *, open_only: bool) -> list[SlipText]:
    statement = (
        select(
            OpinionSlip.id,
            OpinionSlip.content,
            OpinionSlip.grid,
            OpinionSlip.collected_on,
            OpinionSlip.topic_id,
            Topic.title,
        )
        .outerjoin(Topic, (Topic.id == OpinionSlip.topic_id) & Topic.deleted.is_(False))
        .where(OpinionSlip.room_id == room_id, OpinionSlip.deleted.is_(False))
        .order_by(OpinionSlip.collected_on.desc(), OpinionSlip.id)
        .limit(MAX_CANDIDATES)
    )
    if open_only:
        statement = statement.where(OpinionSlip.topic_id.is_(None))
    else:
        # Slips still open, or in a topic slips may still join (one not yet consulted on).
        statement = statement.where(
            OpinionSlip.topic_id.is_(None) | Topic.status.in_(OPEN_STATUSES)
        )
    with db.session() as session:
        return [SlipText(*row) for row in session.execute(statement)]


def similar_slips(
    db: Database,
    room_id: str,
    content: str,
    *,
    grid: str | None = None,
    limit: int = MAX_SHOWN,
) -> list[Match]:
    """The room's slips like the one being typed: open ones, and those in a topic not yet
    consulted on (the new slip can join it)."""
    if not bigrams(content):
        return []
    return Corpus(_rows(db, room_id, open_only=False)).like(content, grid=grid, limit=limit)


def suggested_groups(db: Database, room_id: str) -> list[list[SlipText]]:
    """The room's open slips in groups that seem to report one problem each."""
    return Corpus(_rows(db, room_id, open_only=True)).groups()
