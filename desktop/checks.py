"""`yishi check`: SQLite's integrity and foreign-key checks, then the domain's own invariants.

Every invariant is one set-based query (joins and EXISTS over indexed columns), so the whole
check stays fast on databases with hundreds of thousands of rows. Problems name the record
in the user's words; a second pass looks up those names, one query per table.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import aliased

from desktop.db import Database
from desktop.models import (
    Activity,
    ActivityKind,
    AgendaItem,
    Amendment,
    Area,
    Assignment,
    Attachment,
    Attendance,
    Base,
    Claim,
    District,
    Installation,
    MediationCase,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    Room,
    ScoringRule,
    ScoringRuleSet,
    Speech,
    SyncDigest,
    Team,
    TeamMembership,
    Topic,
    Township,
)
from desktop.models.enums import (
    AttendanceStatus,
    MeetingStatus,
    NodeRole,
    OutcomeStatus,
    TopicStatus,
)
from desktop.stats import HELD_STATUSES
from desktop.sync.digest import scanned_digest
from desktop.workflow.topics import DISCUSSED_OR_LATER

# Records a room writes; each carries room_id and belongs to that room's node.
ROOM_OWNED: tuple[type[Any], ...] = (
    Topic,
    OpinionSlip,
    Meeting,
    Participant,
    Outcome,
    Activity,
    MediationCase,
)
# Records the district keeps for everyone (in a district installation, its own node's).
ROSTER: tuple[type[Any], ...] = (
    District,
    Township,
    Area,
    Room,
    Member,
    Assignment,
    Team,
    TeamMembership,
    ScoringRuleSet,
    ScoringRule,
    ActivityKind,
)

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
}

TABLE_LABELS: dict[str, str] = {
    "district": "区政协",
    "township": "镇（街道）",
    "area": "片区",
    "room": "协商议事室",
    "member": "政协委员",
    "assignment": "委员联系安排",
    "team": "委员团队",
    "team_membership": "团队成员",
    "participant": "参加人员",
    "opinion_slip": "社情民意采集表",
    "topic": "议题",
    "claim": "议题认领",
    "meeting": "协商议事活动",
    "agenda_item": "议程",
    "attendance": "签到",
    "speech": "发言",
    "amendment": "记录修改",
    "outcome": "协商成果",
    "progress_note": "进展记录",
    "duty_record": "履职记录",
    "scoring_rule_set": "评价办法",
    "scoring_rule": "评分规则",
    "attachment": "附件",
    "activity_kind": "活动类型",
    "activity": "其他履职活动",
    "activity_member": "活动参加委员",
    "mediation_case": "调解/信访案件",
    "case_member": "案件委员",
    "installation": "安装信息",
    "audit_entry": "操作日志",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the database; `message` is Chinese and names the record."""

    check: str
    table: str | None
    record_id: str | None
    message: str


@dataclass(frozen=True)
class _Hit:
    """A problem before its record is named: the message is `<record name><detail>`."""

    check: str
    table: str
    record_id: str
    detail: str


@dataclass(frozen=True)
class _Context:
    installation: Installation | None
    today: date
    attachments: Path


def _live(model: type[Any]) -> ColumnElement[bool]:
    return model.deleted.is_(False)  # type: ignore[no-any-return]


def _short(node: str | None) -> str:
    return node[:8] if node else "未设置"


# --- SQLite's own checks ----------------------------------------------------------------


def _integrity(connection: Connection) -> list[Problem]:
    try:
        lines = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    except DBAPIError as exc:
        return [
            Problem("integrity", None, None, f"数据库文件已损坏，无法完成完整性检查：{exc.orig}")
        ]
    if lines == ["ok"]:
        return []
    return [Problem("integrity", None, None, f"数据库文件已损坏：{line}") for line in lines]


