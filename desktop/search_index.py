"""The search index (搜索): one row of text per searchable record, kept in step by SQLite
triggers on the records' own tables, so every writer (the ORM, the sync importer's bulk
inserts, demo data, a repair by hand) keeps it right without knowing it exists.

- search_text: kind, record, the record a result opens, room, name (people) and the text.
  Each kind owns a range of row ids (KIND_SPAN apart), so "this kind only" is a rowid range
  FTS5 answers from its index, and newest first is descending rowid.
- search_fts: FTS5 `trigram` over search_text's text: any substring of 3+ characters.
- search_grams: FTS5 (unicode61) over the text cut into overlapping two-character tokens
  ("协商议事" → "协商 商议 议事 事"), cut in the trigger with search_numbers (and read back
  through the view search_grams_text): a two-character query is one token, a one-character
  one a prefix (prefix index '1').
  Trigram cannot answer these, and a scan of the text takes 200 ms at district scale.
- search_queue: the records whose rows are due (kind, record): the triggers on the records'
  tables only queue them, and `drain`, run by every session before it commits, re-indexes
  them in one statement per kind. FTS5 writes its pending terms to disk at every statement
  of a transaction that touches it, so indexing in the record's own trigger made a bulk
  write (demo data, a large import) one disk flush per row: 315 rooms' demo took hours.
- search_pinyin: a person's name and its pinyin readings ("|zhang|san|"); pinyin cannot be
  computed in a trigger, so desktop.queries.search adds the names it lacks when it searches
  (after an import too), and a repair refills it.

Local to this installation: none of these tables travel (they are not models, so neither the
sync nor the schema comparison sees them: `is_index_table`). A deleted record (deleted = 1),
or one under a deleted topic, meeting, agenda item or outcome, leaves the index.

A later revision that rebuilds one of the watched tables (batch mode copies and drops it)
drops its triggers with it: it calls `install` again, and `yishi check` reports triggers that
are missing.

On PostgreSQL (a district's server, issue 20; revision 0018) the same search_text,
search_pinyin and search_queue, filled by the same statements: plpgsql triggers queue as
SQLite's do, every session drains before it commits (one at a time: an advisory lock), and
queries read search_text with ILIKE through a GIN index of its grams (revision 0020, below)
instead of FTS5. The `on_server` branches are in install, drain, rebuild and out_of_step only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

KIND_SPAN = 1 << 40
# Longest text the two-character index covers (the trigram index takes any length).
MAX_GRAM_TEXT = 10_000

TABLES = (
    "search_text",
    "search_fts",
    "search_grams",
    "search_numbers",
    "search_pinyin",
    "search_queue",
)


def is_index_table(name: str) -> bool:
    """Whether a table is the search index's (or one of FTS5's shadow tables of it)."""
    return name.startswith(("search_text", "search_fts", "search_grams")) or name in TABLES


def not_index_table(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's `include_name`: the index's tables are made by hand, not models."""
    return not (type_ == "table" and name is not None and is_index_table(name))


@dataclass(frozen=True)
class Watch:
    """A table whose changes change a kind's rows: `key` is its id in the kind's FROM."""

    table: str
    columns: tuple[str, ...]
    key: str


