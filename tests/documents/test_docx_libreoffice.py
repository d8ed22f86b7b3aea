"""Every kind of Word file the app writes, from a demo room, as LibreOffice lays it out: each
converted once to PDF headless and read back with pdftotext. The columns keep the widths set,
no table row is split across pages, no name is broken, each signature line is one line on the
page of its closing text, body lines hold 28 characters, and the Chinese text reads back."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.document import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table, _Cell
from sqlalchemy import select

from desktop.db import open_database
from desktop.demo import generate
from desktop.documents.commands import latest_held_meeting_id, next_planned_meeting_id
from desktop.documents.enrolment_sheet import EnrolmentSheet, render_enrolment_sheet
from desktop.documents.layout import TABLE_SIZE
from desktop.documents.ledger import render_ledger
from desktop.documents.minutes import LAYOUTS, render_minutes
from desktop.documents.signin import render_signin
from desktop.documents.word import CELL_PADDING
from desktop.documents.year_report import write_year_report
from desktop.errors import UserError
from desktop.models import Meeting
from desktop.paths import Home
from desktop.setup import setup_room
from tests.documents.libreoffice import NO_SOFFICE, SOFFICE, Word, convert_to_pdf, words

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]

TODAY = date(2026, 11, 29)
TWIPS_PER_PT = 20
SAME_LINE = 2.0  # pt: words whose tops differ by less sit on one line
CENTRE_TOLERANCE = 3.0  # pt, about 1 mm
FOOTER = re.compile(r"^—\d+—$")


@dataclass(frozen=True)
class Converted:
    """A Word file and what LibreOffice made of it."""

    docx: Path
    pdf: Path

    def document(self) -> Docx:
        return open_docx(str(self.docx))


@pytest.fixture(scope="module")
def converted(
    template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Converted]]:
    """A year of one demo room; every Word file it can print, converted in one soffice call."""
    root = tmp_path_factory.mktemp("libreoffice")
    home = Home(root / "home")
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    written: dict[str, Path] = {}
    try:
        setup_room(db, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
        generate(db, seed=2, rooms=1, years=1, today=TODAY)
        with db.session() as session:
            meetings = session.scalars(select(Meeting.id).order_by(Meeting.held_on)).all()
            held = latest_held_meeting_id(session, today=TODAY)
            planned = next_planned_meeting_id(session, today=TODAY)
        assert held is not None and planned is not None
        for number, meeting_id in enumerate(meetings):
            for layout in LAYOUTS:
                path = root / f"minutes-{number}-{layout}.docx"
                try:
                    render_minutes(db=db, meeting_id=meeting_id, path=path, layout=layout)
                except UserError:
                    continue  # not held: no minutes
                written[path.stem] = path
        for name, meeting_id in (("signin-held", held), ("signin-planned", planned)):
            written[name] = render_signin(db=db, meeting_id=meeting_id, path=root / f"{name}.docx")
        written["ledger"] = render_ledger(db=db, year=TODAY.year, path=root / "ledger.docx")
        written["year-report"] = write_year_report(
            db, year=TODAY.year, path=root / "year-report.docx", today=TODAY
        )
        sheet = EnrolmentSheet(
            district="崇川区政协",
            township="和平桥街道",
            village="和平桥社区",
            room="和平桥社区协商议事室",
            code="R0001",
            file_name="和平桥社区协商议事室-登记.yishi-enrol",
            district_fingerprint="3F2A 9C41 07BD 55E8",
            passphrase="青山-绿水-长流-88",
            day=TODAY,
        )
        written["enrolment"] = render_enrolment_sheet(
            db=db, sheet=sheet, path=root / "enrolment.docx"
        )
    finally:
        db.close()
    assert sum(name.startswith("minutes-") for name in written) >= 8
    pdfs = convert_to_pdf(list(written.values()), root / "pdf")
    yield {
        name: Converted(path, pdf) for (name, path), pdf in zip(written.items(), pdfs, strict=True)
    }


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _lines(found: list[Word]) -> list[tuple[int, float, str]]:
    """(page, top, text) of each printed line, words joined left to right."""
    rows: dict[tuple[int, float], list[Word]] = {}
    for word in found:
        key = next(
            (k for k in rows if k[0] == word.page and abs(k[1] - word.y_min) < SAME_LINE),
            (word.page, word.y_min),
        )
        rows.setdefault(key, []).append(word)
    return [
        (page, top, "".join(w.text for w in sorted(row, key=lambda w: w.x_min)))
        for (page, top), row in sorted(rows.items())
    ]


def _phrases(found: list[Word]) -> list[Word]:
    """Words run together where they nearly touch: pdftotext parts "2026" from "年", but
    two table cells always stand two paddings (8 pt) apart."""
    merged: list[Word] = []
    for word in sorted(found, key=lambda w: (w.page, round(w.y_min), w.x_min)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.page == word.page
            and abs(last.y_min - word.y_min) < SAME_LINE
            and 0 <= word.x_min - last.x_max < 5
        ):
            merged[-1] = Word(
                word.page, last.x_min, last.y_min, word.x_max, word.y_max, last.text + word.text
            )
        else:
            merged.append(word)
    return merged


def _width(text: str) -> float:
    """Roughly how wide `text` prints in a table cell (pt): Chinese 12 pt, the rest 8."""
    return sum(TABLE_SIZE if ord(char) > 0x2E80 else 8 for char in text)


def _reading_text(found: list[Word]) -> str:
    """The whole text line after line, page footers (— 1 —) left out."""
    return "".join(text for _, _, text in _lines(found) if not FOOTER.match(text))


def _columns(document: Docx, table: Table) -> list[tuple[float, float]]:
    """(left, right) in pt of each column on the page, from the widths the header row's
    cells ask for (w:tcW, what Word goes by): the table centred in the text block."""
    section = document.sections[-1]
    assert section.page_width is not None and section.left_margin is not None
    assert section.right_margin is not None
    centre = (section.left_margin.pt + section.page_width.pt - section.right_margin.pt) / 2
    widths = [cell.width.pt for cell in table.rows[0].cells if cell.width is not None]
    assert len(widths) == len(table.columns)
    left = centre - sum(widths) / 2
    edges: list[tuple[float, float]] = []
    for width in widths:
        edges.append((left, left + width))
        left += width
    return edges


def _body_cells(table: Table) -> Iterator[tuple[int, dict[int, _Cell]]]:
    """(row index, its own cells by column) of each row after the header; a merged cell
    counts in the row it starts in only."""
    for index, row in enumerate(table.rows[1:], 1):
        own: dict[int, _Cell] = {}
        column = 0
        for tc in row._tr.tc_lst:
            if tc.vMerge in (None, "restart"):
                own[column] = _Cell(tc, table)
            column += tc.grid_span
        yield index, own


def test_libreoffice_reads_every_paragraph_back(converted: dict[str, Converted]) -> None:
    for name, files in converted.items():
        printed = _reading_text(words(files.pdf)).replace("_", "")
        for paragraph in files.document().paragraphs:
            expected = squeeze(paragraph.text).replace("_", "")
            assert expected in printed, f"{name}: {expected!r} not in the PDF"


def test_a_body_line_holds_28_characters(converted: dict[str, Converted]) -> None:
    """3号 lines of Chinese text only, as full as they come: 28 characters (the grid)."""
    longest: dict[str, int] = {}
    for name, files in converted.items():
        body = [w for w in words(files.pdf) if 19 <= w.y_max - w.y_min <= 23]  # 16 pt type
        lengths = [
            len(text)
            for _, _, text in _lines(body)
            if all("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" for char in text)
        ]
        longest[name] = max(lengths, default=0)
    assert max(longest.values()) == 28, longest
    assert longest["minutes-0-jiyao"] == 28


def test_columns_keep_the_widths_the_file_sets(converted: dict[str, Converted]) -> None:
    checked = 0
    for name, files in converted.items():
        document = files.document()
        found = _phrases(words(files.pdf))
        for number, table in enumerate(document.tables):
            # A header typed on two lines ("2026年\n场次") shows its first as a word; one
            # too wide for its column wraps (the year report's 9 mm 序号) and is not looked for.
            labels = [cell.text.split("\n")[0] for cell in table.rows[0].cells]
            columns = _columns(document, table)
            centres = [(left + right) / 2 for left, right in columns]
            whole = {
                label
                for label, (left, right) in zip(labels, columns, strict=True)
                if _width(label) <= right - left - 2 * CELL_PADDING
            }
            assert len(whole) >= 2, f"{name} table {number}: {labels}"
            rows = 0
            for page, top, _text in _lines(found):
                header = [
                    w
                    for w in found
                    if w.page == page and abs(w.y_min - top) < SAME_LINE and w.text in labels
                ]
                # The whole header row, not a line of another table sharing some labels.
                if not whole <= {w.text for w in header}:
                    continue
                rows += 1
                for word in header:
                    nearest = min(
                        (c for label, c in zip(labels, centres, strict=True) if label == word.text),
                        key=lambda centre: abs(centre - word.x_centre),
                    )
                    assert word.x_centre == pytest.approx(nearest, abs=CENTRE_TOLERANCE), (
                        f"{name} table {number}: {word.text} at page {word.page}"
                    )
            assert rows, f"{name} table {number}: header {labels} not found"
            checked += 1
    assert checked >= 10


def _column_text(found: list[Word], column: tuple[float, float]) -> dict[int, str]:
    """Page by page, the text inside one column's edges, line after line."""
    left, right = column
    inside = [w for w in found if left < w.x_centre < right]
    pages: dict[int, str] = {}
    for page, _, text in _lines(inside):
        pages[page] = pages.get(page, "") + text
    return pages


