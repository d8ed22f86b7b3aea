"""Every document of a demo: public ones name no resident and show no phone number; none says
a word twice or keeps a placeholder; minutes exist only for meetings that took place."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from desktop import cli
from desktop.db import Database
from desktop.demo import generate
from desktop.documents.commands import HELD, make_document
from desktop.documents.year_report import write_year_report
from desktop.errors import UserError
from desktop.models import Meeting, Member, OpinionSlip, Outcome, Participant, Topic
from desktop.models.enums import MeetingForm, MeetingStatus, ParticipantKind, TopicStatus
from desktop.paths import Home
from tests.documents import pdf_probe as probe

TODAY = date(2026, 11, 29)
PUBLIC_KINDS = ("notice", "feedback")
# Generators must never write these (checked on text without whitespace, so a phrase broken
# over two lines still counts).
BAD_WORDING = {
    "host name said twice": re.compile(r"(协商议事|协商)室\1"),
    "event said twice": re.compile(r"活动”(?:协商议事|协商)?活动"),
    "sentence said twice": re.compile(r"([\u4e00-\u9fff]{2,8})。\1"),
    "placeholder for the village": re.compile(r"村（社区）"),
    "missing value": re.compile(r"None|null|\{\w*\}|“”|（）"),
}


def _text(path: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it (what a search engine indexes), else
    as pypdf does; without whitespace."""
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        return probe.squeeze(out)
    return probe.full_text(path)


def _docx_text(path: Path) -> str:
    """A Word file's paragraphs and table cells, without whitespace."""
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return probe.squeeze("".join([*(p.text for p in document.paragraphs), *cells]))


def _spaced(phone: str, rng: random.Random) -> str:
    """138 1234 5678, 138-1234-5678 or as stored: how people write numbers in free text."""
    gap = rng.choice(["", " ", "-"])
    return f"{phone[:3]}{gap}{phone[3:7]}{gap}{phone[7:]}"


def _demo_with_personal_data(db: Database, seed: int) -> tuple[set[str], set[str]]:
    """A demo whose free texts also name residents with their phone numbers and flats, as
    secretaries type them; returns the residents' names and every stored phone number."""
    generate(db, seed=seed, rooms=1, years=1, today=TODAY)
    rng = random.Random(seed)
    with db.session() as s:
        public = set(s.scalars(select(Member.name))) | set(
            s.scalars(select(Participant.name).where(Participant.kind == ParticipantKind.CADRE))
        )
        residents = s.scalars(
            select(Participant).where(Participant.kind == ParticipantKind.RESIDENT)
        ).all()
        with_phone = [p for p in residents if p.phone and p.name not in public]
        assert with_phone, "the demo has residents with phone numbers"
        for topic in s.scalars(select(Topic)):
            person = rng.choice(with_phone)
            topic.description += f"居民{person.name}（{_spaced(person.phone or '', rng)}）反映。"
        for outcome in s.scalars(select(Outcome)):
            person = rng.choice(with_phone)
            outcome.feedback = (
                f"已电话告知{person.name}（{_spaced(person.phone or '', rng)}），"
                f"3号楼2单元50{rng.randint(1, 9)}室、5组1{rng.randint(0, 9)}号已处理。"
            )
        private = {p.name for p in residents} | {
            name for name in s.scalars(select(OpinionSlip.reporter_name)) if name
        }
        phones = {
            re.sub(r"\D", "", phone)
            for phone in [*s.scalars(select(Participant.phone)), *s.scalars(select(Member.phone))]
            if phone
        }
    return private - public, phones


