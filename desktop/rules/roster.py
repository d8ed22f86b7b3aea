"""The roster's vocabulary and the checks of one member's fields, below reads and writes.

The district office keeps the roster (委员名册); the form, the Excel import and the demo all
use the sector list (界别) and the field rules written here, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktop.models.enums import Gender, MemberLevel

# 界别 of a district CPPCC committee: the one list every member's sector must come from.
SECTORS: tuple[str, ...] = (
    "中国共产党",
    "中国国民党革命委员会",
    "中国民主同盟",
    "中国民主建国会",
    "中国民主促进会",
    "中国农工民主党",
    "中国致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "总工会",
    "妇联",
    "工商联",
    "科技界",
    "经济界",
    "农业界",
    "教育界",
    "文化艺术界",
    "医药卫生界",
    "社会福利和社会保障界",
    "特邀人士",
)

# 党派: offered by the form; the field is free text (a member's party is as written).
PARTIES: tuple[str, ...] = (
    "中共党员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "无党派人士",
    "群众",
)

# 专业组 (委员特长分类) the street committees use; offered, not enforced.
EXPERTISE_GROUPS: tuple[str, ...] = (
    "经济发展",
    "城市建管",
    "教育医疗",
    "法律",
    "社会保障",
    "文化体育",
    "农业农村",
)

# Digits with the usual separators: 13812345678, 0513-85012345, 0513 8501 2345.
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
FIRST_YEAR, LAST_YEAR = 1949, 2100

# The form's and the spreadsheet's name of each field.
FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "sector": "界别",
    "party": "党派",
    "level": "级别",
    "workplace": "工作单位",
    "post": "职务",
    "phone": "电话",
    "expertise": "专业组",
    "term": "届别",
    "term_start_year": "任期起",
    "term_end_year": "任期止",
}
# Longest text each field holds (the columns' lengths).
MAX_LENGTHS: dict[str, int] = {
    "name": 50,
    "sector": 50,
    "party": 50,
    "workplace": 200,
    "post": 100,
    "phone": 30,
    "expertise": 50,
    "term": 30,
}


@dataclass(frozen=True)
class MemberData:
    """What the member form (or one spreadsheet row) holds."""

    name: str
    gender: Gender
    sector: str
    level: MemberLevel
    party: str | None = None
    workplace: str | None = None
    post: str | None = None
    phone: str | None = None
    expertise: str | None = None
    term: str | None = None
    term_start_year: int | None = None
    term_end_year: int | None = None


@dataclass(frozen=True)
class FieldProblem:
    """One refused field: `field` is MemberData's attribute, `message` names it in Chinese."""

    field: str
    message: str


def _text(value: str | None) -> str | None:
    stripped = (value or "").strip()
    return stripped or None


def cleaned(data: MemberData) -> MemberData:
    """The data with surrounding spaces removed and empty optional text as None."""
    return replace(
        data,
        name=data.name.strip(),
        sector=data.sector.strip(),
        party=_text(data.party),
        workplace=_text(data.workplace),
        post=_text(data.post),
        phone=_text(data.phone),
        expertise=_text(data.expertise),
        term=_text(data.term),
    )


def phone_key(phone: str | None) -> str:
    """The digits of a phone number, to compare numbers written with or without separators."""
    return "".join(ch for ch in phone or "" if ch.isdigit())


def member_problems(data: MemberData, *, allowed_sector: str | None = None) -> list[FieldProblem]:
    """Every wrong field of (cleaned) `data`; empty when it may be saved.

    `allowed_sector` is a sector outside the list that is still accepted (the member's own,
    stored before the list was enforced), so an old record can be edited without retyping it.
    """
    problems: list[FieldProblem] = []

    def refuse(field: str, message: str) -> None:
        problems.append(FieldProblem(field, message))

    if not data.name:
        refuse("name", "请填写姓名")
    if not isinstance(data.gender, Gender):
        refuse("gender", "请选择性别（男或女）")
    if not isinstance(data.level, MemberLevel):
        refuse("level", "请选择级别")
    if not data.sector:
        refuse("sector", "请选择界别")
    elif data.sector not in SECTORS and data.sector != allowed_sector:
        refuse("sector", f"界别「{data.sector}」不在界别名单中")
    for field, limit in MAX_LENGTHS.items():
        value = getattr(data, field)
        if isinstance(value, str) and len(value) > limit:
            refuse(field, f"{FIELD_LABELS[field]}不能超过{limit}个字")
    phone = data.phone
    if phone and len(phone) <= MAX_LENGTHS["phone"] and not PHONE_PATTERN.match(phone):
        refuse("phone", "电话号码格式不正确，只能包含数字、空格和“-”")
    for field in ("term_start_year", "term_end_year"):
        year = getattr(data, field)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            refuse(field, f"{FIELD_LABELS[field]}应是{FIRST_YEAR}至{LAST_YEAR}之间的年份")
    start, end = data.term_start_year, data.term_end_year
    if start is not None and end is not None and end < start:
        refuse("term_end_year", f"任期止（{end}年）早于任期起（{start}年）")
    return problems