def test_no_table_row_is_split_across_pages(converted: dict[str, Converted]) -> None:
    rows = 0
    for name, files in converted.items():
        document = files.document()
        found = words(files.pdf)
        for number, table in enumerate(document.tables):
            columns = _columns(document, table)
            streams = [_column_text(found, column) for column in columns]
            for index, cells in _body_cells(table):
                pages: set[int] | None = None
                for column, cell in cells.items():
                    for paragraph in cell.paragraphs:
                        text = squeeze(paragraph.text)
                        if not text:
                            continue
                        on = {page for page, s in streams[column].items() if text in s}
                        pages = on if pages is None else pages & on
                assert pages, f"{name} table {number} row {index} is split or missing"
                rows += 1
    assert rows >= 50


def test_names_are_never_broken(converted: dict[str, Converted]) -> None:
    """A 2–4 character name in a table sits on one line of its cell."""
    names = 0
    for name, files in converted.items():
        document = files.document()
        found = words(files.pdf)
        for table in document.tables:
            labels = [cell.text for cell in table.rows[0].cells]
            columns = _columns(document, table)
            for label in {"姓名", "责任单位"} & set(labels):
                left, right = columns[labels.index(label)]
                lines = [w.text for w in found if left < w.x_centre < right]
                for _, cells in _body_cells(table):
                    cell = cells.get(labels.index(label))
                    if cell is None:
                        continue
                    # The name alone, or after its unit ("崇川区民政局　陆文金").
                    person = re.split(r"[\s　]+", cell.text.strip())[-1]
                    if 2 <= len(person) <= 4:
                        assert any(person in line for line in lines), f"{name}: {person}"
                        names += 1
    assert names >= 20


