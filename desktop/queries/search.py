"""搜索: one query over every searchable record's text and people's names in pinyin, grouped
by kind, newest first (the index and what it holds: desktop.search_index).

A query's words must all appear. Words of three or more characters are looked up in the
trigram index; shorter ones in the two-character index (a one-character word as a prefix of
its tokens). On PostgreSQL every word is an ILIKE substring, found through an index of each
text's characters and two-character substrings (`_server_search`); the results are the same.
A query of Latin letters also matches names by pinyin: initials ("zs"), full ("zhangsan") or
both mixed ("zhsan") find 张三, from any syllable on ("san" too).

A room sees its own records and the district's roster; the district sees every room's.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from desktop import search_index
from desktop.db import Database
from desktop.models.enums import NodeRole
from desktop.search_index import KIND_BY_KEY, KINDS, PEOPLE, Kind

# The page each kind's result opens (the record named by its `opens_id`).
PAGES: dict[str, str] = {
    "slip": "opinions",
    "topic": "topics",
    "meeting": "meetings",
    "speech": "meetings",
    "consensus": "meetings",
    "outcome": "outcomes",
    "progress": "outcomes",
    "activity": "activities",
    "case": "activities",
    "member": "people",
    "participant": "people",
}
PER_KIND = 8
# Counts stop here ("1000+"): counting every match of one common character costs more than
# the number tells.
COUNT_CAP = 1000
_SNIPPET = 40
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Hit:
    """One record found: what the list shows and what opening it opens."""

    kind: str
    record_id: str
    page: str
    opens_id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class Group:
    """The hits of one kind, newest first; `count` stops at COUNT_CAP (`more` then)."""

    kind: str
    count: int
    more: bool
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class Scope:
    """Whose records a search sees: a room's own (and the roster), or all (None)."""

    room_id: str | None


def scope_of(db: Database) -> Scope:
    installation = db.installation()
    if installation is not None and installation.role is NodeRole.ROOM:
        return Scope(installation.room_id)
    return Scope(None)


def search(
    db: Database, text: str, *, scope: Scope | None = None, per_kind: int = PER_KIND
) -> list[Group]:
    """The groups with at least one hit, in the kinds' order; [] for an empty query."""
    words = [w.lower() for w in _WORDS.findall(text)]
    if not words:
        return []
    scope = scope if scope is not None else scope_of(db)
    _drain_queue(db)
    names = _pinyin_names(db, words[0]) if len(words) == 1 and _is_pinyin(words[0]) else []
    groups = []
    with db.engine.connect() as connection:
        if search_index.on_server(connection):
            return _server_search(connection, words, scope, per_kind, names)
        for kind in KINDS:
            group = _search_kind(connection, kind, words, scope, per_kind, names)
            if group is not None:
                groups.append(group)
    return groups


def _drain_queue(db: Database) -> None:
    """Records written outside a session (by hand, a tool) are queued but not yet indexed."""
    with db.engine.connect() as connection:
        due = connection.exec_driver_sql("SELECT 1 FROM search_queue LIMIT 1").first()
    if due is not None:
        try:
            with db.engine.begin() as connection:
                search_index.drain(connection)
        except DBAPIError:  # another writer holds the database: its commit drains the queue
            pass


