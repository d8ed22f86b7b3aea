"""A bundle's rows parsed many lines at a time (strictjson.loads_lines) answer exactly as
`loads` line by line: the same values, or the same refusal. Lines are the sender's to
choose, so the cases below are the ones a dishonest sender would try: objects that run
across lines, two on one line, a bracket inside a text, a byte-order mark, a lone surrogate."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.sync import strictjson
from desktop.sync.strictjson import StrictJSONError, loads, loads_lines


def _one_by_one(lines: list[bytes]) -> list[Any] | str:
    try:
        return [loads(line) for line in lines]
    except StrictJSONError as exc:
        return str(exc)


def _together(lines: list[bytes]) -> list[Any] | str:
    try:
        return loads_lines(lines)
    except StrictJSONError as exc:
        return str(exc)


@pytest.mark.parametrize(
    "lines",
    [
        # An object split over two lines, its halves rejoined by the comma between them.
        [b'{"a":1', b'"b":2},{"c":3}'],
        [b'{"a":1},{"b":', b"2}"],
        # Two objects on one line, one on the next.
        [b'{"a":1},{"b":2}', b'{"c":3}'],
        # A line whose only bracket sits in a text that the next line closes.
        [b'{"a":"', b'{"},{"b":1}'],
        [b'{"a":"x{"}', b'{"b":1}'],  # a bracket in a text: the long way, still fine
        [b'\xef\xbb\xbf{"a":1}', b'{"b":2}'],
        [b'{"a":1,"a":2}', b'{"b":2}'],  # a duplicate key
        [b'{"a":"\\ud800"}', b'{"b":2}'],  # half a surrogate pair
        [b'{"a":NaN}'],
        [b'{"a":1e400}'],
        [b'{"a":1}', b"[1]"],
        [b'{"a":1}', b'"text"'],
        [b'{"' + b"k" * 201 + b'":1}'],  # a key too long
        [b'{"a":"\xff"}'],  # not UTF-8
        [b' {"a":1}', b'{"b":2} '],  # spaces around: fine, as line by line
        [b'{"a":{"b":1}}'],  # nested: two brackets, the long way
        [b"{}", b'{"a":[]}'],
        [],
    ],
)
def test_crafted_lines_answer_as_line_by_line(lines: list[bytes]) -> None:
    assert _together(lines) == _one_by_one(lines)


def test_rows_of_a_bundle_take_the_short_way(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"id": str(n), "title": f"议题{n}", "revision": n, "deleted": False} for n in range(50)]
    lines = [json.dumps(row, ensure_ascii=False).encode() for row in rows]
    monkeypatch.setattr(strictjson, "loads", None)  # line by line would fail now
    assert loads_lines(lines) == rows


# Fragments a sender might put on a line: whole objects, bits of objects and of texts.
_FRAGMENTS = st.sampled_from(
    ['{"a":1}', '{"b":"x"}', "{", "}", '"', ",", ":", "[", "]", '"a"', "1", ' {"c":', "null"]
)
_LINE = st.lists(_FRAGMENTS, min_size=1, max_size=6).map(lambda parts: "".join(parts).encode())


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=5))
def test_property_any_lines_answer_as_line_by_line(lines: list[bytes]) -> None:
    assert _together(lines) == _one_by_one(lines)
