"""Rows arriving from a bundle or an enrolment file: parsed per table, checked for their
owner, then upserted by (id, revision) inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Installation, Synced
from desktop.sync import SyncError, upsert
from desktop.sync.ownership import NoRule, Rule, Sync, parent_refs, rule_for
from desktop.sync.records import RecordError, from_json, model_for, placeholder
from desktop.sync.upsert import TableCounts


class Rows(Sequence[dict[str, Any]]):
    """One table's parsed rows, kept as tuples of values (a dict per row would cost several
    times the bundle's own size) and handed out as dicts."""

    def __init__(self, rows: Iterable[dict[str, Any]] = ()) -> None:
        self._keys: tuple[str, ...] | None = None
        self._values: list[tuple[Any, ...]] = []
        for row in rows:
            self.append(row)

    def append(self, row: dict[str, Any]) -> None:
        if self._keys is None:
            self._keys = tuple(row)
        elif tuple(row) != self._keys:
            raise ValueError("rows of one table have the same columns")
        self._values.append(tuple(row.values()))

    def __len__(self) -> int:
        return len(self._values)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | Sequence[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._row(values) for values in self._values[index]]
        return self._row(self._values[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self._row(values) for values in self._values)

    def picked(self, names: Collection[str]) -> Iterator[dict[str, Any]]:
        """Each row with only those of `names` it has: cheaper than whole rows."""
        at = [(key, index) for index, key in enumerate(self._keys or ()) if key in names]
        return ({key: values[index] for key, index in at} for values in self._values)

    def _row(self, values: tuple[Any, ...]) -> dict[str, Any]:
        assert self._keys is not None
        return dict(zip(self._keys, values, strict=True))


@dataclass
class Incoming:
    """Parsed, validated rows per model (parents first), ready to apply."""

    rows: list[tuple[type[Synced], Rows]] = field(default_factory=list)


def synced_model(table: str) -> type[Synced]:
    model = model_for(table)
    if model is None:
        raise SyncError(f"数据包中有未知的数据表：{table}")
    return model


def parse_row(
    model: type[Synced], line: Any, *, schema_version: str | None = None
) -> dict[str, Any]:
    """One row; `schema_version` is the sender's, older ones lack later columns."""
    try:
        return from_json(model, line, schema_version=schema_version)
    except RecordError as exc:
        raise SyncError(f"数据包中的记录无效：{exc}") from exc


def parse_table(
    table: str, lines: list[Any], *, schema_version: str | None = None
) -> tuple[type[Synced], Rows]:
    model = synced_model(table)
    return model, Rows(parse_row(model, line, schema_version=schema_version) for line in lines)


# One table's rows as check_owned reads them: (id, owner) each, and each one's parents
# (None for a table without a sync rule).
_Facts = tuple[str, list[tuple[str, str]], list[list[tuple[str, str | None, str]] | None]]


def read_facts(
    session: Session, incoming: Incoming
) -> tuple[list[_Facts], dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """Each row read once: its id, owner and parents (None: a table without a rule, refused
    before its parents are looked at); the owners of the rows sent, and of the rows held that
    the rows sent are or hang under. A row sent twice is refused."""
    facts: list[_Facts] = []
    sent: dict[tuple[str, str], str] = {}
    for model, rows in incoming.rows:
        table = model.__tablename__
        seen: list[tuple[str, str]] = []
        refs: list[list[tuple[str, str | None, str]] | None] = []
        for values in rows.picked(_read_for_owners(table)):
            if (table, values["id"]) in sent:
                raise SyncError(f"数据包中同一条记录出现了不止一次（{table} {values['id']}）")
            seen.append((values["id"], values["owner_node"]))
            sent[(table, values["id"])] = values["owner_node"]
            try:
                refs.append(list(parent_refs(table, values)))
            except NoRule:
                refs.append(None)
        facts.append((table, seen, refs))
    return facts, sent, _held_owners(session, facts, sent)


def check_parents_known(
    table: str,
    row_id: str,
    row_refs: list[tuple[str, str | None, str]] | None,
    sent: dict[tuple[str, str], str],
    held: dict[tuple[str, str], str],
) -> Iterator[tuple[str, str]]:
    """(column, parent's owner) of each row one row hangs under, each sent or held; a parent
    in an unknown table, or neither sent nor held, is refused."""
    record = f"{table} {row_id}"
    for column, parent_table, parent_id in row_refs or ():
        if parent_table is None:
            raise SyncError(f"数据包中的记录挂在未知的数据表下（{record}）")
        key = (parent_table, parent_id)
        parent_owner = sent.get(key, held.get(key))
        if parent_owner is None:
            raise SyncError(
                f"数据包中的记录与本机数据对不上：{record} 的 {column} 指向的记录"
                "不存在，未导入任何内容；请让对方发送完整数据包（--full）"
            )
        yield column, parent_owner


def check_owned(
    session: Session,
    incoming: Incoming,
    *,
    origin: str,
    origin_role: str,
    origin_room_id: str | None,
) -> None:
    """Every row and every row it hangs under belong to the sender (desktop.sync.ownership).
    A room writes only its own rows, under its own room and rows, or under the district's
    district-wide rows; the district writes its own rows, and annotates the receiving
    room's rows only where the registry allows. Nothing is written; SyncError refuses.
    """
    me = session.scalars(select(Installation.node_id)).one()
    district_node = origin if origin_role == "district" else me
    facts, sent, held = read_facts(session, incoming)
    # Every row's own owner first, so the message names the row, not a child of it.
    for table, seen, _refs in facts:
        _check_writer(sync_rule(table), table, origin_role)
        for row_id, owner_node in seen:
            if owner_node != origin:
                raise SyncError(f"数据包中有不属于发送方的记录（{table} {row_id}）")
            owner = held.get((table, row_id))
            if owner is not None and owner != origin:
                raise SyncError(f"数据包试图修改其他节点的记录（{table} {row_id}）")
    for table, seen, refs in facts:
        rule = sync_rule(table)
        for (row_id, _owner), row_refs in zip(seen, refs, strict=True):
            record = f"{table} {row_id}"
            room_refs = [r for r in row_refs or () if r[1] == "room" and origin_role == "room"]
            for _column, _table, parent_id in room_refs:
                if parent_id != origin_room_id:
                    raise SyncError(f"数据包中有其他议事室的记录（{record}）")
            others = [r for r in row_refs or () if r not in room_refs]
            for column, parent_owner in check_parents_known(table, row_id, others, sent, held):
                allowed = {origin}
                parent_table = next(r[1] for r in others if r[0] == column)
                assert parent_table is not None
                if sync_rule(parent_table).sync is Sync.DISTRICT_WIDE:
                    allowed.add(district_node)
                # The district annotates this room's rows, or writes its own rows under
                # them (a 督办记录 under the room's outcome).
                if origin_role == "district" and (
                    rule.district_annotates or rule.sync is Sync.DISTRICT_OWNED
                ):
                    allowed.add(me)
                if parent_owner not in allowed:
                    raise SyncError(f"数据包中的记录挂在其他节点的记录之下（{record} 的 {column}）")


def _read_for_owners(table: str) -> set[str]:
    """The columns check_owned reads of a table's rows: the id, the owner and the parents."""
    try:
        parents = rule_for(table).parents
    except NoRule:
        parents = ()
    names = {"id", "owner_node"}
    for parent in parents:
        names.add(parent.column)
        if parent.table_column is not None:
            names.add(parent.table_column)
    return names


def sync_rule(table: str) -> Rule:
    try:
        return rule_for(table)
    except NoRule:
        raise SyncError(f"数据表 {table} 没有同步规则，已拒绝") from None


def _check_writer(rule: Rule, table: str, origin_role: str) -> None:
    if rule.sync is Sync.LOCAL_ONLY:
        raise SyncError(f"数据包中有只属于本机的数据（{table}）")
    if origin_role == "room" and rule.sync is not Sync.ROOM_OWNED:
        raise SyncError(f"议事室的数据包不能包含区政协维护的数据（{table}）")
    if origin_role == "district" and rule.sync is Sync.ROOM_OWNED and not rule.district_annotates:
        raise SyncError(f"区政协的数据包不能包含议事室的数据（{table}）")


# Few enough ids per query for SQLite's bound-parameter limit.
_CHUNK = 500


def _held_owners(
    session: Session, facts: list[_Facts], sent: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """Owners of the rows already held that the bundle's rows are or hang under, by table."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for table, seen, refs in facts:
        wanted[table].update(row_id for row_id, _owner in seen)
        for row_refs in refs:
            for _column, parent_table, parent_id in row_refs or ():
                if parent_table is not None and (parent_table, parent_id) not in sent:
                    wanted[parent_table].add(parent_id)
    owners: dict[tuple[str, str], str] = {}
    connection = session.connection()
    mark = placeholder(connection.dialect)
    for table, ids in wanted.items():
        model = model_for(table)
        if model is None:
            continue
        ordered = sorted(ids)
        # Plain SQL (the table is a known model's): nothing compiled per table and engine.
        select_owners = f'SELECT "id", "owner_node" FROM "{model.__tablename__}" WHERE "id" IN '
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            found = connection.exec_driver_sql(
                f"{select_owners}({', '.join(mark for _ in chunk)})", tuple(chunk)
            )
            for row_id, owner in found:
                owners[(table, row_id)] = owner
    return owners


def apply_rows(
    session: Session, incoming: Incoming, *, bundle_id: str, rescanned: str | None = None
) -> dict[str, TableCounts]:
    """Upsert by (id, revision) inside the caller's transaction (desktop.sync.upsert)."""
    return upsert.apply_rows(session, incoming.rows, bundle_id=bundle_id, rescanned=rescanned)