def _foreign_keys(connection: Connection) -> list[_Hit]:
    violations: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for child, rowid, parent, fkid in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        violations[child].append((rowid, parent, fkid))
    hits: list[_Hit] = []
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
                _Hit(
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
    for chunk in _chunks(rowids):
        stmt = select(rowid, literal_column("id")).select_from(source).where(rowid.in_(chunk))
        found.update({r: str(i) for r, i in connection.execute(stmt)})
    return found


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- 1. the installation ----------------------------------------------------------------


def _installation(connection: Connection, ctx: _Context) -> list[Problem | _Hit]:
    count = connection.scalar(select(func.count()).select_from(Installation))
    if count != 1:
        return [
            Problem(
                "installation", "installation", None, f"应有且仅有一条安装记录，实际有 {count} 条"
            )
        ]
    inst = ctx.installation
    assert inst is not None
    found: list[Problem | _Hit] = []
    if inst.role is NodeRole.ROOM:
        if inst.room_id is None:
            return [Problem("installation", "installation", None, "议事室安装没有关联协商议事室")]
        room = connection.execute(
            select(Room.node_id, Room.deleted).where(Room.id == inst.room_id)
        ).first()
        if room is None or room.deleted:
            found.append(
                Problem(
                    "installation", "room", inst.room_id, "本安装关联的协商议事室不存在或已删除"
                )
            )
        elif room.node_id != inst.node_id:
            found.append(
                _Hit(
                    "installation",
                    "room",
                    inst.room_id,
                    f"的节点（{_short(room.node_id)}）不是本安装的节点（{_short(inst.node_id)}）",
                )
            )
    else:
        district = None
        if inst.district_id is not None:
            district = connection.execute(
                select(District.deleted).where(District.id == inst.district_id)
            ).first()
        if district is None or district.deleted:
            found.append(
                Problem(
                    "installation", "district", inst.district_id, "本安装关联的区政协不存在或已删除"
                )
            )
    return found


# --- 2. ownership -----------------------------------------------------------------------


def _room_owner(connection: Connection, ctx: _Context) -> list[_Hit]:
    hits: list[_Hit] = []
    for model in ROOM_OWNED:
        stmt = (
            select(model.id, model.owner_node, Room.node_id, Room.name)
            .join(Room, Room.id == model.room_id)
            .where(_live(model), model.owner_node.is_distinct_from(Room.node_id))
        )
        for record_id, owner, room_node, room_name in connection.execute(stmt):
            hits.append(
                _Hit(
                    "room_owner",
                    model.__tablename__,
                    record_id,
                    f"的所属节点（{_short(owner)}）不是其协商议事室「{room_name}」的节点"
                    f"（{_short(room_node)}）",
                )
            )
    return hits


def _meeting_owner(connection: Connection, ctx: _Context) -> list[_Hit]:
    statements: list[tuple[type[Any], Select[*tuple[Any, ...]]]] = []
    for model in (AgendaItem, Attendance, Amendment):
        statements.append(
            (
                model,
                select(model.id, model.owner_node, Meeting.owner_node)
                .join(Meeting, Meeting.id == model.meeting_id)
                .where(_live(model), model.owner_node != Meeting.owner_node),
            )
        )
    statements.append(
        (
            Speech,
            select(Speech.id, Speech.owner_node, Meeting.owner_node)
            .join(AgendaItem, AgendaItem.id == Speech.agenda_item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(_live(Speech), Speech.owner_node != Meeting.owner_node),
        )
    )
    hits: list[_Hit] = []
    for model, stmt in statements:
        for record_id, owner, meeting_owner in connection.execute(stmt):
            hits.append(
                _Hit(
                    "meeting_owner",
                    model.__tablename__,
                    record_id,
                    f"的所属节点（{_short(owner)}）与其协商议事活动的节点"
                    f"（{_short(meeting_owner)}）不一致",
                )
            )
    return hits


def _roster_owner(connection: Connection, ctx: _Context) -> list[_Hit]:
    inst = ctx.installation
    if inst is None or inst.role is not NodeRole.DISTRICT:
        return []
    hits: list[_Hit] = []
    for model in ROSTER:
        stmt = select(model.id, model.owner_node).where(
            _live(model), model.owner_node != inst.node_id
        )
        for record_id, owner in connection.execute(stmt):
            hits.append(
                _Hit(
                    "roster_owner",
                    model.__tablename__,
                    record_id,
                    f"属于节点 {_short(owner)}，名册数据应属于本区政协（{_short(inst.node_id)}）",
                )
            )
    return hits


# --- 3. records of the same room --------------------------------------------------------


def _same_room(connection: Connection, ctx: _Context) -> list[_Hit]:
    room_a, room_b = aliased(Room), aliased(Room)
    hits: list[_Hit] = []

    agenda = (
        select(AgendaItem.id, room_a.name, room_b.name)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .join(room_a, room_a.id == Topic.room_id)
        .join(room_b, room_b.id == Meeting.room_id)
        .where(_live(AgendaItem), Topic.room_id != Meeting.room_id)
    )
    for record_id, topic_room, meeting_room in connection.execute(agenda):
        hits.append(
            _Hit(
                "agenda_topic_room",
                "agenda_item",
                record_id,
                f"的议题属于「{topic_room}」，不属于活动所在的「{meeting_room}」",
            )
        )

    slips = (
        select(OpinionSlip.id, room_a.name, room_b.name)
        .join(Topic, Topic.id == OpinionSlip.topic_id)
        .join(room_a, room_a.id == Topic.room_id)
        .join(room_b, room_b.id == OpinionSlip.room_id)
        .where(_live(OpinionSlip), Topic.room_id != OpinionSlip.room_id)
    )
    for record_id, topic_room, slip_room in connection.execute(slips):
        hits.append(
            _Hit(
                "slip_topic_room",
                "opinion_slip",
                record_id,
                f"归入的议题属于「{topic_room}」，不属于采集表所在的「{slip_room}」",
            )
        )

    attendees = (
        select(Attendance.id, room_a.name, room_b.name)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Participant, Participant.id == Attendance.participant_id)
        .join(room_a, room_a.id == Participant.room_id)
        .join(room_b, room_b.id == Meeting.room_id)
        .where(_live(Attendance), Participant.room_id != Meeting.room_id)
    )
    for record_id, person_room, meeting_room in connection.execute(attendees):
        hits.append(
            _Hit(
                "attendee_room",
                "attendance",
                record_id,
                f"：该参加人员属于「{person_room}」，不属于活动所在的「{meeting_room}」",
            )
        )

    origin_room = func.coalesce(Meeting.room_id, Activity.room_id, MediationCase.room_id)
    outcomes = (
        select(Outcome.id, room_a.name, room_b.name)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
        .join(room_a, room_a.id == Outcome.room_id)
        .join(room_b, room_b.id == origin_room)
        .where(_live(Outcome), Outcome.room_id != origin_room)
    )
    for record_id, outcome_room, origin_name in connection.execute(outcomes):
        hits.append(
            _Hit(
                "outcome_room",
                "outcome",
                record_id,
                f"记在「{outcome_room}」名下，但其来源（议程、活动或案件）属于「{origin_name}」",
            )
        )
    return hits


# --- 4. topic status --------------------------------------------------------------------


def _topic_status(connection: Connection, ctx: _Context) -> list[_Hit]:
    live_claim = exists().where(Claim.topic_id == Topic.id, _live(Claim))
    held_agenda = exists().where(
        AgendaItem.topic_id == Topic.id,
        _live(AgendaItem),
        Meeting.id == AgendaItem.meeting_id,
        _live(Meeting),
        Meeting.status.in_(HELD_STATUSES),
    )
    escalated_outcome = exists().where(
        AgendaItem.topic_id == Topic.id,
        _live(AgendaItem),
        Outcome.agenda_item_id == AgendaItem.id,
        _live(Outcome),
        Outcome.escalation_kind.is_not(None),
    )
    rules: list[tuple[str, ColumnElement[bool], Callable[[TopicStatus], str]]] = [
        (
            "topic_claim",
            and_(Topic.status == TopicStatus.CLAIMED, ~live_claim),
            lambda s: f"状态为「{s.label}」，但没有任何委员认领",
        ),
        (
            "topic_discussed",
            and_(Topic.status.in_(DISCUSSED_OR_LATER), ~held_agenda),
            lambda s: f"状态为「{s.label}」，但未列入任何已召开协商议事活动的议程",
        ),
        (
            "topic_escalated",
            and_(Topic.status == TopicStatus.ESCALATED, ~escalated_outcome),
            lambda s: f"状态为「{s.label}」，但没有一条协商成果转报为提案或社情民意信息",
        ),
        (
            "topic_announced",
            and_(
                Topic.status.in_((TopicStatus.ANNOUNCED, TopicStatus.CLAIMED)),
                or_(
                    Topic.announced_on.is_(None),
                    Topic.claim_deadline.is_(None),
                    Topic.claim_deadline < Topic.announced_on,
                ),
            ),
            lambda s: f"状态为「{s.label}」，但公告日期未填或认领截止日期早于公告日期",
        ),
    ]
    hits: list[_Hit] = []
    for check, condition, detail in rules:
        stmt = select(Topic.id, Topic.status).where(_live(Topic), condition)
        for record_id, status in connection.execute(stmt):
            hits.append(_Hit(check, "topic", record_id, detail(TopicStatus(status))))
    return hits


# --- 5. meetings ------------------------------------------------------------------------


def _meetings(connection: Connection, ctx: _Context) -> list[_Hit]:
    hits: list[_Hit] = []
    future = select(Meeting.id, Meeting.status).where(
        _live(Meeting), Meeting.status.in_(HELD_STATUSES), Meeting.held_on > ctx.today
    )
    for record_id, status in connection.execute(future):
        hits.append(
            _Hit(
                "meeting_future",
                "meeting",
                record_id,
                f"状态为「{MeetingStatus(status).label}」，但日期晚于今天（{ctx.today.isoformat()}）",
            )
        )
    planned_present = (
        select(Meeting.id, func.count(Attendance.id))
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(
            _live(Meeting),
            Meeting.status == MeetingStatus.PLANNED,
            _live(Attendance),
            Attendance.status == AttendanceStatus.PRESENT,
        )
        .group_by(Meeting.id)
    )
    for record_id, count in connection.execute(planned_present):
        hits.append(
            _Hit(
                "meeting_planned_present",
                "meeting",
                record_id,
                f"尚未召开（{MeetingStatus.PLANNED.label}），却有 {count} 人签到为"
                f"「{AttendanceStatus.PRESENT.label}」",
            )
        )
    return hits


# --- 6. outcomes ------------------------------------------------------------------------


def _outcomes(connection: Connection, ctx: _Context) -> list[_Hit]:
    hits: list[_Hit] = []
    no_date = select(Outcome.id).where(
        _live(Outcome), Outcome.status == OutcomeStatus.COMPLETED, Outcome.completed_on.is_(None)
    )
    for (record_id,) in connection.execute(no_date):
        hits.append(
            _Hit(
                "outcome_completed_on",
                "outcome",
                record_id,
                f"状态为「{OutcomeStatus.COMPLETED.label}」，但未填写办结日期",
            )
        )

    # The date the outcome arose: its meeting's (or activity's, or case's opening) date.
    origin_date = func.coalesce(Meeting.held_on, Activity.held_on, MediationCase.opened_on)
    dates = (
        select(Outcome.id, Outcome.completed_on, Outcome.fed_back_on, origin_date)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
        .where(
            _live(Outcome),
            or_(Outcome.completed_on < origin_date, Outcome.fed_back_on < origin_date),
        )
    )
    for record_id, completed_on, fed_back_on, origin in connection.execute(dates):
        origin_text = str(origin)
        if completed_on is not None and completed_on.isoformat() < origin_text:
            hits.append(
                _Hit(
                    "outcome_dates",
                    "outcome",
                    record_id,
                    f"的办结日期（{completed_on.isoformat()}）早于协商日期（{origin_text}）",
                )
            )
        if fed_back_on is not None and fed_back_on.isoformat() < origin_text:
            hits.append(
                _Hit(
                    "outcome_dates",
                    "outcome",
                    record_id,
                    f"的反馈日期（{fed_back_on.isoformat()}）早于协商日期（{origin_text}）",
                )
            )

    no_feedback = select(Outcome.id).where(
        _live(Outcome),
        Outcome.fed_back_on.is_not(None),
        func.length(func.trim(func.coalesce(Outcome.feedback, ""))) == 0,
    )
    for (record_id,) in connection.execute(no_feedback):
        hits.append(
            _Hit("outcome_feedback", "outcome", record_id, "已填写反馈日期，但没有反馈内容")
        )
    return hits


# --- 7. attachment files ----------------------------------------------------------------


def _file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _attachments(connection: Connection, ctx: _Context) -> list[_Hit]:
    stmt = select(Attachment.id, Attachment.sha256).where(_live(Attachment))
    by_hash: dict[str, list[str]] = defaultdict(list)
    for record_id, sha256 in connection.execute(stmt):
        by_hash[sha256].append(record_id)
    hits: list[_Hit] = []
    # Several records may share one file; hash each file once.
    for sha256, record_ids in by_hash.items():
        path = ctx.attachments / sha256[:2] / sha256
        if not path.is_file():
            detail = f"的文件不存在（{path.relative_to(ctx.attachments.parent)}）"
            check = "attachment_missing"
        elif (actual := _file_sha256(path)) != sha256:
            detail = f"的文件内容已改变或损坏（SHA-256 为 {actual or '无法读取'}）"
            check = "attachment_hash"
        else:
            continue
        hits.extend(_Hit(check, "attachment", record_id, detail) for record_id in record_ids)
    return hits


def _sync_digests(connection: Connection, ctx: _Context) -> list[Problem]:
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
                f"节点 {_short(owner)} 的记录与同步摘要不一致（记录曾被绕过本软件修改）；{remedy}",
            )
        )
    return problems