def test_signature_lines_are_whole_and_on_the_page_of_the_closing_text(
    converted: dict[str, Converted],
) -> None:
    records = [c for name, c in converted.items() if name.endswith("-record")]
    assert records
    for files in records:
        lines = _lines(words(files.pdf))
        signed = [(page, text) for page, _, text in lines if "主持人（签字）" in text]
        assert len(signed) == 1, signed
        page, text = signed[0]
        assert "记录人（签字）" in text and "____" in text
        closing = [p for p, _, line in lines if line == "散会。"]
        assert closing == [page]
    # A 落款 (issuer, then date): each one line, together, after the last text on its page.
    for name in ("year-report", "enrolment"):
        files = converted[name]
        shown = [p for p in files.document().paragraphs if p.text.strip()]
        at = max(i for i, p in enumerate(shown) if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT)
        issuer, day = (squeeze(p.text) for p in shown[at - 1 : at + 1])
        last_text = squeeze(shown[at - 2].text)
        printed = [(page, text) for page, _, text in _lines(words(files.pdf))]
        at = max(i for i, (_, text) in enumerate(printed) if text == issuer)
        assert printed[at + 1][1] == day, name
        assert printed[at][0] == printed[at + 1][0] == printed[at - 1][0], name
        assert last_text.endswith(printed[at - 1][1]), name
