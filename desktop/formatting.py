"""How dates, times, people's details, table names and file sizes are written (GUI, print, CLI)."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
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
    "status_change": "状态变更记录",
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


def unit_and_post(unit: str | None, post: str | None) -> str:
    """区住建局 · 科长: a person's 单位 and 职务, either may be missing."""
    return " · ".join(part for part in (unit, post) if part)


# 复姓: two characters that are one surname (欧阳修 → 欧阳某, not 欧某).
_COMPOUND = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒司空夏侯令狐端木独孤南宫西门轩辕赫连"
    "澹台公冶宗政濮阳太叔申屠钟离闻人万俟呼延百里东郭左丘拓跋第五鲜于闾丘仲孙淳于公羊"
    "梁丘谷梁乐正"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND[i : i + 2] for i in range(0, len(_COMPOUND), 2))


def mask_name(name: str) -> str:
    """张某 for public notices: the surname and 某 (欧阳某 for a compound surname; 买某 for
    买买提·艾力, whose given name comes first)."""
    name = name.strip()
    if not name:
        return ""
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return f"{name[:2]}某"
    return f"{name[0]}某"


def mask_phone(phone: str | None) -> str:
    """138****5678 for a mobile number in any spacing; any other (a landline) keeps only its
    last two digits (****56): the first three and last four of 8 digits would leave one unknown."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    return f"****{digits[-2:]}" if len(digits) >= 7 else "****"


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


# What people type into a time or date field. Full-width digits and punctuation (typed with a
# Chinese input method) are read as their ASCII twins first (NFKC).
_CLOCK = re.compile(r"(\d{1,2})(?:[:.点时](\d{2})?分?|点半|时半)?")
_HALF_DAY = {"上午": 0, "早上": 0, "中午": 12, "下午": 12, "晚上": 12}


def parse_time(text: str) -> time | None:
    """09:30 from "0930", "930", "9:30", "9.30", "9点30" or "9点半"; 14:00 from "14";
    "下午3点" is 15:00. None when the text is not a time of day (25:00, 9:5, "abc", "")."""
    typed = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    shift = 0
    for word, hours in _HALF_DAY.items():
        if typed.startswith(word):
            typed, shift = typed[len(word) :], hours
            break
    if typed.isdigit() and len(typed) in (3, 4):
        # Without a separator the last two digits are the minutes: 930 is 9:30, 0930 too.
        hour, minute = int(typed[:-2]), int(typed[-2:])
    else:
        match = _CLOCK.fullmatch(typed)
        if match is None:
            return None
        hour = int(match.group(1))
        minute = 30 if typed.endswith("半") else int(match.group(2) or 0)
    if shift and hour < 12:
        hour += shift
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_date(text: str, *, this_year: int) -> date | None:
    """A typed date: "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305"; without a
    year ("3月5日", "3-5") it is in `this_year`. None when the text is no real date
    (2026-02-30, "abc", "")."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if typed.isdigit() and len(typed) == 8:
        year, month, day = int(typed[:4]), int(typed[4:6]), int(typed[6:])
    elif match := _FULL_DATE.fullmatch(typed):
        year, month, day = (int(part) for part in match.groups())
    elif match := _MONTH_DAY.fullmatch(typed):
        year, month, day = this_year, int(match.group(1)), int(match.group(2))
    else:
        return None
    if not 1900 <= year <= 2199:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
