"""Issue 12: every id a valid UUID, every enum, date and number in range, text valid Unicode.

A dishonest but enrolled room (real keys) signs rows with arbitrary text (lone surrogates
included), ids that are not UUIDs, dates and numbers out of range: a bad value refuses that
bundle with a message and changes nothing, and a batch of files goes on with the next one
(the command line and the sync page alike).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.cli_sync import import_bundles
from desktop.db import Database
from desktop.models import ScoringRule, Topic
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import Contents
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.records import RecordError, from_json
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import DishonestRoom, forged_row, snapshot
from tests.sync.helpers import add_topic, count

SLOW = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def liar(district: Database, enrol: EnrolRoom, tmp_path: Path) -> DishonestRoom:
    room = enrol("和平桥社区")
    add_topic(room, "路灯不亮")
    return DishonestRoom(room, district, tmp_path / "forged")


def _with_line(table: str, line: bytes) -> Callable[[Contents], None]:
    """Adds one raw line to a table's member: JSON escapes can spell what UTF-8 cannot."""

    def change(contents: Contents) -> None:
        member = f"records/{table}.ndjson"
        contents.members[member] = contents.members.get(member, b"") + line + b"\n"
        contents.manifest["counts"][table] = contents.manifest["counts"].get(table, 0) + 1

    return change


def _topic(liar: DishonestRoom, **values: Any) -> dict[str, Any]:
    return forged_row("topic", liar.node, **{"room_id": liar.room_id, **values})


def _outcome(district: Database, path: Path) -> str:
    """'refused' (and nothing changed) or 'imported'; any other exception fails the test."""
    before = snapshot(district)
    try:
        import_bundle(district, path)
    except SyncError as error:
        assert str(error) and "Traceback" not in str(error)
        assert snapshot(district) == before
        return "refused"
    return "imported"


SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
texts = st.lists(st.one_of(st.characters(), SURROGATES), max_size=30).map("".join)


@SLOW
@given(title=texts)
def test_property_any_text_is_imported_or_refused_never_a_crash(
    district: Database, liar: DishonestRoom, title: str
) -> None:
    line = json.dumps(_topic(liar, title=title)).encode("ascii")  # \ud800 stays an escape
    outcome = _outcome(district, liar.write(change=_with_line("topic", line)))
    # A high then a low surrogate escape is one valid character once decoded: only a lone
    # half is invalid.
    decoded = json.loads(json.dumps(title))
    lone = any(0xD800 <= ord(c) <= 0xDFFF for c in decoded)
    event(f"{'lone surrogate' if lone else 'valid text'}: {outcome}")
    if lone:
        assert outcome == "refused"


@pytest.mark.parametrize(
    ("where", "words"),
    [("value", "Unicode"), ("key", "Unicode"), ("manifest", "Unicode")],
)
def test_a_lone_surrogate_anywhere_refuses_the_bundle(
    district: Database,
    liar: DishonestRoom,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    words: str,
) -> None:
    row = _topic(liar)
    if where == "value":
        change = _with_line("topic", json.dumps({**row, "title": "\ud800"}).encode())
    elif where == "key":
        change = _with_line("topic", json.dumps({**row, "\udc00": 1}).encode())
    else:

        def change(contents: Contents) -> None:
            contents.manifest["note"] = "\ud83d"

        # The manifest is signed as written; a surrogate cannot be written as UTF-8, so it
        # travels as an escape exactly as a forger would write it.
        def escaped(value: Any) -> bytes:
            return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()

        with monkeypatch.context() as patch:
            patch.setattr(strictjson, "dumps", escaped)
            path = liar.write(change=change)
        with pytest.raises(SyncError, match=words):
            import_bundle(district, path)
        return
    before = snapshot(district)
    with pytest.raises(SyncError, match=words):
        import_bundle(district, liar.write(change=change))
    assert snapshot(district) == before


not_uuids = st.one_of(
    st.text(max_size=36),
    st.uuids().map(lambda u: str(u).upper()),
    st.uuids().map(lambda u: "{" + str(u) + "}"),
    st.uuids().map(lambda u: u.hex),
    st.uuids().map(lambda u: str(u)[:-1] + "g"),
)