# --- naming the records -----------------------------------------------------------------


def _clip(text: str | None, length: int = 20) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length] + "…"


def _known(value: object) -> str:
    """A name looked up through a reference that may be broken (foreign_key problems)."""
    return "（不存在）" if value is None else str(value)


def _meeting_name(title: str | None, held_on: date | None) -> str:
    when = f"（{held_on.isoformat()}）" if held_on else ""
    return f"协商议事活动「{title}」{when}" if title else f"协商议事活动{when}"


_Describer = tuple[Callable[[], Select[*tuple[Any, ...]]], Callable[[Row[*tuple[Any, ...]]], str]]


def _describers() -> dict[str, _Describer]:
    """For each table: a select of (id, …) and how to turn a row into the record's name."""

    def named(model: type[Any], column: Any, label: str) -> _Describer:
        return (lambda: select(model.id, column), lambda r: f"{label}「{r[1]}」")

    member_of = aliased(Member)
    return {
        "topic": named(Topic, Topic.title, "议题"),
        "participant": named(Participant, Participant.name, "参加人员"),
        "member": named(Member, Member.name, "政协委员"),
        "district": named(District, District.name, "区政协"),
        "township": named(Township, Township.name, "镇（街道）"),
        "area": named(Area, Area.name, "片区"),
        "room": named(Room, Room.name, "协商议事室"),
        "team": named(Team, Team.name, "委员团队"),
        "activity_kind": named(ActivityKind, ActivityKind.name, "活动类型"),
        "mediation_case": named(MediationCase, MediationCase.subject, "案件"),
        "attachment": named(Attachment, Attachment.file_name, "附件"),
        "scoring_rule_set": named(ScoringRuleSet, ScoringRuleSet.name, "评价办法"),
        "meeting": (
            lambda: select(Meeting.id, Meeting.title, Meeting.held_on),
            lambda r: _meeting_name(r[1], r[2]),
        ),
        "activity": (
            lambda: select(Activity.id, Activity.title, Activity.held_on),
            lambda r: f"其他履职活动「{r[1]}」（{r[2].isoformat()}）",
        ),
        "outcome": (
            lambda: select(Outcome.id, Outcome.content),
            lambda r: f"协商成果「{_clip(r[1])}」",
        ),
        "opinion_slip": (
            lambda: select(OpinionSlip.id, OpinionSlip.collected_on, OpinionSlip.content),
            lambda r: f"社情民意采集表（{r[1].isoformat()}）「{_clip(r[2])}」",
        ),
        "agenda_item": (
            lambda: (
                select(
                    AgendaItem.id, Meeting.title, Meeting.held_on, AgendaItem.position, Topic.title
                )
                .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
                .outerjoin(Topic, Topic.id == AgendaItem.topic_id)
            ),
            lambda r: f"{_meeting_name(r[1], r[2])}的第 {r[3]} 项议程「{_known(r[4])}」",
        ),
        "attendance": (
            lambda: (
                select(
                    Attendance.id,
                    Meeting.title,
                    Meeting.held_on,
                    func.coalesce(Member.name, Participant.name),
                )
                .outerjoin(Meeting, Meeting.id == Attendance.meeting_id)
                .outerjoin(Member, Member.id == Attendance.member_id)
                .outerjoin(Participant, Participant.id == Attendance.participant_id)
            ),
            lambda r: f"{_meeting_name(r[1], r[2])}中「{_known(r[3])}」的签到",
        ),
        "speech": (
            lambda: (
                select(Speech.id, Meeting.title, Meeting.held_on, Speech.speaker_name)
                .outerjoin(AgendaItem, AgendaItem.id == Speech.agenda_item_id)
                .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
            ),
            lambda r: f"{_meeting_name(r[1], r[2])}中「{r[3]}」的发言",
        ),
        "amendment": (
            lambda: select(
                Amendment.id, Meeting.title, Meeting.held_on, Amendment.reason
            ).outerjoin(Meeting, Meeting.id == Amendment.meeting_id),
            lambda r: f"{_meeting_name(r[1], r[2])}的记录修改「{_clip(r[3])}」",
        ),
        "claim": (
            lambda: (
                select(Claim.id, Member.name, Topic.title)
                .outerjoin(Member, Member.id == Claim.member_id)
                .outerjoin(Topic, Topic.id == Claim.topic_id)
            ),
            lambda r: f"「{_known(r[1])}」对议题「{_known(r[2])}」的认领",
        ),
        "assignment": (
            lambda: select(Assignment.id, Member.name).outerjoin(
                Member, Member.id == Assignment.member_id
            ),
            lambda r: f"政协委员「{_known(r[1])}」的联系安排",
        ),
        "team_membership": (
            lambda: (
                select(TeamMembership.id, member_of.name, Team.name)
                .outerjoin(member_of, member_of.id == TeamMembership.member_id)
                .outerjoin(Team, Team.id == TeamMembership.team_id)
            ),
            lambda r: f"「{_known(r[1])}」在「{_known(r[2])}」中的团队成员资格",
        ),
        "scoring_rule": (
            lambda: select(ScoringRule.id, ScoringRule.kind),
            lambda r: f"评分规则「{r[1].label}」",
        ),
    }