@dataclass(frozen=True)
class Kind:
    """One kind of searchable record: where its rows come from and what is indexed."""

    key: str
    number: int
    source: str  # FROM … (the record is `x`)
    live: str  # the record and what it hangs under are not deleted
    opens: str  # the record a result opens
    room: str
    name: str
    title: str
    body: tuple[str, ...]
    watches: tuple[Watch, ...]

    @property
    def low(self) -> int:
        return self.number * KIND_SPAN

    @property
    def high(self) -> int:
        return (self.number + 1) * KIND_SPAN - 1

    @property
    def text(self) -> str:
        # A newline in the literal itself: SQLite spells the function char(), PostgreSQL chr().
        return " || '\n' || ".join(f"coalesce({part}, '')" for part in self.body)

    def select(self, where: str, written: str = "x.rowid") -> str:
        """The kind's live rows matching `where`, numbered after the kind's last row in the
        order they were written, `written` (newest first is descending id): SQLite's rowid,
        PostgreSQL's ctid (`_written`)."""
        base = (
            f"(SELECT coalesce(max(id), {self.low}) FROM search_text"
            f" WHERE id BETWEEN {self.low} AND {self.high})"
        )
        return (
            f"SELECT {base} + row_number() OVER (ORDER BY {written}), '{self.key}', x.id,"
            f" {self.opens}, {self.room}, {self.name}, {self.title}, {self.text}"
            f" FROM {self.source} WHERE {self.live} AND ({where})"
        )

    def expected(self) -> str:
        """What the index should hold for this kind (compared by `out_of_step`)."""
        return (
            f"SELECT x.id AS record_id, {self.opens} AS opens_id, {self.room}, {self.name},"
            f" {self.text}"
            f" FROM {self.source} WHERE {self.live}"
        )

    def held(self) -> str:
        return (
            "SELECT record_id, opens_id, room_id, name, body FROM search_text"
            f" WHERE id BETWEEN {self.low} AND {self.high}"
        )


def _own(table: str, *columns: str) -> Watch:
    return Watch(table, (*columns, "deleted"), "x.id")


_COLUMNS = "id, kind, record_id, opens_id, room_id, name, title, body"

KINDS: tuple[Kind, ...] = (
    Kind(
        "slip",
        1,
        "opinion_slip x LEFT JOIN topic t ON t.id = x.topic_id",
        "NOT x.deleted AND NOT coalesce(t.deleted, FALSE)",
        "x.id",
        "x.room_id",
        "NULL",
        "NULL",
        ("x.content", "x.grid", "x.reporter_name"),
        (
            _own("opinion_slip", "content", "grid", "reporter_name", "topic_id", "room_id"),
            Watch("topic", ("deleted",), "t.id"),
        ),
    ),
    Kind(
        "topic",
        2,
        "topic x",
        "NOT x.deleted",
        "x.id",
        "x.room_id",
        "NULL",
        "NULL",
        ("x.title", "x.description", "x.decline_reason"),
        (_own("topic", "title", "description", "decline_reason", "room_id"),),
    ),
    Kind(
        "meeting",
        3,
        "meeting x",
        "NOT x.deleted",
        "x.id",
        "x.room_id",
        "NULL",
        "NULL",
        ("x.title", "x.place", "x.host_name", "x.recorder_name"),
        (_own("meeting", "title", "place", "host_name", "recorder_name", "room_id"),),
    ),
    Kind(
        "speech",
        4,
        "speech x JOIN agenda_item a ON a.id = x.agenda_item_id"
        " JOIN meeting m ON m.id = a.meeting_id",
        "NOT x.deleted AND NOT a.deleted AND NOT m.deleted",
        "m.id",
        "m.room_id",
        "NULL",
        "x.speaker_name || '：' || m.title",
        ("x.speaker_name", "x.summary"),
        (
            _own("speech", "speaker_name", "summary", "agenda_item_id"),
            Watch("agenda_item", ("deleted",), "a.id"),
            Watch("meeting", ("deleted", "title", "room_id"), "m.id"),
        ),
    ),
    Kind(
        "consensus",
        5,
        "agenda_item x JOIN meeting m ON m.id = x.meeting_id",
        "NOT x.deleted AND NOT m.deleted AND x.consensus_text <> ''",
        "m.id",
        "m.room_id",
        "NULL",
        "m.title",
        ("x.consensus_text",),
        (
            _own("agenda_item", "consensus_text", "meeting_id"),
            Watch("meeting", ("deleted", "title", "room_id"), "m.id"),
        ),
    ),
    Kind(
        "outcome",
        6,
        "outcome x",
        "NOT x.deleted",
        "x.id",
        "x.room_id",
        "NULL",
        "NULL",
        (
            "x.content",
            "x.responsible_unit",
            "x.responsible_person",
            "x.feedback",
            "x.not_possible_reason",
        ),
        (
            _own(
                "outcome",
                "content",
                "responsible_unit",
                "responsible_person",
                "feedback",
                "not_possible_reason",
                "room_id",
            ),
        ),
    ),
    Kind(
        "progress",
        7,
        "progress_note x JOIN outcome o ON o.id = x.outcome_id",
        "NOT x.deleted AND NOT o.deleted",
        "o.id",
        "o.room_id",
        "NULL",
        "substr(o.content, 1, 60)",
        ("x.author_name", "x.text"),
        (
            _own("progress_note", "author_name", "text", "outcome_id"),
            Watch("outcome", ("deleted", "content", "room_id"), "o.id"),
        ),
    ),
    Kind(
        "activity",
        8,
        "activity x",
        "NOT x.deleted",
        "x.id",
        "x.room_id",
        "NULL",
        "NULL",
        ("x.title", "x.place", "x.others_present", "x.summary"),
        (_own("activity", "title", "place", "others_present", "summary", "room_id"),),
    ),
    Kind(
        "case",
        9,
        "mediation_case x",
        "NOT x.deleted",
        "x.id",
        "x.room_id",
        "NULL",
        "NULL",
        ("x.subject", "x.parties", "x.result"),
        (_own("mediation_case", "subject", "parties", "result", "room_id"),),
    ),
    Kind(
        "member",
        10,
        "member x",
        "NOT x.deleted",
        "x.id",
        "NULL",
        "x.name",
        "NULL",
        ("x.name", "x.sector", "x.workplace", "x.post"),
        (_own("member", "name", "sector", "workplace", "post"),),
    ),
    Kind(
        "participant",
        11,
        "participant x",
        "NOT x.deleted",
        "x.id",
        "x.room_id",
        "x.name",
        "NULL",
        ("x.name", "x.unit", "x.position"),
        (_own("participant", "name", "unit", "position", "room_id"),),
    ),
)

