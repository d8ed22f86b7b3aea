"""SQLite's own checks: the file's integrity and its foreign keys.

A database server (a district on PostgreSQL) has neither to check here: it keeps its pages
whole itself (its administrator runs its own checks) and enforces every foreign key as each
row is written, where SQLite may hold rows written with the keys off (a migration, a
restore).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnClause, Connection, literal_column, select, table
from sqlalchemy.exc import DBAPIError

from desktop.checks.base import Hit, Problem, chunks
from desktop.formatting import TABLE_LABELS
from desktop.models import Base


def integrity(connection: Connection) -> list[Problem]:
    if connection.dialect.name != "sqlite":
        return []
    try:
        lines = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    except DBAPIError as exc:
        return [
            Problem("integrity", None, None, f"数据库文件已损坏，无法完成完整性检查：{exc.orig}")
        ]
    if lines == ["ok"]:
        return []
    return [Problem("integrity", None, None, f"数据库文件已损坏：{line}") for line in lines]


def foreign_keys(connection: Connection) -> list[Hit]:
    if connection.dialect.name != "sqlite":
        return []
    violations: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for child, rowid, parent, fkid in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        violations[child].append((rowid, parent, fkid))
    hits: list[Hit] = []
    for child, rows in violations.items():
        columns = {
            row[0]: row[3]
            for row in connection.exec_driver_sql(f'PRAGMA foreign_key_list("{child}")')
        }
        ids = _ids_by_rowid(connection, child, [rowid for rowid, _, _ in rows])
        for rowid, parent, fkid in rows:
            record_id = ids.get(rowid, str(rowid))
            parent_label = TABLE_LABELS.get(parent, parent)
            hits.append(
                Hit(
                    "foreign_key",
                    child,
                    record_id,
                    f"引用的{parent_label}不存在（字段 {columns.get(fkid, '?')}）",
                )
            )
    return hits


def _ids_by_rowid(connection: Connection, table_name: str, rowids: list[int]) -> dict[int, str]:
    """Primary keys of rows SQLite names by rowid (foreign_key_check reports rowids)."""
    if table_name not in Base.metadata.tables:
        return {}
    source = table(table_name, literal_column("id"))
    rowid: ColumnClause[Any] = literal_column("rowid")
    found: dict[int, str] = {}
    for chunk in chunks(rowids):
        stmt = select(rowid, literal_column("id")).select_from(source).where(rowid.in_(chunk))
        found.update({r: str(i) for r, i in connection.execute(stmt)})
    return found
