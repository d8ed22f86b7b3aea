"""The roster (委员名册) as an Excel workbook: export, a blank template, and import.

Export and import use the same sheets and columns, so a file exported, edited in Excel or
WPS and imported again changes only what was edited:

- 委员: one row per member (姓名 … 任期止, 状态 在任/已退出);
- 派驻: one row per assignment, current and past (the member by 姓名 and 电话, the 片区 or
  the 议事室 of a 所属乡镇/街道, 派驻起, 派驻止 empty while it lasts); a 片区 the township
  does not have yet is made by the import (its name only: the rooms it covers are chosen on
  the 片区 tab);
- 团队: one row per team member (团队, 类型, the member, 组别); a team without members is
  one row with the member's cells empty;
- 说明: what each column takes, and the lists (界别, 性别, 级别, 团队类型).

An import is all or nothing (one unit of work). A member is matched by name and phone (else
added); an assignment by member, place and start (else added; an ended one is never
rewritten); team rows add members to teams (nobody is taken off). A refused file names
every bad row and column. The file is read as a stream with limits on its size, rows and
cells, so a damaged, hostile or huge file is refused in words, never with a traceback.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.errors import UserError, os_reason
from desktop.files import atomic_path
from desktop.models import Area, Assignment, Member, Room, Team, TeamMembership, Township
from desktop.models.base import new_id
from desktop.models.enums import Gender, MemberLevel, TeamKind
from desktop.queries import roster as roster_queries
from desktop.rules.rooms import is_room
from desktop.rules.roster import (
    FIELD_LABELS,
    SECTORS,
    MemberData,
    cleaned,
    member_problems,
    phone_key,
)
from desktop.workflow import roster as roster_flow

MEMBERS_SHEET, ASSIGNMENTS_SHEET, TEAMS_SHEET, NOTES_SHEET = "委员", "派驻", "团队", "说明"
MEMBER_COLUMNS = (
    "姓名",
    "性别",
    "界别",
    "党派",
    "级别",
    "工作单位",
    "职务",
    "电话",
    "专业组",
    "届别",
    "任期起",
    "任期止",
    "状态",
)
ASSIGNMENT_COLUMNS = ("姓名", "电话", "所属乡镇/街道", "片区", "议事室", "派驻起", "派驻止")
TEAM_COLUMNS = ("团队", "类型", "姓名", "电话", "组别")
ACTIVE, RETIRED = "在任", "已退出"
# MemberData's attribute behind each member column (状态 is the active flag).
_MEMBER_FIELDS = {label: name for name, label in FIELD_LABELS.items()}

# Bounds on what an import reads: a roster is a few hundred members, so these are generous.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members of the zip, as the archive declares
MAX_ROWS = {MEMBERS_SHEET: 5_000, ASSIGNMENTS_SHEET: 20_000, TEAMS_SHEET: 20_000}
MAX_COLUMNS = 40
MAX_CELL_CHARS = 1_000
DATE_FORMAT = "yyyy-mm-dd"


class RosterFileError(UserError):
    """A file that cannot be read as a roster workbook at all; nothing was changed."""


@dataclass(frozen=True)
class RowProblem:
    """One bad cell (or row, when `column` is empty) of the imported workbook."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}表 第{self.row}行" if self.row else f"{self.sheet}表"
        return (
            f"{where} {self.column}：{self.message}" if self.column else f"{where}：{self.message}"
        )