KIND_BY_KEY = {kind.key: kind for kind in KINDS}
PEOPLE = ("member", "participant")


def _grams(row: str) -> str:
    """SQL cutting `row`.body into space-separated overlapping two-character tokens."""
    return (
        f"(SELECT group_concat(substr({row}.body, n, 2), ' ') FROM search_numbers"
        f" WHERE n <= length({row}.body))"
    )


_TABLES_SQL = (
    "CREATE TABLE IF NOT EXISTS search_text (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
    " record_id TEXT NOT NULL, opens_id TEXT NOT NULL, room_id TEXT, name TEXT,"
    " title TEXT, body TEXT NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS search_text_record ON search_text (record_id, kind)",
    "CREATE INDEX IF NOT EXISTS search_text_name ON search_text (name) WHERE name IS NOT NULL",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, content='search_text',"
    " content_rowid='id', tokenize='trigram')",
    # Its text is read back (a dump, a rebuild) through a view cutting search_text's: a
    # contentless table cannot be scanned, and Python's iterdump scans every table.
    "CREATE VIEW IF NOT EXISTS search_grams_text AS SELECT t.id AS id,"
    f" {_grams('t')} AS grams FROM search_text t",
    # One token a query: no positions (detail=none) and no lengths (columnsize=0) needed.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_grams USING fts5(grams,"
    " content='search_grams_text', content_rowid='id', tokenize='unicode61', prefix='1',"
    " detail=none, columnsize=0)",
    "CREATE TABLE IF NOT EXISTS search_numbers (n INTEGER PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS search_pinyin (name TEXT PRIMARY KEY, readings TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_queue (kind TEXT NOT NULL, record_id TEXT NOT NULL,"
    " PRIMARY KEY (kind, record_id)) WITHOUT ROWID",
)