def _name_records(connection: Connection, hits: Iterable[_Hit]) -> dict[tuple[str, str], str]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for hit in hits:
        wanted[hit.table].add(hit.record_id)
    describers = _describers()
    names: dict[tuple[str, str], str] = {}
    for table_name, ids in wanted.items():
        describer = describers.get(table_name)
        if describer is None:
            continue
        make_select, describe = describer
        model = Base.metadata.tables[table_name]
        for chunk in _chunks(sorted(ids)):
            for row in connection.execute(make_select().where(model.c.id.in_(chunk))):
                names[(table_name, row[0])] = describe(row)
    return names


# --- running them -----------------------------------------------------------------------

_DOMAIN_CHECKS: tuple[Callable[[Connection, _Context], Sequence[Problem | _Hit]], ...] = (
    _installation,
    _room_owner,
    _meeting_owner,
    _roster_owner,
    _same_room,
    _topic_status,
    _meetings,
    _outcomes,
    _attachments,
    _sync_digests,
)


def run_checks(db: Database, *, today: date | None = None) -> list[Problem]:
    """Every problem found, in a stable order; an empty list means all is well.

    A damaged file is reported (as `integrity` problems) rather than raised; the domain
    invariants are then skipped, since queries over damaged pages prove nothing.
    """
    today = today or date.today()
    with db.engine.connect() as connection:
        problems = _integrity(connection)
        if problems:
            return problems
        found: list[Problem | _Hit] = []
        found.extend(_foreign_keys(connection))
        ctx = _Context(
            installation=db.installation(),
            today=today,
            attachments=db.home.attachments,
        )
        for check in _DOMAIN_CHECKS:
            if ctx.installation is None and check is not _installation:
                continue
            found.extend(check(connection, ctx))
        hits = [f for f in found if isinstance(f, _Hit)]
        names = _name_records(connection, hits)

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