class RosterImportError(UserError):
    """The import was refused; `problems` names every bad row and column. Nothing changed."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        rows = sorted({(p.sheet, p.row) for p in problems if p.row})
        lines = "\n".join(str(p) for p in problems)
        super().__init__(
            f"名册未导入（文件有 {len(problems)} 处问题，涉及 {len(rows)} 行），"
            f"数据没有任何改动：\n{lines}"
        )

    @property
    def rows(self) -> list[tuple[str, int]]:
        """(sheet, row number) of every bad row, in order."""
        return sorted({(p.sheet, p.row) for p in self.problems if p.row})


@dataclass
class ImportSummary:
    """What an import did."""

    members_added: int = 0
    members_updated: int = 0
    members_unchanged: int = 0
    assignments_added: int = 0
    assignments_ended: int = 0
    teams_added: int = 0
    team_members_added: int = 0
    # Each area the import made, as "片区（镇街道）", in the order the file names them.
    areas_added: list[str] = field(default_factory=list)

    def describe(self) -> str:
        text = (
            f"委员：新增 {self.members_added}，更新 {self.members_updated}，"
            f"未变 {self.members_unchanged}；派驻：新增 {self.assignments_added}，"
            f"结束 {self.assignments_ended}；团队：新增 {self.teams_added}，"
            f"加入成员 {self.team_members_added}"
        )
        if self.areas_added:
            text += (
                f"；新建片区 {len(self.areas_added)} 个：{'、'.join(self.areas_added)}"
                "（请在“片区”页选择各片区覆盖的议事室）"
            )
        return text


# --- writing ----------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_WIDTHS = {"姓名": 10, "工作单位": 28, "职务": 14, "界别": 20, "电话": 16, "团队": 20}


def _put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return
    cell.value = value  # type: ignore[assignment]
    if isinstance(value, str):
        # Text is text: "=…" written by a member must never become a formula.
        cell.data_type = "s"
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


def _sheet(book: Workbook, title: str, columns: tuple[str, ...], rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title)
    for index, label in enumerate(columns, start=1):
        _put(sheet, 1, index, label)
        sheet.cell(row=1, column=index).font = _HEADER_FONT
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(label, 12)
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            _put(sheet, number, index, value)
    sheet.freeze_panes = "A2"


def _pick_list(
    book: Workbook, sheet: str, columns: tuple[str, ...], column: str, source: str
) -> None:
    """A drop-down on `column` of `sheet` offering the cells `source` of the notes sheet."""
    check = DataValidation(type="list", formula1=source, allow_blank=True)
    check.showErrorMessage = False  # offered, not enforced: the import says what is wrong
    letter = get_column_letter(columns.index(column) + 1)
    check.add(f"{letter}2:{letter}{MAX_ROWS[sheet] + 1}")
    book[sheet].add_data_validation(check)


def _notes(book: Workbook) -> None:
    sheet = book.create_sheet(NOTES_SHEET)
    lines = [
        "委员名册：导出与导入使用相同的表和列。",
        "委员表：每位委员一行；姓名、性别、界别、级别必填；状态填“在任”或“已退出”（空表示在任）。",
        "派驻表：每次派驻一行；委员按姓名和电话对应委员表或名册；片区与议事室二者填一；"
        "所属乡镇/街道中还没有的片区，导入时新建；派驻止为空表示仍在派驻；已结束的派驻不能改写。",
        "团队表：每位团队成员一行；只填团队和类型表示没有成员的团队；导入只增加成员，不移除。",
        "导入时按姓名和电话匹配已有委员，匹配不到则新增；文件有任何问题则全部不导入，并列出每一处。",
    ]
    for number, line in enumerate(lines, start=1):
        _put(sheet, number, 1, line)
    lists = (
        ("界别", list(SECTORS)),
        ("性别", [g.label for g in Gender]),
        ("级别", [m.label for m in MemberLevel]),
        ("状态", [ACTIVE, RETIRED]),
        ("团队类型", [k.label for k in TeamKind]),
    )
    start = len(lines) + 2
    for offset, (title, values) in enumerate(lists):
        column = offset + 1
        _put(sheet, start, column, title)
        sheet.cell(row=start, column=column).font = _HEADER_FONT
        sheet.column_dimensions[get_column_letter(column)].width = 22
        for number, value in enumerate(values, start=start + 1):
            _put(sheet, number, column, value)
    sheet.column_dimensions["A"].width = 24

    def source(offset: int, count: int) -> str:
        letter = get_column_letter(offset + 1)
        return f"'{NOTES_SHEET}'!${letter}${start + 1}:${letter}${start + count}"

    for offset, (title, values) in enumerate(lists):
        if title == "团队类型":
            _pick_list(book, TEAMS_SHEET, TEAM_COLUMNS, "类型", source(offset, len(values)))
        else:
            _pick_list(book, MEMBERS_SHEET, MEMBER_COLUMNS, title, source(offset, len(values)))


def _write_book(
    path: Path,
    members: list[list[object]],
    assignments: list[list[object]],
    teams: list[list[object]],
) -> Path:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(book, MEMBERS_SHEET, MEMBER_COLUMNS, members)
    _sheet(book, ASSIGNMENTS_SHEET, ASSIGNMENT_COLUMNS, assignments)
    _sheet(book, TEAMS_SHEET, TEAM_COLUMNS, teams)
    _notes(book)
    path = Path(path)
    try:
        with atomic_path(path) as part:
            book.save(part)
    except OSError as error:
        raise RosterFileError(f"无法写入 {path}：{os_reason(error)}") from error
    return path


def roster_template(path: Path) -> Path:
    """A blank workbook with the import's sheets, columns, lists and notes."""
    return _write_book(path, [], [], [])