@SLOW
@given(column=st.sampled_from(["id", "owner_node", "room_id"]), value=not_uuids)
def test_property_an_id_that_is_not_a_uuid_is_refused(
    district: Database, liar: DishonestRoom, column: str, value: str
) -> None:
    row = _topic(liar, **{column: value})
    line = json.dumps(row).encode("ascii")
    assert _outcome(district, liar.write(change=_with_line("topic", line))) == "refused"


out_of_range = st.one_of(
    st.tuples(
        st.just("raised_on"),
        st.dates(max_value=date(1899, 12, 31)) | st.dates(min_value=date(3000, 1, 1)),
    ),
    st.tuples(
        st.just("updated_at"),
        (
            st.datetimes(max_value=datetime(1899, 12, 31), timezones=st.timezones())
            | st.datetimes(min_value=datetime(3000, 1, 1), timezones=st.timezones())
        ).map(lambda d: d.isoformat()),
    ),
    st.tuples(st.just("updated_at"), st.just("0001-01-01T00:00:00+05:00")),
    st.tuples(st.just("updated_at"), st.just("9999-12-31T23:59:59-05:00")),
    st.tuples(st.just("revision"), st.integers(2**62 + 1, 2**80) | st.integers(-(2**80), 0)),
    st.tuples(st.just("source"), st.text(max_size=20)),
    st.tuples(st.just("deleted"), st.integers() | st.just("false") | st.none()),
)


@SLOW
@given(field=out_of_range)
def test_property_dates_numbers_and_enums_out_of_range_are_refused(
    district: Database, liar: DishonestRoom, field: tuple[str, Any]
) -> None:
    column, value = field
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    row = _topic(liar, **{column: value})
    line = json.dumps(row).encode("ascii")
    assert _outcome(district, liar.write(change=_with_line("topic", line))) == "refused"


@given(
    points=st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.text(max_size=50),
        st.integers().map(lambda n: f"{n}e{n}"),
    )
)
@settings(max_examples=300, deadline=None)
def test_property_a_decimal_fits_its_column_or_is_refused(points: str) -> None:
    row = forged_row("scoring_rule", "00000000-0000-4000-8000-000000000001", points=points)
    try:
        values = from_json(ScoringRule, row)
    except RecordError:
        return
    number = values["points"]
    assert number.is_finite() and abs(number) < 10**4 and number == round(number, 2)


def test_a_bad_bundle_in_a_batch_does_not_stop_the_next_files(
    district: Database, liar: DishonestRoom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = liar.write(change=_with_line("topic", json.dumps(_topic(liar, title="\udfff")).encode()))
    garbage = tmp_path / "garbage.yishi"
    garbage.write_bytes(b"\xff" * 100)
    good = export_bundle(liar.db, to_dir=tmp_path).path
    args = argparse.Namespace(files=[str(bad), str(garbage), str(good)], escrow_key=None, json=True)
    assert import_bundles(args, district.home) == 2
    reports = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in reports] == ["refused", "refused", "imported"]
    assert "Unicode" in reports[0]["reason"]
    assert count(district, Topic) == 1


def test_an_unexpected_failure_is_one_files_refusal(
    district: Database, liar: DishonestRoom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.sync.incoming import parse_row
    from desktop.views.sync.workers import import_work

    first = liar.write()
    good = export_bundle(liar.db, to_dir=tmp_path).path
    real = parse_row
    calls = iter([True])

    def broken_once(*args: Any, **kwargs: Any) -> Any:
        if next(calls, False):
            raise RuntimeError("a bug the bundle tripped")
        return real(*args, **kwargs)

    monkeypatch.setattr("desktop.sync.importer.parse_row", broken_once)
    before = snapshot(district)
    outcomes = import_work(district, [first, good])(lambda *_: None, lambda: False)
    assert "RuntimeError" in outcomes[0].refusal and outcomes[0].result is None
    assert outcomes[1].result is not None and outcomes[1].result.tables["topic"].added == 1
    assert snapshot(district) != before and count(district, Topic) == 1
