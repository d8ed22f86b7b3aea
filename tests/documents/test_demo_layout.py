"""Every notice and minutes of a demo room, read back with pdftotext -layout: no closing block
(落款, signatures) alone on its page, no line starting with closing punctuation, no number
split across lines; the Word minutes keep their closing lines with the signatures."""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from sqlalchemy import select

from desktop.db import open_database
from desktop.demo import generate
from desktop.documents.minutes import LAYOUTS, render_minutes
from desktop.documents.notice import render_notice
from desktop.documents.paragraph import CANNOT_START
from desktop.errors import UserError
from desktop.models import Meeting, Topic
from desktop.paths import Home
from desktop.setup import setup_room
from tests.documents.test_official_layout import PAGE_NUMBER, body_lines, layout_pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

TODAY = date(2026, 11, 29)
SIGNATURES = "（签字）"


@dataclass
class Printed:
    notices: dict[str, list[list[str]]] = field(default_factory=dict)
    minutes: dict[str, list[list[str]]] = field(default_factory=dict)
    word_minutes: list[Path] = field(default_factory=list)


@pytest.fixture(scope="module")
def printed(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    """A year of one demo room, every notice and minutes printed once for the module."""
    root = tmp_path_factory.mktemp("demo-layout")
    home = Home(root / "home")
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    try:
        setup_room(db, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
        generate(db, seed=2, rooms=1, years=1, today=TODAY)
        with db.session() as s:
            topics = s.scalars(select(Topic.id).order_by(Topic.id)).all()
            meetings = s.scalars(select(Meeting.id).order_by(Meeting.id)).all()
        found = Printed()
        for number, topic_id in enumerate(topics):
            path = root / f"notice-{number}.pdf"
            try:
                render_notice(db=db, topic_id=topic_id, path=path, today=TODAY)
            except UserError:
                continue  # not shortlisted: no notice
            found.notices[path.name] = layout_pages(path)
        for number, meeting_id in enumerate(meetings):
            for layout in LAYOUTS:
                path = root / f"minutes-{number}-{layout}.pdf"
                try:
                    render_minutes(db=db, meeting_id=meeting_id, path=path, layout=layout)
                except UserError:
                    continue  # not held yet: no minutes
                found.minutes[path.name] = layout_pages(path)
            word = root / f"minutes-{number}.docx"
            try:
                found.word_minutes.append(render_minutes(db=db, meeting_id=meeting_id, path=word))
            except UserError:
                continue
        yield found
    finally:
        db.close()


def test_a_notices_落款_keeps_lines_of_the_closing_paragraph(printed: Printed) -> None:
    assert len(printed.notices) >= 10
    for name, pages in printed.notices.items():
        last = body_lines(pages[-1])
        assert last[-2] == "和平桥社区协商议事室" and last[-1].endswith("日"), name
        assert len(last) >= 4, (name, last)  # two lines of text at least above the 落款


def test_minutes_signatures_are_never_alone_on_their_page(printed: Printed) -> None:
    signed = 0
    for name, pages in printed.minutes.items():
        for page in pages:
            lines = body_lines(page)
            at = next((i for i, line in enumerate(lines) if SIGNATURES in line), None)
            if at is None:
                continue
            signed += 1
            above = [line for line in lines[:at] if line != "散会。"]
            assert above, (name, lines)
    assert signed >= 5


def test_no_line_starts_with_closing_punctuation_nor_splits_a_number(printed: Printed) -> None:
    documents = {**printed.notices, **printed.minutes}
    assert len(documents) >= 20
    checked = 0
    for name, pages in documents.items():
        lines = [line for page in pages for line in body_lines(page)]
        for line in lines:
            assert line[0] not in CANNOT_START, (name, line)
        for before, after in itertools.pairwise(lines):
            if PAGE_NUMBER.match(after):
                continue
            checked += 1
            split = before[-1].isdigit() and (after[0].isdigit() or after[0] in "年月日")
            assert not split, (name, before, after)
    assert checked > 500


def test_word_minutes_keep_the_closing_lines_with_the_signatures(printed: Printed) -> None:
    assert len(printed.word_minutes) >= 5
    for path in printed.word_minutes:
        blocks = list(open_docx(str(path)).iter_inner_content())
        at = next(
            i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and SIGNATURES in b.text
        )
        signatures = blocks[at]
        assert isinstance(signatures, Paragraph)
        assert signatures.paragraph_format.keep_together, path.name
        # Back from the signatures to the last line of text before 散会 (or the table's last
        # row), everything keeps with what follows it.
        for block in reversed(blocks[:at]):
            if isinstance(block, Table):
                cells = block.rows[-1].cells
                assert all(p.paragraph_format.keep_with_next for c in cells for p in c.paragraphs)
                break
            assert block.paragraph_format.keep_with_next, (path.name, block.text)
            if block.text.strip() not in ("", "散会。"):
                break


def test_no_page_ends_with_a_heading(printed: Printed) -> None:
    heading = re.compile(r"^([一二三四五六七八九十]+、|定稿后修改记录$)")
    pages = [page for pages in printed.minutes.values() for page in pages[:-1]]
    assert len(pages) >= 10
    for page in pages:
        assert not heading.match(body_lines(page)[-1]), page