_TEXT_TRIGGERS = {
    "search_text_insert": (
        "AFTER INSERT ON search_text BEGIN"
        " INSERT INTO search_fts (rowid, body) VALUES (NEW.id, NEW.body);"
        f" INSERT INTO search_grams (rowid, grams) VALUES (NEW.id, {_grams('NEW')}); END"
    ),
    "search_text_delete": (
        "AFTER DELETE ON search_text BEGIN"
        " INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);"
        " INSERT INTO search_grams (search_grams, rowid, grams)"
        f" VALUES ('delete', OLD.id, {_grams('OLD')}); END"
    ),
    "search_text_update": (
        "AFTER UPDATE ON search_text BEGIN"
        " INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', OLD.id, OLD.body);"
        " INSERT INTO search_grams (search_grams, rowid, grams)"
        f" VALUES ('delete', OLD.id, {_grams('OLD')});"
        " INSERT INTO search_fts (rowid, body) VALUES (NEW.id, NEW.body);"
        f" INSERT INTO search_grams (rowid, grams) VALUES (NEW.id, {_grams('NEW')}); END"
    ),
}


def _record_triggers() -> Iterator[tuple[str, str]]:
    """(name, body) of each trigger queueing a kind's records when a watched table changes."""
    for kind in KINDS:
        for watch in kind.watches:
            for how, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
                if watch.key == "x.id":
                    records = f"VALUES ('{kind.key}', {row}.id)"
                else:
                    records = (
                        f"SELECT '{kind.key}', x.id FROM {kind.source} WHERE {watch.key} = {row}.id"
                    )
                when = f"UPDATE OF {', '.join(watch.columns)}" if how == "update" else how.upper()
                name = f"search_{kind.key}_{watch.table}_{how}"
                body = f"INSERT OR IGNORE INTO search_queue (kind, record_id) {records};"
                yield name, f"AFTER {when} ON {watch.table} BEGIN {body} END"


def triggers() -> dict[str, str]:
    """Every trigger of the index by name: CREATE TRIGGER <name> <body>."""
    return {**_TEXT_TRIGGERS, **dict(_record_triggers())}


def install(connection: Connection) -> None:
    """Create the tables if missing and (re)create every trigger; rows are left as they are."""
    if on_server(connection):
        _install_server(connection)
        return
    for statement in _TABLES_SQL:
        connection.exec_driver_sql(statement)
    if connection.exec_driver_sql("SELECT count(*) FROM search_numbers").scalar() != MAX_GRAM_TEXT:
        connection.exec_driver_sql("DELETE FROM search_numbers")
        connection.exec_driver_sql(
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c"
            f" WHERE n < {MAX_GRAM_TEXT}) INSERT INTO search_numbers (n) SELECT n FROM c"
        )
    for name, body in triggers().items():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")


def drain(connection: Connection) -> int:
    """Re-index the queued records (gone or dead ones leave the index); how many were queued.
    A database not yet at the index's revision has no queue: nothing to do."""
    server = on_server(connection)
    if server:
        # A failed statement would abort the server's transaction: ask before reading.
        if connection.exec_driver_sql("SELECT to_regclass('search_queue')").scalar() is None:
            return 0
        queued = connection.exec_driver_sql("SELECT count(*) FROM search_queue").scalar()
        if not queued:
            return 0
        # Rows are numbered after the kind's highest id: two workstations draining at once
        # would number theirs alike. One after the other, each statement of the second sees
        # what the first committed (read committed).
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_DRAIN_LOCK})")
    else:
        try:
            queued = connection.exec_driver_sql("SELECT count(*) FROM search_queue").scalar()
        except DBAPIError as exc:
            if "no such table" in str(exc.orig):
                return 0
            raise
        if not queued:
            return 0
    for (key,) in connection.exec_driver_sql("SELECT DISTINCT kind FROM search_queue").all():
        for statement in reindex_queued(KIND_BY_KEY[str(key)], _written(server)):
            connection.exec_driver_sql(statement)
    connection.exec_driver_sql("DELETE FROM search_queue")
    return int(queued)


def reindex_queued(kind: Kind, written: str = "x.rowid") -> tuple[str, str]:
    """The statements `drain` re-indexes a kind's queued records with (the queue is emptied
    after every kind is done)."""
    due = f"SELECT record_id FROM search_queue WHERE kind = '{kind.key}'"
    return (
        f"DELETE FROM search_text WHERE kind = '{kind.key}' AND record_id IN ({due})",
        f"INSERT INTO search_text ({_COLUMNS}) {kind.select(f'x.id IN ({due})', written)}",
    )