def _is_pinyin(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _match(words: list[str]) -> tuple[str, str, list[str]]:
    """(FTS table, MATCH expression, words checked on the text itself) for the words.

    All long: trigram. Any short one: the two-character index, a long word there being its
    tokens in any order, so the text itself confirms it.
    """
    if all(len(w) >= 3 for w in words):
        return "search_fts", " AND ".join(_quoted(w) for w in words), []
    terms = []
    for word in words:
        if len(word) == 1:
            terms.append(_quoted(word) + "*")
        else:
            terms.extend(_quoted(word[i : i + 2]) for i in range(len(word) - 1))
    return "search_grams", " AND ".join(terms), [w for w in words if len(w) >= 3]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _search_kind(
    connection: Connection,
    kind: Kind,
    words: list[str],
    scope: Scope,
    per_kind: int,
    names: list[str],
) -> Group | None:
    table, match, confirm = _match(words)
    where = [f"f.{table} MATCH :match", "f.rowid BETWEEN :low AND :high"]
    params: dict[str, object] = {"match": match, "low": kind.low, "high": kind.high}
    for index, word in enumerate(confirm):
        where.append(f"instr(lower(t.body), :w{index}) > 0")
        params[f"w{index}"] = word
    if scope.room_id is not None:
        where.append("(t.room_id = :room OR t.room_id IS NULL)")
        params["room"] = scope.room_id
    found = f"FROM {table} f JOIN search_text t ON t.id = f.rowid WHERE {' AND '.join(where)}"
    if kind.key in PEOPLE and names:
        # Text hits and pinyin hits of the same people, as one list.
        room = " AND (room_id = :room OR room_id IS NULL)" if scope.room_id is not None else ""
        placeholders = ", ".join(f":n{i}" for i in range(len(names)))
        params.update({f"n{i}": name for i, name in enumerate(names)})
        found = (
            "FROM search_text t WHERE t.id IN ("
            f"SELECT t.id {found} UNION SELECT id FROM search_text WHERE name IN ({placeholders})"
            f" AND id BETWEEN :low AND :high{room})"
        )
    order = "t.id" if kind.key in PEOPLE and names else "f.rowid"
    counted = found
    if found.startswith(f"FROM {table} f JOIN") and scope.room_id is None and not confirm:
        # The index alone counts: no row of the text is read.
        counted = f"FROM {table} f WHERE f.{table} MATCH :match AND f.rowid BETWEEN :low AND :high"
    return _group(connection, kind, words, per_kind, (found, order, counted), params)


def _server_search(
    connection: Connection, words: list[str], scope: Scope, per_kind: int, names: list[str]
) -> list[Group]:
    """PostgreSQL: every word an ILIKE substring of the text, found in two statements.

    First every kind's matches are counted (up to COUNT_CAP + 1), then the newest of each
    kind found are read. A kind's matches are either read through the grams index
    (search_index.SERVER_GRAMS_INDEX), every one of them, or met by walking the kind's rows
    newest first, which is sooner when they are many: for the newest, the count says which;
    for the count, the index's statistics (`_Statistics.walked`). Left to itself the planner
    guesses from the same statistics for both, and misses either way on words it has no
    figure for: walking the whole kind, or reading every match to keep 8 (seconds each on a
    10-year district).
    """
    statistics = _statistics(connection)
    params: dict[str, object] = {}
    for index, word in enumerate(words):
        params[f"w{index}"] = "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"
    grams = list(dict.fromkeys(gram for word in words for gram in search_index.word_grams(word)))
    params.update({f"g{index}": gram for index, gram in enumerate(grams)})
    if names:
        params["names"] = names
    room = ""
    if scope.room_id is not None:
        room = " AND (t.room_id = :room OR t.room_id IS NULL)"
        params["room"] = scope.room_id

    def matches(kind: Kind, *, walk: bool, columns: str) -> str:
        """FROM … the kind's matches, walked or read through the grams index. Read, the
        grams name the kind and no other condition is one an index answers (OFFSET 0 keeps
        the newest-first order out of it too): the planner can but use the grams index."""
        kind_rows = f"t.id BETWEEN {kind.low} AND {kind.high}"
        ilike = [f"t.body ILIKE :w{index}" for index in range(len(words))]
        if walk:
            found = " AND ".join(ilike)
        else:
            # The kind's grams of the words, lowered as ILIKE lowers both sides.
            wanted = ", ".join(f"'{kind.key}:' || lower(:g{index})" for index in range(len(grams)))
            found = f"{search_index.SERVER_GRAMS} @> ARRAY[{wanted}]"
            for index, word in enumerate(words):
                if len(word) <= 2:
                    # Holding the lowered word as a gram is holding it as a substring, which
                    # is what ILIKE asks, unless lowering changed its length: the condition
                    # is then constant true (and dropped by the planner) or ILIKE.
                    gram = grams.index(word)
                    ilike[index] = f"(length(lower(:g{gram})) = {len(word)} OR {ilike[index]})"
            found = " AND ".join([found, *ilike])
        if kind.key in PEOPLE and names:
            found = f"(({found}) OR (t.name = ANY(:names) AND {kind_rows}))"
        if walk:
            return f"search_text t WHERE {kind_rows} AND {found}{room}"
        return f"(SELECT {columns} FROM search_text t WHERE {found}{room} OFFSET 0) AS t"

    walked = statistics.walked(grams)
    counted = " UNION ALL ".join(
        f"(SELECT {kind.number}, count(*) FROM (SELECT 1 FROM"
        f" {matches(kind, walk=kind.key in walked, columns='t.id')}"
        f" LIMIT {COUNT_CAP + 1}) AS c)"
        for kind in KINDS
    )
    counts = {
        int(number): int(count)
        for number, count in connection.execute(text(counted), params)
        if count
    }
    if not counts:
        return []
    columns = "t.id, t.record_id, t.opens_id, t.title, t.body"
    # Up to COUNT_CAP matches are read through the index and sorted; more are walked, which
    # passes about per_kind · rows / matches rows when they are evenly spread. Fewer are not
    # walked: a word of the early years only would be walked to past all the later rows.
    newest = " UNION ALL ".join(
        f"(SELECT {kind.number} AS kind, {columns} FROM"
        f" {matches(kind, walk=counts[kind.number] > COUNT_CAP, columns=columns)}"
        f" ORDER BY t.id DESC LIMIT {per_kind})"
        for kind in KINDS
        if kind.number in counts
    )
    found: dict[int, list[Any]] = {}
    for row in sorted(connection.execute(text(newest), params), key=lambda r: (r[0], -r[1])):
        found.setdefault(int(row[0]), []).append(row[2:])
    return [
        Group(
            kind.key,
            min(counts[kind.number], COUNT_CAP),
            counts[kind.number] > COUNT_CAP,
            _hits(kind, found[kind.number], words),
        )
        for kind in KINDS
        if kind.number in found
    ]


# Reading one entry of the grams index costs about a fifth of walking past one row (measured
# on the 10-year district).
_INDEX_ENTRY_COST = 0.2


@dataclass(frozen=True)
class _Statistics:
    """The server's figures for search_text as of its last ANALYZE: rows of each kind, and
    of each of the grams common enough for the statistics to name."""

    analyzed: object
    rows: dict[str, float]

    def walked(self, grams: list[str]) -> set[str]:
        """The kinds whose matches are counted by walking their rows: those where the one
        gram of the query is so common that the index would read more entries than the walk
        passes rows. A query of several grams is never walked: their rows are fewer than
        any one's, by how much no figure says, and a walk past a rare one reads the kind."""
        if len(grams) != 1:
            return set()
        walked = set()
        for kind in KINDS:
            matches = self.rows.get(f"{kind.key}:{grams[0]}", 0.0)
            walk = (COUNT_CAP + 1) * self.rows.get(kind.key, math.inf) / max(matches, 1.0)
            if matches * _INDEX_ENTRY_COST > walk:
                walked.add(kind.key)
        return walked


# The statistics last read, per database (its URL); read again after the next ANALYZE.
_STATISTICS: dict[str, _Statistics] = {}


def _statistics(connection: Connection) -> _Statistics:
    """Set this transaction's planner options and return the statistics."""
    # Custom plans only (psycopg prepares a statement run often, and a generic plan knows
    # neither the words nor the kind); no sequential scan (every statement has an index that
    # answers it); no parallel workers and no JIT compiling (starting them costs more than the
    # statements: 70 ms for JIT).
    analyzed = connection.exec_driver_sql(
        "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
        " set_config('enable_seqscan', 'off', true),"
        " set_config('max_parallel_workers_per_gather', '0', true),"
        " set_config('jit', 'off', true),"
        " (SELECT greatest(last_analyze, last_autoanalyze)::text FROM pg_stat_user_tables"
        "  WHERE relid = 'search_text'::regclass)"
    ).one()[4]
    key = str(connection.engine.url)
    known = _STATISTICS.get(key)
    if known is not None and known.analyzed == analyzed:
        return known
    found = connection.exec_driver_sql(
        "SELECT e.name, e.share * c.reltuples FROM pg_class c, pg_stats s,"
        " unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(name, share)"
        " WHERE c.oid = 'search_text'::regclass AND s.schemaname = current_schema()"
        f" AND s.tablename = '{search_index.SERVER_GRAMS_INDEX}' AND e.name IS NOT NULL"
        " UNION ALL SELECT k.name, k.share * c.reltuples FROM pg_class c, pg_stats s,"
        " unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS k(name, share)"
        " WHERE c.oid = 'search_text'::regclass AND s.schemaname = current_schema()"
        " AND s.tablename = 'search_text' AND s.attname = 'kind'"
    ).all()
    statistics = _Statistics(analyzed, {str(name): float(rows) for name, rows in found})
    _STATISTICS[key] = statistics
    return statistics


def _group(
    connection: Connection,
    kind: Kind,
    words: list[str],
    per_kind: int,
    query: tuple[str, str, str],
    params: dict[str, object],
) -> Group | None:
    """The kind's group: the newest `per_kind` rows `FROM …` (the first of `query`) finds
    by the order (its second), and how many there are (counted by its third)."""
    found, order, counted = query
    rows = connection.execute(
        text(
            f"SELECT t.record_id, t.opens_id, t.title, t.body {found} ORDER BY {order} DESC"
            f" LIMIT {per_kind}"
        ),
        params,
    ).all()
    if not rows:
        return None
    if len(rows) < per_kind:
        count = len(rows)
    else:
        count = int(
            connection.execute(
                text(f"SELECT count(*) FROM (SELECT 1 {counted} LIMIT {COUNT_CAP + 1}) AS c"),
                params,
            ).scalar()
            or 0
        )
    return Group(kind.key, min(count, COUNT_CAP), count > COUNT_CAP, _hits(kind, rows, words))


def _hits(kind: Kind, rows: Sequence[Sequence[Any]], words: list[str]) -> tuple[Hit, ...]:
    """The hits of (record_id, opens_id, title, body) rows of one kind."""
    return tuple(
        Hit(
            kind=kind.key,
            record_id=str(record_id),
            page=PAGES[kind.key],
            opens_id=str(opens_id),
            title=_title(title, body),
            # A title taken from the text's first line is not repeated in the snippet.
            snippet=snippet(body if title else body.partition("\n")[2] or body, words),
        )
        for record_id, opens_id, title, body in rows
    )


def _title(title: str | None, body: str) -> str:
    line = title or body.split("\n", 1)[0]
    return line if len(line) <= _SNIPPET else line[: _SNIPPET - 1] + "…"


def snippet(body: str, words: list[str]) -> str:
    """The text around the first word found, on one line, about _SNIPPET characters."""
    flat = " · ".join(part for part in body.split("\n") if part)
    lowered = flat.lower()
    at = min((i for i in (lowered.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - _SNIPPET // 3)
    end = start + _SNIPPET
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


@dataclass(frozen=True)
class _Readings:
    """Every name's readings as one text, a line each, and where each line starts."""

    names: tuple[str, ...]
    text: str
    starts: tuple[int, ...]


# The readings last read, per database (its URL) and the pinyin table's row count: the table only
# grows between rebuilds, so its count tells whether the copy is current.
_READINGS: dict[tuple[str, int], _Readings] = {}


# Per database (its URL), the newest people's row its names were last found all read at: a
# person written since (an import, a new resident, a renamed one) is given a newer row.
_NAMES_READ_AT: dict[str, int | None] = {}


def _readings(db: Database) -> _Readings:
    people = f"id BETWEEN {KIND_BY_KEY['member'].low} AND {KIND_BY_KEY['participant'].high}"
    url = str(db.engine.url)
    with db.engine.connect() as connection:
        sql = f"SELECT max(id) FROM search_text WHERE {people}"
        newest_person = connection.exec_driver_sql(sql).scalar()
        missing = None
        if url not in _NAMES_READ_AT or _NAMES_READ_AT[url] != newest_person:
            # Every person's name against the readings: 20 ms on the 10-year district's
            # server, more before a vacuum; once per change of the people, not per search.
            missing = connection.exec_driver_sql(
                "SELECT 1 FROM search_text t WHERE t.name IS NOT NULL AND NOT EXISTS"
                " (SELECT 1 FROM search_pinyin p WHERE p.name = t.name) LIMIT 1"
            ).first()
    if missing is None:
        _NAMES_READ_AT[url] = newest_person
    else:  # people written since
        try:
            with db.engine.begin() as connection:
                search_index.fill_pinyin(connection)
        except DBAPIError:  # another writer holds the database: found by the next search
            pass
    with db.engine.connect() as connection:
        count = int(connection.exec_driver_sql("SELECT count(*) FROM search_pinyin").scalar() or 0)
        key = (str(db.engine.url), count)
        if key not in _READINGS:
            table = connection.exec_driver_sql("SELECT name, readings FROM search_pinyin").all()
            _READINGS.clear()
            _READINGS[key] = _Readings(
                names=tuple(str(name) for name, _r in table),
                text="".join(f"{readings}\n" for _n, readings in table),
                starts=tuple(itertools.accumulate((len(r) + 1 for _n, r in table), initial=0)),
            )
    return _READINGS[key]


def _pinyin_names(db: Database, word: str) -> list[str]:
    """People's names whose pinyin the word spells (see the module doc).

    One pass of the pattern over every name's readings, a line each: it cannot cross a line
    since it only consumes letters, digits and |.
    """
    readings = _readings(db)
    pattern = re.compile(
        r"\|" + re.escape(word[0]) + "".join(r"(?:[a-z0-9]*\|)?" + re.escape(c) for c in word[1:])
    )
    lines = {
        bisect.bisect_right(readings.starts, m.start()) - 1 for m in pattern.finditer(readings.text)
    }
    return [readings.names[line] for line in sorted(lines)]


def kind_of(key: str) -> Kind:
    return KIND_BY_KEY[key]