def export_roster(db: Database, path: Path) -> Path:
    """The whole roster (live members, their assignments past and present, teams) as .xlsx."""
    with db.session() as session:
        today = clock.today()
        members = roster_queries.members(session, today=today)
        by_id = {m.id: m for m in members}
        member_rows: list[list[object]] = [
            [
                m.name,
                m.gender.label,
                m.sector,
                m.party,
                m.level.label,
                m.workplace,
                m.post,
                m.phone,
                m.expertise,
                m.term,
                m.term_start_year,
                m.term_end_year,
                ACTIVE if m.active else RETIRED,
            ]
            for m in members
        ]
        order = {m.id: index for index, m in enumerate(members)}
        assignments = [
            a for a in roster_queries.all_assignments(session, today=today) if a.member_id in by_id
        ]
        assignments.sort(key=lambda a: (order[a.member_id], a.start, a.township, a.place))
        assignment_rows: list[list[object]] = [
            [
                by_id[a.member_id].name,
                by_id[a.member_id].phone,
                a.township,
                a.place if a.area_id is not None else None,
                a.place if a.room_id is not None else None,
                a.start,
                a.end,
            ]
            for a in assignments
        ]
        team_rows: list[list[object]] = []
        for team in roster_queries.teams(session):
            if not team.members:
                team_rows.append([team.name, team.kind.label, None, None, None])
            for person in team.members:
                phone = by_id[person.member_id].phone if person.member_id in by_id else None
                team_rows.append([team.name, team.kind.label, person.name, phone, person.group])
    return _write_book(path, member_rows, assignment_rows, team_rows)


# --- reading ----------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    cells: dict[str, Any]


@dataclass
class _Sheet:
    rows: list[_Row] = field(default_factory=list)
    present: bool = False


