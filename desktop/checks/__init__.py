"""`yishi check`: SQLite's integrity and foreign-key checks, then the domain's own invariants.

Every invariant is one set-based query (joins and EXISTS over indexed columns), so the whole
check stays fast on databases with hundreds of thousands of rows. Problems name the record
in the user's words; a second pass looks up those names, one query per table.

Where each check lives:
- sqlite.py: PRAGMA integrity_check and foreign_key_check.
- ownership.py: the installation record; records belong to their room's, meeting's or
  the district's node.
- rules.py: records of the same room, topic status, meetings, outcomes.
- files.py: attachment files exist and match their SHA-256.
- digests.py: the kept sync digests match the records.
- naming.py: the records' names in Chinese, for the messages.
- search.py: the search index matches the records (and its rebuild).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import Connection

from desktop import clock
from desktop.checks import digests, files, naming, ownership, rules, search, sqlite
from desktop.checks.base import Context, Hit, Problem
from desktop.checks.ownership import ROOM_OWNED, ROSTER
from desktop.db import Database
from desktop.formatting import TABLE_LABELS

__all__ = ["CHECKS", "ROOM_OWNED", "ROSTER", "TABLE_LABELS", "Problem", "run_checks"]

# Every check code, in the order problems are listed, with what it verifies.
CHECKS: dict[str, str] = {
    "integrity": "数据库文件完整（SQLite integrity_check）",
    "foreign_key": "引用的记录都存在（SQLite foreign_key_check）",
    "installation": "有且仅有一条安装记录，且关联的区政协或协商议事室存在、节点一致",
    "room_owner": "议事室的记录属于该议事室的节点",
    "meeting_owner": "议程、签到、发言、记录修改与其协商议事活动属于同一节点",
    "roster_owner": "区政协安装中，名册数据属于区政协节点",
    "agenda_topic_room": "议程的议题属于活动所在的议事室",
    "slip_topic_room": "采集表归入的议题属于同一议事室",
    "attendee_room": "签到的参加人员属于活动所在的议事室",
    "outcome_room": "协商成果记在其来源所在的议事室名下",
    "topic_claim": "「认领」状态的议题至少有一条认领",
    "topic_discussed": "已协商及以后状态的议题列入过已召开活动的议程",
    "topic_escalated": "「转报」状态的议题至少有一条成果已转报",
    "topic_announced": "已公告、已认领的议题有公告日期，认领截止不早于公告",
    "meeting_future": "已召开的活动日期不晚于今天",
    "meeting_planned_present": "计划中的活动没有人签到出席",
    "outcome_completed_on": "已办结的成果有办结日期",
    "outcome_dates": "办结、反馈日期不早于协商日期",
    "outcome_feedback": "已反馈的成果有反馈内容",
    "attachment_missing": "附件文件存在",
    "attachment_hash": "附件文件内容与记录的 SHA-256 一致",
    "sync_digest": "同步摘要与各节点的记录一致",
    "search_index": "搜索索引与记录一致",
}

_DOMAIN_CHECKS: tuple[Callable[[Connection, Context], Sequence[Problem | Hit]], ...] = (
    ownership.installation,
    ownership.room_owner,
    ownership.meeting_owner,
    ownership.roster_owner,
    rules.same_room,
    rules.topic_status,
    rules.meetings,
    rules.outcomes,
    files.attachments,
    digests.sync_digests,
    search.index_in_step,
)


def run_checks(db: Database, *, today: date | None = None) -> list[Problem]:
    """Every problem found, in a stable order; an empty list means all is well.

    A damaged file is reported (as `integrity` problems) rather than raised; the domain
    invariants are then skipped, since queries over damaged pages prove nothing.
    """
    today = today or clock.today()
    with db.engine.connect() as connection:
        problems = sqlite.integrity(connection)
        if problems:
            return problems
        found: list[Problem | Hit] = []
        found.extend(sqlite.foreign_keys(connection))
        ctx = Context(
            installation=db.installation(),
            today=today,
            attachments=db.home.attachments,
        )
        for check in _DOMAIN_CHECKS:
            if ctx.installation is None and check is not ownership.installation:
                continue
            found.extend(check(connection, ctx))
        hits = [f for f in found if isinstance(f, Hit)]
        names = naming.name_records(connection, hits)

    result: list[Problem] = []
    for item in found:
        if isinstance(item, Problem):
            result.append(item)
            continue
        name = names.get((item.table, item.record_id))
        if name is None:
            name = f"{TABLE_LABELS.get(item.table, item.table)}（{item.record_id[:8]}）"
        result.append(Problem(item.check, item.table, item.record_id, name + item.detail))
    order = {code: index for index, code in enumerate(CHECKS)}
    result.sort(key=lambda p: (order[p.check], p.table or "", p.message, p.record_id or ""))
    return result