def drain_before_commit(session_class: type[Session]) -> None:
    """Make every session of `session_class` bring the index in step as it commits."""

    def _drain(session: Session) -> None:
        session.flush()  # commit flushes after this hook: the last changes must be queued
        drain(session.connection())

    event.listen(session_class, "before_commit", _drain)


def rebuild(connection: Connection) -> int:
    """Empty the index and fill it from the records; the number of rows indexed."""
    if on_server(connection):
        return _rebuild_server(connection)
    install(connection)
    # Filled with the text's own triggers off, the two FTS indexes then built each in one
    # pass ('rebuild' reads search_text and the view): faster than row by row.
    for name in _TEXT_TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    connection.exec_driver_sql("DELETE FROM search_text")
    connection.exec_driver_sql("DELETE FROM search_queue")
    for kind in KINDS:
        connection.exec_driver_sql(f"INSERT INTO search_text ({_COLUMNS}) {kind.select('1')}")
    connection.exec_driver_sql("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
    connection.exec_driver_sql("INSERT INTO search_grams (search_grams) VALUES ('rebuild')")
    for name, body in _TEXT_TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
    connection.exec_driver_sql("DELETE FROM search_pinyin")
    fill_pinyin(connection)
    return int(connection.exec_driver_sql("SELECT count(*) FROM search_text").scalar() or 0)


def readings(name: str) -> str:
    """The pinyin readings of a name, each "|syllable|syllable|", separated by spaces:
    张三 → "|zhang|san|". The usual reading of each character, and for the first (the
    surname: 曾 zeng, 单 shan) its other readings too. Letters and digits stay themselves."""
    from pypinyin import Style, lazy_pinyin, pinyin

    each = cast(Callable[[str], str], list)  # letters one by one (pypinyin takes a list)
    usual = [s.lower() for s in lazy_pinyin(name, errors=each)]
    usual = [s for s in usual if s.isalnum()]
    if not usual:
        return ""
    first = pinyin(name[:1], style=Style.NORMAL, heteronym=True, errors=each)
    surnames = dict.fromkeys([usual[0], *(s.lower() for s in first[0] if s.isalnum())])
    rest = "|".join(usual[1:])
    return " ".join(f"|{s}|{rest}|" if rest else f"|{s}|" for s in surnames)


def fill_pinyin(connection: Connection) -> int:
    """Add the readings of people's names the pinyin table lacks; how many were added."""
    missing = [
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT DISTINCT t.name FROM search_text t WHERE t.name IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM search_pinyin p WHERE p.name = t.name)"
        )
    ]
    if missing:
        connection.execute(
            text("INSERT INTO search_pinyin (name, readings) VALUES (:name, :readings)"),
            [{"name": name, "readings": readings(name)} for name in missing],
        )
    return len(missing)


