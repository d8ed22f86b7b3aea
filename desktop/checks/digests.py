"""Sync digests: the kept running digest of each node still matches its records."""

from __future__ import annotations

from sqlalchemy import Connection, select

from desktop.checks.base import Context, Problem, short
from desktop.models import SyncDigest
from desktop.sync.digest import scanned_digest


def sync_digests(connection: Connection, ctx: Context) -> list[Problem]:
    """Rows changed behind the flush hook's back (hand-written SQL) leave the kept value stale."""
    me = ctx.installation.node_id if ctx.installation is not None else None
    problems: list[Problem] = []
    for owner, value in connection.execute(select(SyncDigest.node_id, SyncDigest.value)):
        if scanned_digest(connection, owner) == value:
            continue
        remedy = (
            "请做一次完整导出（同步页或 yishi export --full）"
            if owner == me
            else "请对方发来一次完整数据包"
        )
        problems.append(
            Problem(
                "sync_digest",
                "sync_digest",
                owner,
                f"节点 {short(owner)} 的记录与同步摘要不一致（记录曾被绕过本软件修改）；{remedy}",
            )
        )
    return problems
