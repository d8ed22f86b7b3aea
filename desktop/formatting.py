"""How dates, times, people's details, table names and file sizes are written (GUI, print, CLI)."""

from __future__ import annotations

import base64
import hashlib
from datetime import date, time

# What the user calls the records of each table (checks, sync reports, quarantine).
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


def format_date(value: date | None) -> str:
    """2026年11月29日; empty for no date."""
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def mask_name(name: str) -> str:
    """张某 for public notices: the surname and 某."""
    return f"{name[0]}某" if name else ""


def mask_phone(phone: str | None) -> str:
    """138****5678; short or missing numbers are hidden entirely."""
    if not phone:
        return ""
    digits = phone.strip()
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 8 else "****"


def format_size(size: int) -> str:
    """A file's size in KB below a megabyte (at least 1 KB), else in MB."""
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def key_fingerprint(*parts: str) -> str:
    """Short and readable over the phone: 16 base32 characters in groups of 4 (ABCD-EFGH-…).

    Of a node's public keys (signing key, then age recipient); here, below the services, so
    a read can show a peer's fingerprint without the sync package.
    """
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).digest()
    text = base64.b32encode(digest).decode("ascii")[:16]
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))