def out_of_step(connection: Connection) -> list[str]:
    """What is wrong with the index, in Chinese (empty when it matches the records)."""
    if on_server(connection):
        return _server_out_of_step(connection)
    present = {
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        )
    }
    tables = {
        str(row[0])
        for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not {"search_text", "search_fts", "search_grams", "search_pinyin", "search_queue"} <= tables:
        return ["搜索索引不存在"]
    problems = _missing_triggers(set(triggers()), present)
    problems += _kinds_out_of_step(connection)
    try:
        connection.exec_driver_sql("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
    except DBAPIError as exc:
        problems.append(f"搜索全文索引已损坏：{exc.orig}")
    return problems


def _missing_triggers(expected: set[str], present: set[str]) -> list[str]:
    missing = sorted(expected - present)
    if not missing:
        return []
    return [f"搜索索引缺少 {len(missing)} 个触发器（如 {missing[0]}），新记录不会被索引"]


def _kinds_out_of_step(connection: Connection) -> list[str]:
    problems = []
    for kind in KINDS:
        # Queued records (written outside a session, not yet drained) are due, not wrong.
        due = f"NOT IN (SELECT record_id FROM search_queue WHERE kind = '{kind.key}')"
        lacking = connection.exec_driver_sql(
            f"SELECT count(*) FROM ({kind.expected()} EXCEPT {kind.held()}) AS d"
            f" WHERE record_id {due}"
        ).scalar()
        extra = connection.exec_driver_sql(
            f"SELECT count(*) FROM ({kind.held()} EXCEPT {kind.expected()}) AS d"
            f" WHERE record_id {due}"
        ).scalar()
        if lacking or extra:
            problems.append(
                f"搜索索引与记录不一致（{kind.key}：缺 {lacking} 条，多余或过时 {extra} 条）"
            )
    return problems


# On PostgreSQL (a district's server database, issue 20) the same tables without FTS5: the
# text is searched with ILIKE, narrowed by a GIN index of each row's grams (revision 0020):
# its kind and every single character and two-character substring of its lowered text,
# "topic:加", "topic:加装", … (yishi_grams). A word's rows hold all of its grams (the word
# itself up to two characters, its overlapping pairs beyond), so the index finds a superset
# that ILIKE confirms, one kind's only. pg_trgm's index (revision 0018, dropped by 0020)
# could not narrow words under three characters, and neither index keeps kinds apart.
# The records' triggers queue as SQLite's do, one plpgsql function each; the queue has no
# key there, so two workstations writing one record never wait on each other's queue rows.

SERVER_GRAMS_INDEX = "search_text_grams"
# The indexed expression, as queries must spell it for the planner to use the index.
SERVER_GRAMS = "yishi_grams(t.kind, t.body)"
# Revision 0018's, replaced by the grams index (dropped where found).
SERVER_TRIGRAM_INDEX = "search_text_body_trgm"
# Held by a draining transaction until it ends (see `drain`); the migration's is another.
_DRAIN_LOCK = 0x59_69_73_68_69_53  # "YishiS"

# IMMUTABLE, as an index needs: lower() is the one ILIKE applies to both sides. plpgsql's loop
# costs a quarter of a set-returning SQL one; GIN drops repeated grams itself.
_SERVER_GRAMS_FUNCTION = """\
CREATE OR REPLACE FUNCTION yishi_grams(kind text, body text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
DECLARE
    c text[] := regexp_split_to_array(lower(body), '');
    n integer := cardinality(c);
    grams text[] := '{}';
BEGIN
    IF body = '' THEN
        RETURN grams;
    END IF;
    FOR i IN 1..n LOOP
        grams := grams || (kind || ':' || c[i]);
        IF i < n THEN
            grams := grams || (kind || ':' || c[i] || c[i + 1]);
        END IF;
    END LOOP;
    RETURN grams;
END
$body$"""

_SERVER_SQL = (
    _SERVER_GRAMS_FUNCTION,
    f"DROP INDEX IF EXISTS {SERVER_TRIGRAM_INDEX}",
    "ALTER TABLE search_queue DROP CONSTRAINT IF EXISTS search_queue_pkey",
)


def word_grams(word: str) -> list[str]:
    """The grams every text holding `word` holds (the index's, without the kind): the word
    itself up to two characters, else its overlapping two-character substrings."""
    if len(word) <= 2:
        return [word]
    return [word[i : i + 2] for i in range(len(word) - 1)]


def on_server(connection: Connection) -> bool:
    """Whether the database is PostgreSQL's (the index's other spelling) rather than SQLite."""
    return connection.dialect.name == "postgresql"


def _written(server: bool) -> str:
    # No rowid on PostgreSQL: ctid is where the row was written, in order for a batch of
    # new rows (an edited row moves, so it counts as newer there).
    return "x.ctid" if server else "x.rowid"


def server_triggers() -> dict[str, str]:
    """Every trigger of the index on PostgreSQL by name, one per watched table and kind
    (on insert, update of the watched columns and delete), each running its function of the
    same name: name → the function's body."""
    found = {}
    for kind in KINDS:
        for watch in kind.watches:
            if watch.key == "x.id":
                records = f"VALUES ('{kind.key}', changed)"
            else:
                records = (
                    f"SELECT '{kind.key}', x.id FROM {kind.source} WHERE {watch.key} = changed"
                )
            found[f"search_{kind.key}_{watch.table}"] = (
                "DECLARE changed text := CASE TG_OP WHEN 'DELETE' THEN OLD.id ELSE NEW.id END;"
                f" BEGIN INSERT INTO search_queue (kind, record_id) {records}; RETURN NULL; END"
            )
    return found


def _watches() -> dict[str, Watch]:
    return {f"search_{kind.key}_{watch.table}": watch for kind in KINDS for watch in kind.watches}


def _install_server(connection: Connection, *, grams_index: bool = True) -> None:
    for statement in _SERVER_SQL:
        connection.exec_driver_sql(statement)
    if grams_index:
        _index_grams(connection)
    watches = _watches()
    for name, body in server_triggers().items():
        watch = watches[name]
        connection.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
            f" AS $body$ {body} $body$"
        )
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {watch.table}")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OF {', '.join(watch.columns)}"
            f" OR DELETE ON {watch.table} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )


def _index_grams(connection: Connection) -> None:
    """Build the grams index if missing (about a minute on a 10-year district)."""
    present = connection.exec_driver_sql(f"SELECT to_regclass('{SERVER_GRAMS_INDEX}')").scalar()
    if present is not None:
        return
    connection.exec_driver_sql(
        f"CREATE INDEX {SERVER_GRAMS_INDEX} ON search_text USING gin (yishi_grams(kind, body))"
    )


def _rebuild_server(connection: Connection) -> int:
    _install_server(connection, grams_index=False)
    # The grams index is built once the rows are in, in one pass: kept up row by row while
    # they are written, it takes longer.
    connection.exec_driver_sql(f"DROP INDEX IF EXISTS {SERVER_GRAMS_INDEX}")
    # TRUNCATE, not DELETE: a moved district's copy queued every record (half a million
    # rows), and deleted rows stay in the table until a vacuum, where every commit's drain
    # would read through them (92 ms a commit on the 10-year district).
    connection.exec_driver_sql("TRUNCATE search_text, search_queue, search_pinyin")
    for kind in KINDS:
        statement = kind.select("TRUE", _written(True))
        connection.exec_driver_sql(f"INSERT INTO search_text ({_COLUMNS}) {statement}")
    _index_grams(connection)
    fill_pinyin(connection)
    # The grams' statistics too, which the queries read (desktop.queries.search).
    connection.exec_driver_sql("ANALYZE search_text")
    return int(connection.exec_driver_sql("SELECT count(*) FROM search_text").scalar() or 0)


def uninstall_server(connection: Connection) -> None:
    """Drop the triggers, their functions, the grams index and its function, and revision
    0018's trigram index (the pg_trgm extension stays: other databases' or tools' use of it
    is not the index's to end)."""
    for name, watch in _watches().items():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {watch.table}")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
    connection.exec_driver_sql(f"DROP INDEX IF EXISTS {SERVER_GRAMS_INDEX}")
    connection.exec_driver_sql("DROP FUNCTION IF EXISTS yishi_grams(text, text)")
    connection.exec_driver_sql(f"DROP INDEX IF EXISTS {SERVER_TRIGRAM_INDEX}")


def _server_out_of_step(connection: Connection) -> list[str]:
    tables = {
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    }
    if not {"search_text", "search_pinyin", "search_queue"} <= tables:
        return ["搜索索引不存在"]
    present = {
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND left(tgname, 7) = 'search_'"
        )
    }
    problems = _missing_triggers(set(server_triggers()), present)
    grams = connection.exec_driver_sql(f"SELECT to_regclass('{SERVER_GRAMS_INDEX}')").scalar()
    if grams is None:
        problems.append(f"搜索索引缺少字词索引（{SERVER_GRAMS_INDEX}），搜索会很慢")
    return problems + _kinds_out_of_step(connection)
