"""Printed minutes of a typical meeting, as a ratio to reportlab printing the same bare text.

Run: `python -m pytest tests/bench/bench_documents.py -s -p no:cacheprovider` (not part of the
default run). The issue asks for under 3×; the baseline is measured in the same run because
these machines are noisy. Fonts are registered before either is timed (both pay it once).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.fonts import FontRole, load_fonts
from desktop.documents.ledger import render_ledger
from desktop.documents.minutes import render_minutes
from desktop.stats import year_stats
from tests.bench.report import Figure, record
from tests.documents.document_builders import build_meeting

RUNS = 15


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def test_minutes_cost_against_bare_reportlab(room_db: Database, tmp_path: Path) -> None:
    # A typical meeting: 14 people, 3 topics, about 1 500 characters of speeches.
    built = build_meeting(room_db, attendees=14, items=3, speech_chars=1500)
    target = tmp_path / "minutes.pdf"
    render_minutes(db=room_db, meeting_id=built.meeting_id, path=target)  # warm-up
    lines = [
        line
        for page in PdfReader(target).pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]
    font = load_fonts().names[FontRole.BODY]
    style = ParagraphStyle("bare", fontName=font, fontSize=16, leading=29, wordWrap="CJK")

    def bare() -> None:
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(line, style) for line in lines])

    def minutes() -> None:
        render_minutes(db=room_db, meeting_id=built.meeting_id, path=target)

    bare()
    baseline = _best_of(RUNS, bare)
    ours = _best_of(RUNS, minutes)
    pages = len(PdfReader(target).pages)
    print(
        f"\nminutes of a typical meeting ({pages} pages, {len(lines)} lines): "
        f"{ours * 1000:.1f} ms; bare reportlab, same text: {baseline * 1000:.1f} ms; "
        f"ratio {ours / baseline:.2f}× (target < 3×)"
    )
    record(
        Figure(
            what=f"Printed minutes of a typical meeting in a room ({pages} pages: 14 people, "
            "3 topics, 1 500 characters of speeches)",
            value=ours * 1000,
            unit="ms",
            goal="≤ 3× the floor",
            met=ours / baseline < 3,
            floor="bare reportlab printing the same text",
            floor_value=baseline * 1000,
        ),
        not_on_server="a room's document (rooms keep SQLite)",
    )
    assert ours / baseline < 3


def test_ledger_of_500_meetings(district_db: Database, tmp_path: Path) -> None:
    # 76 demo rooms hold about 500 meetings in 2026 (the issue asks for under 20 s).
    generate(district_db, seed=11, rooms=76, years=1, today=date(2026, 11, 29))
    meetings = year_stats(district_db, year=2026)["meetings"]
    started = time.perf_counter()
    render_ledger(db=district_db, year=2026, path=tmp_path / "ledger.pdf")
    elapsed = time.perf_counter() - started
    pages = len(PdfReader(tmp_path / "ledger.pdf").pages)
    print(f"\nledger of {meetings} meetings ({pages} pages): {elapsed:.2f} s (target < 20 s)")
    record(
        Figure(
            what=f"Yearly meeting ledger (台账) of a 76-room district: {meetings} meetings, "
            f"{pages} pages",
            value=elapsed,
            unit="s",
            goal="< 20 s",
            met=elapsed < 20,
        ),
        not_on_server="measured on its own SQLite district only",
    )
    assert meetings >= 450
    assert elapsed < 20