def _check_archive(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise RosterFileError(f"无法读取 {path}：{os_reason(error)}") from error
    if not path.is_file():
        raise RosterFileError(f"{path} 不是文件")
    if size > MAX_FILE_BYTES:
        raise RosterFileError(
            f"{path.name} 有 {size // (1024 * 1024)} MB，名册文件不应超过 "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise RosterFileError(
            f"{path.name} 不是有效的 Excel 文件（.xlsx），可能已损坏或是其他格式；"
            "请用 Excel 或 WPS 另存为 .xlsx 后再导入"
        ) from error
    if len(members) > 1_000 or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise RosterFileError(f"{path.name} 解压后过大，不像是名册文件")


def _read_sheet(
    book: Any, title: str, columns: tuple[str, ...], problems: list[RowProblem]
) -> _Sheet:
    if title not in book.sheetnames:
        return _Sheet()
    sheet = book[title]
    out = _Sheet(present=True)
    positions: dict[int, str] = {}
    rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(max_col=MAX_COLUMNS)
    header = next(rows, None)
    if header is not None:
        for index, cell in enumerate(header):
            label = _plain(cell)
            if isinstance(label, str) and label.strip() in columns:
                positions.setdefault(index, label.strip())
    missing = [c for c in columns if c not in positions.values()]
    if missing:
        problems.append(RowProblem(title, 1, "", f"第一行缺少列：{'、'.join(missing)}"))
        return out
    limit = MAX_ROWS[title]
    for number, cells in enumerate(rows, start=2):
        if number > limit + 1:
            problems.append(
                RowProblem(title, number, "", f"超过 {limit} 行，文件未读完；请分批导入")
            )
            break
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            column = positions.get(index)
            if column is None:
                continue
            if getattr(cell, "data_type", None) == "f":
                problems.append(RowProblem(title, number, column, "是公式，请改为直接填写的内容"))
                continue
            value = _plain(cell)
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.append(RowProblem(title, number, column, f"内容过长（{len(value)} 字）"))
                continue
            values[column] = value
        if any(v is not None and (not isinstance(v, str) or v.strip()) for v in values.values()):
            out.rows.append(_Row(number, values))
    return out


def _plain(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    return value


def _read_book(path: Path) -> tuple[_Sheet, _Sheet, _Sheet, list[RowProblem]]:
    _check_archive(path)
    problems: list[RowProblem] = []
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # a damaged file raises whatever its parser meets
        raise RosterFileError(
            f"{path.name} 不是有效的 Excel 文件（.xlsx），可能已损坏：{type(error).__name__}"
        ) from error
    try:
        if MEMBERS_SHEET not in book.sheetnames:
            raise RosterFileError(
                f"{path.name} 中没有「{MEMBERS_SHEET}」表；请使用导出的名册或模板"
            )
        members = _read_sheet(book, MEMBERS_SHEET, MEMBER_COLUMNS, problems)
        assignments = _read_sheet(book, ASSIGNMENTS_SHEET, ASSIGNMENT_COLUMNS, problems)
        teams = _read_sheet(book, TEAMS_SHEET, TEAM_COLUMNS, problems)
    except UserError:
        raise
    except Exception as error:  # the sheets are parsed lazily: damage shows up here
        raise RosterFileError(f"{path.name} 已损坏，无法读完：{type(error).__name__}") from error
    finally:
        book.close()
    return members, assignments, teams, problems


# --- cell values ------------------------------------------------------------------------------


class _Bad(ValueError):
    """A cell that does not hold what its column takes."""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        raise _Bad("应是文字，不是日期")
    text = str(value).strip()
    return text or None


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _date(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise _Bad("应是日期（如 2024-03-01），不含时间")
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and (found := _DATE_TEXT.match(value.strip())):
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError as error:
            raise _Bad(f"「{value.strip()}」不是有效的日期") from error
    else:
        raise _Bad(f"「{value}」不是日期（应写作 2024-03-01）")
    if not 1949 <= day.year <= 2100:
        raise _Bad(f"日期 {day.isoformat()} 不在 1949 至 2100 年之间")
    return day


def _year(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _Bad("应是年份")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}\s*年?", value.strip()):
        return int(value.strip()[:4])
    raise _Bad(f"「{value}」不是年份（应写作 2021）")


def _label(value: Any, enum: Any, what: str) -> Any:
    text = _text(value)
    if text is None:
        raise _Bad(f"请填写{what}")
    for item in enum:
        if text in (item.label, item.value):
            return item
    # 男/女 are what people write; 区政协委员 may be written 区 or 区级.
    for item in enum:
        if item.label.startswith(text.removesuffix("级")):
            return item
    choices = "、".join(item.label for item in enum)
    raise _Bad(f"「{text}」不是可选的{what}（{choices}）")


# --- import -----------------------------------------------------------------------------------

_Key = tuple[str, str]  # (name, phone digits): how rows name a member


@dataclass
class _MemberIn:
    row: int
    data: MemberData
    active: bool
    existing: Member | None


def _member_rows(
    session: Session, sheet: _Sheet, problems: list[RowProblem]
) -> dict[_Key, _MemberIn]:
    existing: dict[_Key, list[Member]] = defaultdict(list)
    for member in session.scalars(select(Member).where(Member.deleted.is_(False))):
        existing[member.name, phone_key(member.phone)].append(member)
    found: dict[_Key, _MemberIn] = {}
    for row in sheet.rows:
        bad: list[RowProblem] = []

        def cell(
            column: str, parse: Any, *args: Any, row: _Row = row, bad: list[RowProblem] = bad
        ) -> Any:
            try:
                return parse(row.cells.get(column), *args)
            except _Bad as error:
                bad.append(RowProblem(MEMBERS_SHEET, row.number, column, str(error)))
                return None

        status = cell("状态", _text) or ACTIVE
        if status not in (ACTIVE, RETIRED):
            bad.append(
                RowProblem(MEMBERS_SHEET, row.number, "状态", f"「{status}」应为“在任”或“已退出”")
            )
        gender = cell("性别", _label, Gender, "性别")
        level = cell("级别", _label, MemberLevel, "级别")
        data = cleaned(
            MemberData(
                name=cell("姓名", _text) or "",
                gender=gender,
                sector=cell("界别", _text) or "",
                level=level,
                party=cell("党派", _text),
                workplace=cell("工作单位", _text),
                post=cell("职务", _text),
                phone=cell("电话", _text),
                expertise=cell("专业组", _text),
                term=cell("届别", _text),
                term_start_year=cell("任期起", _year),
                term_end_year=cell("任期止", _year),
            )
        )
        key = (data.name, phone_key(data.phone))
        matches = existing.get(key, [])
        if len(matches) > 1:
            bad.append(
                RowProblem(
                    MEMBERS_SHEET,
                    row.number,
                    "姓名",
                    f"名册中有 {len(matches)} 位姓名和电话都相同的「{data.name}」，无法确定",
                )
            )
        current = matches[0] if len(matches) == 1 else None
        taken = {p.column for p in bad}
        for problem in member_problems(data, allowed_sector=current.sector if current else None):
            column = FIELD_LABELS[problem.field]
            if column in taken or problem.field in ("gender", "level"):
                continue  # already named by the cell's own problem
            bad.append(RowProblem(MEMBERS_SHEET, row.number, column, problem.message))
        if data.name and key in found:
            bad.append(
                RowProblem(
                    MEMBERS_SHEET,
                    row.number,
                    "姓名",
                    f"与第{found[key].row}行是同一委员（姓名和电话相同）",
                )
            )
        problems.extend(bad)
        if data.name and key not in found:
            found[key] = _MemberIn(row.number, data, status != RETIRED, current)
    # A phone belongs to one active member: among the file's rows and the roster's others.
    holders: dict[str, _MemberIn] = {}
    for entry in found.values():
        number = phone_key(entry.data.phone)
        if not entry.active or not number:
            continue
        if number in holders:
            first = holders[number]
            problems.append(
                RowProblem(
                    MEMBERS_SHEET,
                    entry.row,
                    "电话",
                    f"电话 {entry.data.phone} 与第{first.row}行（{first.data.name}）重复",
                )
            )
            continue
        holders[number] = entry
    in_file = {id(e.existing) for e in found.values() if e.existing is not None}
    for member in session.scalars(
        select(Member).where(Member.deleted.is_(False), Member.active.is_(True))
    ):
        if id(member) in in_file:
            continue
        holder = holders.get(phone_key(member.phone)) if member.phone else None
        if holder is not None and holder.existing is not member:
            problems.append(
                RowProblem(
                    MEMBERS_SHEET,
                    holder.row,
                    "电话",
                    f"电话 {holder.data.phone} 已被名册中的在任委员「{member.name}」使用",
                )
            )
    return found


@dataclass
class _AssignmentIn:
    row: int
    key: _Key
    area_id: str | None
    room_id: str | None
    start: date
    end: date | None
    existing: Assignment | None


# (township id, name) of an area the file names that the township does not have yet, and
# the stand-in id its rows carry until the import makes it.
_NewAreas = dict[tuple[str, str], str]
AREA_NAME_MAX = 100


def _member_ref(
    sheet: str,
    row: _Row,
    found: dict[_Key, _MemberIn],
    roster: dict[_Key, list[Member]],
    problems: list[RowProblem],
) -> _Key | None:
    try:
        name = _text(row.cells.get("姓名"))
        phone = _text(row.cells.get("电话"))
    except _Bad as error:
        problems.append(RowProblem(sheet, row.number, "姓名", str(error)))
        return None
    if name is None:
        problems.append(RowProblem(sheet, row.number, "姓名", "请填写委员姓名"))
        return None
    key = (name, phone_key(phone))
    if key in found:
        return key
    matches = roster.get(key, [])
    if len(matches) == 1:
        return key
    told = f"「{name}」" + (f"（电话 {phone}）" if phone else "（无电话）")
    if matches:
        problems.append(RowProblem(sheet, row.number, "姓名", f"名册中有多位{told}，无法确定"))
    else:
        problems.append(
            RowProblem(sheet, row.number, "姓名", f"委员{told}不在委员表中，也不在名册中")
        )
    return None


def _assignment_rows(
    session: Session,
    sheet: _Sheet,
    found: dict[_Key, _MemberIn],
    roster: dict[_Key, list[Member]],
    problems: list[RowProblem],
    new_areas: _NewAreas,
) -> list[_AssignmentIn]:
    townships = {
        t.name: t for t in session.scalars(select(Township).where(Township.deleted.is_(False)))
    }
    areas = {
        (a.township_id, a.name): a
        for a in session.scalars(select(Area).where(Area.deleted.is_(False)))
    }
    rooms: dict[tuple[str, str], list[Room]] = defaultdict(list)
    # Members are assigned to rooms, never to the district's office hosts.
    for room in session.scalars(select(Room).where(Room.deleted.is_(False), is_room())):
        if room.township_id is not None:
            rooms[room.township_id, room.name].append(room)
    out: list[_AssignmentIn] = []
    seen: dict[tuple[_Key, str | None, str | None], list[_AssignmentIn]] = defaultdict(list)
    name = ASSIGNMENTS_SHEET
    for row in sheet.rows:
        count = len(problems)
        key = _member_ref(name, row, found, roster, problems)
        texts: dict[str, str | None] = {}
        for column in ("所属乡镇/街道", "片区", "议事室"):
            try:
                texts[column] = _text(row.cells.get(column))
            except _Bad as error:
                problems.append(RowProblem(name, row.number, column, str(error)))
                texts[column] = None
        days: dict[str, date | None] = {}
        for column in ("派驻起", "派驻止"):
            try:
                days[column] = _date(row.cells.get(column))
            except _Bad as error:
                problems.append(RowProblem(name, row.number, column, str(error)))
                days[column] = None
        start, end = days["派驻起"], days["派驻止"]
        if start is None and "派驻起" not in {p.column for p in problems[count:]}:
            problems.append(RowProblem(name, row.number, "派驻起", "请填写派驻开始日期"))
        if start is not None and end is not None and end < start:
            problems.append(
                RowProblem(
                    name,
                    row.number,
                    "派驻止",
                    f"派驻止（{end.isoformat()}）早于派驻起（{start.isoformat()}）",
                )
            )
        town_name, area_name, room_name = texts["所属乡镇/街道"], texts["片区"], texts["议事室"]
        area_id = room_id = None
        town = townships.get(town_name or "")
        if town_name is None:
            problems.append(RowProblem(name, row.number, "所属乡镇/街道", "请填写所属乡镇/街道"))
        elif town is None:
            problems.append(
                RowProblem(name, row.number, "所属乡镇/街道", f"没有名为「{town_name}」的乡镇/街道")
            )
        if (area_name is None) == (room_name is None):
            problems.append(
                RowProblem(name, row.number, "片区", "片区与议事室须填写一项（只填一项）")
            )
        elif town is not None and area_name is not None:
            area = areas.get((town.id, area_name))
            if area is not None:
                area_id = area.id
            elif len(area_name) > AREA_NAME_MAX:
                problems.append(
                    RowProblem(name, row.number, "片区", f"片区名称不能超过{AREA_NAME_MAX}个字")
                )
            else:
                # Made once however many rows name it; no assignment can hold it yet.
                area_id = new_areas.setdefault((town.id, area_name), new_id())
        elif town is not None and room_name is not None:
            candidates = rooms.get((town.id, room_name), [])
            if len(candidates) != 1:
                problems.append(
                    RowProblem(
                        name,
                        row.number,
                        "议事室",
                        f"{town.name}没有名为「{room_name}」的议事室"
                        if not candidates
                        else f"{town.name}有多个名为「{room_name}」的议事室",
                    )
                )
            else:
                room_id = candidates[0].id
        if len(problems) > count or key is None or start is None:
            continue
        entry = _AssignmentIn(row.number, key, area_id, room_id, start, end, None)
        member = found[key].existing if key in found else roster[key][0]
        active = found[key].active if key in found else bool(member and member.active)
        if member is not None:
            for held in session.scalars(
                select(Assignment).where(
                    Assignment.member_id == member.id,
                    Assignment.deleted.is_(False),
                    Assignment.area_id.is_(area_id)
                    if area_id is None
                    else Assignment.area_id == area_id,
                    Assignment.room_id.is_(room_id)
                    if room_id is None
                    else Assignment.room_id == room_id,
                )
            ):
                if held.start_date == start:
                    entry.existing = held
                    break
        if entry.existing is not None:
            held_end = entry.existing.end_date
            if held_end is not None and held_end != end:
                problems.append(
                    RowProblem(
                        name,
                        row.number,
                        "派驻止",
                        f"这次派驻已于 {held_end.isoformat()} 结束，已结束的派驻不能改写",
                    )
                )
                continue
        elif member is not None:
            clash = roster_flow.overlapping(
                session,
                member_id=member.id,
                area_id=area_id,
                room_id=room_id,
                start=start,
                end=end,
            )
            if clash is not None:
                problems.append(
                    RowProblem(
                        name,
                        row.number,
                        "派驻起",
                        f"与名册中已有的同一派驻（{clash.start_date.isoformat()} 至 "
                        f"{clash.end_date.isoformat() if clash.end_date else '今'}）时间重叠",
                    )
                )
                continue
        if not active and end is None:
            problems.append(
                RowProblem(name, row.number, "派驻止", "已退出的委员不能有未结束的派驻")
            )
            continue
        twins = seen[key, area_id, room_id]
        for other in twins:
            if (other.end is None or other.end >= start) and (end is None or other.start <= end):
                problems.append(
                    RowProblem(
                        name,
                        row.number,
                        "派驻起",
                        f"与第{other.row}行的同一派驻（{other.start.isoformat()} 至 "
                        f"{other.end.isoformat() if other.end else '今'}）时间重叠",
                    )
                )
                break
        else:
            twins.append(entry)
            out.append(entry)
    return out


@dataclass
class _TeamIn:
    row: int
    kind: TeamKind
    members: list[tuple[_Key, str | None, int]] = field(default_factory=list)


def _team_rows(
    sheet: _Sheet,
    found: dict[_Key, _MemberIn],
    roster: dict[_Key, list[Member]],
    problems: list[RowProblem],
) -> dict[str, _TeamIn]:
    teams: dict[str, _TeamIn] = {}
    name = TEAMS_SHEET
    for row in sheet.rows:
        try:
            team_name = _text(row.cells.get("团队"))
        except _Bad as error:
            problems.append(RowProblem(name, row.number, "团队", str(error)))
            continue
        if team_name is None:
            problems.append(RowProblem(name, row.number, "团队", "请填写团队名称"))
            continue
        if len(team_name) > 100:
            problems.append(RowProblem(name, row.number, "团队", "团队名称不能超过100个字"))
            continue
        try:
            kind = _label(row.cells.get("类型"), TeamKind, "团队类型")
        except _Bad as error:
            problems.append(RowProblem(name, row.number, "类型", str(error)))
            continue
        team = teams.setdefault(team_name, _TeamIn(row.number, kind))
        if team.kind is not kind:
            problems.append(
                RowProblem(
                    name, row.number, "类型", f"与第{team.row}行的类型（{team.kind.label}）不一致"
                )
            )
            continue
        if row.cells.get("姓名") is None and row.cells.get("电话") is None:
            continue
        key = _member_ref(name, row, found, roster, problems)
        try:
            group = _text(row.cells.get("组别"))
        except _Bad as error:
            problems.append(RowProblem(name, row.number, "组别", str(error)))
            continue
        if group is not None and len(group) > 50:
            problems.append(RowProblem(name, row.number, "组别", "组别名称不能超过50个字"))
            continue
        if key is None:
            continue
        twin = next((r for k, _, r in team.members if k == key), None)
        if twin is not None:
            problems.append(
                RowProblem(name, row.number, "姓名", f"与第{twin}行重复（同一团队同一委员）")
            )
            continue
        team.members.append((key, group, row.number))
    return teams


def _fields(member: Member) -> MemberData:
    return MemberData(
        name=member.name,
        gender=member.gender,
        sector=member.sector,
        level=member.level,
        party=member.party,
        workplace=member.workplace,
        post=member.post,
        phone=member.phone,
        expertise=member.expertise,
        term=member.term,
        term_start_year=member.term_start_year,
        term_end_year=member.term_end_year,
    )


def import_roster(db: Database, path: Path) -> ImportSummary:
    """Import a roster workbook, all or nothing; RosterImportError names every bad cell."""
    path = Path(path)
    members_sheet, assignments_sheet, teams_sheet, problems = _read_book(path)
    summary = ImportSummary()
    with db.session() as session:
        roster_flow.require_district(session)
        roster: dict[_Key, list[Member]] = defaultdict(list)
        for member in session.scalars(select(Member).where(Member.deleted.is_(False))):
            roster[member.name, phone_key(member.phone)].append(member)
        # A cell refused as read (a formula, too long) is not named again as missing.
        unread = {(p.sheet, p.row, p.column) for p in problems}
        later: list[RowProblem] = []
        found = _member_rows(session, members_sheet, later)
        new_areas: _NewAreas = {}
        assignments = _assignment_rows(session, assignments_sheet, found, roster, later, new_areas)
        teams = _team_rows(teams_sheet, found, roster, later)
        problems += [p for p in later if (p.sheet, p.row, p.column) not in unread]
        if problems:
            problems.sort(key=lambda p: (_SHEET_ORDER[p.sheet], p.row))
            raise RosterImportError(problems)
        today = clock.today()
        ids: dict[_Key, str] = {k: v[0].id for k, v in roster.items() if len(v) == 1}
        retiring: list[str] = []
        with session.no_autoflush:
            for key, entry in found.items():
                if entry.existing is None:
                    member = Member(id=new_id(), active=entry.active)
                    roster_flow.apply_member_fields(member, entry.data)
                    session.add(member)
                    summary.members_added += 1
                else:
                    member = entry.existing
                    if _fields(member) == entry.data and member.active == entry.active:
                        summary.members_unchanged += 1
                    else:
                        summary.members_updated += 1
                        roster_flow.apply_member_fields(member, entry.data)
                        if member.active and not entry.active:
                            retiring.append(member.id)
                        member.active = entry.active
                ids[key] = member.id
        session.flush()
        made = _make_areas(session, new_areas, summary)
        for item in assignments:
            if item.existing is not None:
                if item.existing.end_date is None and item.end is not None:
                    item.existing.end_date = item.end
                    summary.assignments_ended += 1
                continue
            session.add(
                Assignment(
                    member_id=ids[item.key],
                    area_id=made.get(item.area_id or "", item.area_id),
                    room_id=item.room_id,
                    start_date=item.start,
                    end_date=item.end,
                )
            )
            summary.assignments_added += 1
        session.flush()
        # Retired by the file: what the file did not end ends today, as retire_member does.
        for member_id in retiring:
            summary.assignments_ended += _end_open(session, member_id, today)
        session.flush()
        existing_teams = {t.name: t for t in session.scalars(select(Team))}
        for team_name, team_in in teams.items():
            team = existing_teams.get(team_name)
            if team is None or team.deleted or team.kind is not team_in.kind:
                if team is None or team.deleted:
                    summary.teams_added += 1
                team = roster_flow.write_team(
                    session,
                    name=team_name,
                    kind=team_in.kind,
                    team_id=team.id if team is not None and not team.deleted else None,
                )
            held = {
                row.member_id
                for row in session.scalars(
                    select(TeamMembership).where(
                        TeamMembership.team_id == team.id, TeamMembership.deleted.is_(False)
                    )
                )
            }
            wanted = [(ids[key], group) for key, group, _ in team_in.members]
            summary.team_members_added += sum(1 for member_id, _ in wanted if member_id not in held)
            roster_flow.write_team_members(session, team.id, wanted, only_add=True)
    return summary


_SHEET_ORDER = {MEMBERS_SHEET: 0, ASSIGNMENTS_SHEET: 1, TEAMS_SHEET: 2}


def _make_areas(session: Session, new_areas: _NewAreas, summary: ImportSummary) -> dict[str, str]:
    """The areas the file named that did not exist, made (name only, no rooms yet): the
    stand-in id of each mapped to the area's id."""
    made: dict[str, str] = {}
    for (township_id, area_name), stand_in in new_areas.items():
        # write_area brings back an area of that name deleted earlier (the name is unique).
        area = roster_flow.write_area(session, township_id=township_id, name=area_name, room_ids=[])
        made[stand_in] = area.id
        township = session.get_one(Township, township_id)
        summary.areas_added.append(f"{area_name}（{township.name}）")
    return made


def _end_open(session: Session, member_id: str, today: date) -> int:
    """A member retired by the import: open assignments end today (later ones withdrawn)."""
    ended = 0
    for assignment in session.scalars(
        select(Assignment).where(Assignment.member_id == member_id, Assignment.deleted.is_(False))
    ):
        if assignment.start_date > today:
            assignment.deleted = True
        elif assignment.end_date is None or assignment.end_date > today:
            assignment.end_date = today
            ended += 1
    return ended
