"""Hypothesis plays a clerk's (or a stranger's) Excel file: any cell of the roster sheets may
hold any text, number, date, formula or nothing. The import either takes the file, and
`yishi check` then finds nothing, or refuses it in Chinese naming rows, and the roster tables
are exactly as before."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop.checks import run_checks
from desktop.db import Database
from desktop.errors import UserError
from desktop.roster_excel import (
    ASSIGNMENT_COLUMNS,
    ASSIGNMENTS_SHEET,
    MEMBER_COLUMNS,
    MEMBERS_SHEET,
    TEAM_COLUMNS,
    TEAMS_SHEET,
    import_roster,
)
from tests.test_roster_excel import _fill, tamper_free_dump

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SCALE = int(os.environ.get("YISHI_FUZZ_SCALE", "1"))

# Mostly plausible values, so some files pass and the writing path is exercised too.
plausible = st.sampled_from(
    [
        "张建华",
        "陈丽华",
        "男",
        "女",
        "经济界",
        "教育界",
        "火星界",
        "区级",
        "市级",
        "在任",
        "已退出",
        "第一片区",
        "和平桥街道",
        "八仙城社区协商议事室",
        "专业助力委员团队",
        "专业助力",
        "13900000001",
        "0513-85012345",
        "2021",
        "2026",
        "2020-01-01",
        "法律咨询组",
    ]
)
cells = st.one_of(
    st.none(),
    plausible,
    st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), max_size=30),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=False),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31)),
    st.just("=1+1"),
    st.booleans(),
)


def rows(width: int) -> st.SearchStrategy[list[list[Any]]]:
    return st.lists(st.lists(cells, min_size=width, max_size=width), max_size=4)


@st.composite
def near_valid_members(draw: st.DrawFn) -> list[list[Any]]:
    """Member rows that are valid but for at most one cell, so imports also go through."""
    out = []
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.integers(0, 9999))
        row: list[Any] = [
            f"新委员{tag}",
            "女",
            "教育界",
            None,
            "区政协委员",
            "南通大学",
            None,
            f"1390001{tag:04d}",
            None,
            "第十七届",
            2021,
            2026,
            "在任",
        ]
        if draw(st.booleans()):
            row[draw(st.integers(0, len(row) - 1))] = draw(cells)
        out.append(row)
    return out


@pytest.fixture
def filled(district_db: Database) -> Database:
    _fill(district_db)
    return district_db


@settings(
    max_examples=40 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    members=st.one_of(rows(len(MEMBER_COLUMNS)), near_valid_members()),
    assignments=st.one_of(st.just([]), rows(len(ASSIGNMENT_COLUMNS))),
    teams=st.one_of(st.just([]), rows(len(TEAM_COLUMNS))),
)
def test_any_workbook_is_imported_cleanly_or_refused_changing_nothing(
    filled: Database,
    tmp_path: Path,
    members: list[list[Any]],
    assignments: list[list[Any]],
    teams: list[list[Any]],
) -> None:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, columns, body in (
        (MEMBERS_SHEET, MEMBER_COLUMNS, members),
        (ASSIGNMENTS_SHEET, ASSIGNMENT_COLUMNS, assignments),
        (TEAMS_SHEET, TEAM_COLUMNS, teams),
    ):
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        for row in body:
            sheet.append(row)
    path = tmp_path / "名册.xlsx"
    book.save(path)
    before = tamper_free_dump(filled)
    try:
        import_roster(filled, path)
    except UserError as error:
        assert CHINESE.search(str(error)), repr(str(error))
        assert tamper_free_dump(filled) == before
        event("refused")
        return
    event("imported" if tamper_free_dump(filled) != before else "imported, nothing new")
    assert run_checks(filled) == []
