"""Reading typed times and dates (desktop.formatting.parse_time / parse_date): the rules every
date and time field of the app uses."""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop.formatting import parse_date, parse_time, unit_and_post


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("9.30", time(9, 30)),
        (" 9:30 ", time(9, 30)),
        ("９：３０", time(9, 30)),  # full-width, as a Chinese input method types it
        ("9点30", time(9, 30)),
        ("9点30分", time(9, 30)),
        ("9点半", time(9, 30)),
        ("9点", time(9, 0)),
        ("14", time(14, 0)),
        ("9", time(9, 0)),
        ("1400", time(14, 0)),
        ("2359", time(23, 59)),
        ("0000", time(0, 0)),
        ("下午3点", time(15, 0)),
        ("下午3:30", time(15, 30)),
        ("上午10点", time(10, 0)),
        ("晚上8点", time(20, 0)),
        ("下午14:00", time(14, 0)),
    ],
)
def test_times_as_people_type_them(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        "abc",
        "24",
        "2400",
        "25:00",
        "9:60",
        "9:5",
        "12345",
        "1:300",
        "9:30:15",
        "-9",
        "9 30 pm",
        "上午",
        "930分钟",
        "0x10",
    ],
)
def test_what_is_no_time_is_refused(typed: str) -> None:
    assert parse_time(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("2026-3-5", date(2026, 3, 5)),
        ("2026/3/5", date(2026, 3, 5)),
        ("2026.3.5", date(2026, 3, 5)),
        ("2026年3月5日", date(2026, 3, 5)),
        ("2026年3月5", date(2026, 3, 5)),
        ("2026 年 3 月 5 日", date(2026, 3, 5)),
        ("２０２６年３月５日", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
        ("2028-02-29", date(2028, 2, 29)),
        ("3月5日", date(2031, 3, 5)),  # no year: the current one
        ("3-5", date(2031, 3, 5)),
        ("12/31", date(2031, 12, 31)),
    ],
)
def test_dates_as_people_type_them(typed: str, expected: date) -> None:
    assert parse_date(typed, this_year=2031) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "2026-02-30",
        "2027-02-29",
        "2026-13-01",
        "2026-00-10",
        "20261305",
        "2026",
        "202603",
        "1850-01-01",
        "3月",
        "2026年3月5日下午",
        "26-3-5-1",
        "2026--3-5",
    ],
)
def test_what_is_no_date_is_refused(typed: str) -> None:
    assert parse_date(typed, this_year=2031) is None


def test_unit_and_post_with_a_separator() -> None:
    assert unit_and_post("区住建局", "科长") == "区住建局 · 科长"
    assert unit_and_post("区住建局", None) == "区住建局"
    assert unit_and_post(None, "科长") == "科长"
    assert unit_and_post("", "") == ""