def _public_targets(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        topics = s.scalars(
            select(Topic.id).where(
                Topic.deleted.is_(False),
                Topic.status.not_in([TopicStatus.COLLECTED, TopicStatus.DECLINED]),
            )
        ).all()
        held = s.scalars(
            select(Meeting.id).where(Meeting.deleted.is_(False), Meeting.status.in_(HELD))
        ).all()
    return [("notice", topic) for topic in topics] + [("feedback", m) for m in held]


@pytest.mark.parametrize("seed", [1, 3])
def test_no_public_document_names_a_resident_or_shows_a_phone(
    room_db: Database, tmp_path: Path, seed: int
) -> None:
    private, phones = _demo_with_personal_data(room_db, seed)
    targets = _public_targets(room_db)
    kinds = {kind for kind, _target in targets}
    assert kinds == set(PUBLIC_KINDS) and len(targets) > 20
    leaks: list[str] = []
    flats = 0
    for index, (kind, target) in enumerate(targets):
        path = make_document(
            room_db, kind=kind, target=target, path=tmp_path / f"{index}.pdf", today=TODAY
        )
        text = _text(path)
        numbers = {re.sub(r"\D", "", run) for run in re.findall(r"\d[\d\-]*\d", text)}
        leaks += [f"{kind} {target}: {name}" for name in private if name in text]
        leaks += [
            f"{kind} {target}: {phone}"
            for phone in phones
            if any(phone in number for number in numbers)
        ]
        flats += "*号楼*单元*室" in text
    assert not leaks
    assert flats > 0  # the flats typed into the outcomes' feedback were there, masked
    # Public documents exist as PDF only: no Word copy could escape the mask.
    for kind in PUBLIC_KINDS:
        with pytest.raises(UserError, match="不支持的文件格式"):
            make_document(room_db, kind=kind, path=tmp_path / "x.docx", today=TODAY)


def test_no_document_of_the_demo_says_a_word_twice(room_db: Database, tmp_path: Path) -> None:
    generate(room_db, seed=2, rooms=1, years=1, today=TODAY)
    jobs: list[tuple[str, str, dict[str, str]]] = [
        (kind, target, {}) for kind, target in _public_targets(room_db)
    ]
    with room_db.session() as s:
        meetings = s.execute(select(Meeting.id, Meeting.status).where(Meeting.deleted.is_(False)))
        for meeting_id, status in meetings:
            jobs.append(("signin", meeting_id, {}))
            if status in HELD:
                jobs += [
                    ("minutes", meeting_id, {"layout": layout}) for layout in ("record", "jiyao")
                ]
    assert {kind for kind, _t, _o in jobs} == {"notice", "feedback", "signin", "minutes"}
    found: list[str] = []
    for index, (kind, target, options) in enumerate(jobs):
        path = make_document(
            room_db,
            kind=kind,
            target=target,
            path=tmp_path / f"{index}.pdf",
            today=TODAY,
            **options,  # type: ignore[arg-type]
        )
        text = _text(path)
        for problem, pattern in BAD_WORDING.items():
            found += [f"{kind} {options}: {problem}: {m.group(0)}" for m in pattern.finditer(text)]
    report = write_year_report(room_db, year=2026, path=tmp_path / "y.docx", today=TODAY)
    for problem, pattern in BAD_WORDING.items():
        found += [
            f"year report: {problem}: {m.group(0)}" for m in pattern.finditer(_docx_text(report))
        ]
    assert not found, found[:10]


def test_bad_wording_patterns_catch_what_they_name() -> None:
    # The patterns above are what keeps the generators honest: each must catch its example.
    examples = {
        "host name said twice": "和平桥社区协商议事室协商议事记录",
        "event said twice": "开展“和平桥社区2026年第二次协商议事活动”协商议事活动",
        "sentence said twice": "协商意见：原则同意。原则同意，由社区牵头",
        "placeholder for the village": "本村（社区）居民代表",
        "missing value": "地点：None",
    }
    for problem, example in examples.items():
        assert BAD_WORDING[problem].search(example), problem
    assert not any(p.search("和平桥社区协商议事室会议记录") for p in BAD_WORDING.values())


def _unheld_meetings(db: Database) -> dict[MeetingStatus, str]:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    meetings = {
        status: Meeting(
            room_id=installation.room_id,
            title="路灯专题协商",
            held_on=date(2026, 12, 5),
            place="南门小区活动室",
            form=MeetingForm.ONSITE,
            status=status,
        )
        for status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)
    }
    with db.session() as s:
        s.add_all(meetings.values())
        s.flush()
        return {status: meeting.id for status, meeting in meetings.items()}


@pytest.mark.parametrize(
    ("status", "why"), [(MeetingStatus.PLANNED, "尚未召开"), (MeetingStatus.CANCELLED, "已取消")]
)
def test_only_a_meeting_that_took_place_has_minutes(
    room_db: Database, tmp_path: Path, status: MeetingStatus, why: str
) -> None:
    meeting_id = _unheld_meetings(room_db)[status]
    for kind, suffix, options in (
        ("minutes", ".pdf", {"layout": "record"}),
        ("minutes", ".docx", {"layout": "jiyao"}),
        ("feedback", ".pdf", {}),
    ):
        path = tmp_path / f"{kind}{suffix}"
        with pytest.raises(UserError, match=why):
            make_document(room_db, kind=kind, target=meeting_id, path=path, **options)  # type: ignore[arg-type]
        assert not path.exists()
    # The sign-in sheet is printed for the door before the meeting.
    path = make_document(room_db, kind="signin", target=meeting_id, path=tmp_path / "s.pdf")
    assert "签到表" in probe.full_text(path)


def test_cli_refuses_the_minutes_of_a_planned_meeting(
    room_db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting_id = _unheld_meetings(room_db)[MeetingStatus.PLANNED]
    room_db.close()
    out = tmp_path / "m.pdf"
    code = cli.main(["--home", str(home.root), "doc", "minutes", meeting_id, "-o", str(out)])
    assert code == 2 and not out.exists()
    assert "该议事活动尚未召开，不能打印协商议事记录" in capsys.readouterr().err


def test_the_year_report_tells_its_cases_without_residents(
    room_db: Database, tmp_path: Path
) -> None:
    private, phones = _demo_with_personal_data(room_db, 1)
    path = write_year_report(room_db, year=2026, path=tmp_path / "y.docx", today=TODAY)
    text = _docx_text(path)
    assert "典型案例" in text and "已电话告知" in text  # the seeded feedback is quoted
    assert not [name for name in private if name in text]
    numbers = {re.sub(r"\D", "", run) for run in re.findall(r"\d[\d\-]*\d", text)}
    assert not [phone for phone in phones if any(phone in number for number in numbers)]
