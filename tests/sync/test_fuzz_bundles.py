"""Issue 13: hypothesis fuzzing of the sync importers (bundles and enrolment files).

Two sides are played. The broken file: a real bundle truncated, bit-flipped, spliced, random
bytes, or a ZIP of random members encrypted to the district. The dishonest one, with real
keys: an enrolled room (demo records, one photo) signs whatever it likes: fuzzed JSON values
of any type in any column, huge strings, unknown tables and columns, foreign uuids, NaN,
nested junk, duplicated rows, manifest fields. The enrolment file is fuzzed the same way:
damaged bytes, and payloads the district signs with its own real key.

Properties: the import either succeeds or raises a SyncError (a UserError) with a non-empty
Chinese message that is not the importer's catch-all for an unexpected exception; a refusal
leaves a dump of every table and the attachment folder byte-identical; `run_checks` finds no
problem of the database's structure afterwards (integrity, foreign keys, ownership, files,
digests). The domain rules a liar may break in its own records (a topic "claimed" without a
claim) are what `yishi check` is for: they are counted as events, not failures.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import re
import shutil
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop import cli
from desktop.checks import run_checks
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.errors import UserError
from desktop.models import Topic
from desktop.paths import Home
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import Contents
from desktop.sync.enrolment import enroll_room, read_enrolment, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.keys import b64, load_keys
from desktop.sync.ownership import RULES, Sync
from desktop.workflow.attachments import attach_file
from tests.sync.conftest import make_district
from tests.sync.dishonest import DishonestRoom, Snapshot, snapshot
from tests.sync.helpers import send
from tests.sync_pair import FastPassphrase

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# import_bundle's words for an exception it did not expect (desktop/sync/importer.py): a
# refusal, but a bug the fuzzer found.
CATCH_ALL = "数据包无法导入（"
# What is wrong with the database itself, whoever sent the rows; the other checks are the
# domain's rules, which a liar may break in its own records.
STRUCTURAL = frozenset(
    {
        "integrity",
        "foreign_key",
        "installation",
        "room_owner",
        "meeting_owner",
        "roster_owner",
        "attachment_missing",
        "attachment_hash",
        "sync_digest",
    }
)
ROOM_TABLES = sorted(t for t, r in RULES.items() if r.sync is Sync.ROOM_OWNED)
# YISHI_FUZZ_SCALE=20 runs twenty times the examples (a longer hunt than the default suite's).
SCALE = int(os.environ.get("YISHI_FUZZ_SCALE", "1"))
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)


class World:
    """What every example shares (a plain class: hypothesis would print a dataclass whole)."""

    def __init__(
        self,
        *,
        district: Database,
        liar: DishonestRoom,
        good: bytes,
        enrolment: bytes,
        passphrase: str,
        root: Path,
        template: Path,
    ) -> None:
        self.district = district
        self.liar = liar
        self.good = good  # an honest bundle of the liar's, not imported
        self.enrolment = enrolment  # the liar's enrolment file (FastPassphrase envelope)
        self.passphrase = passphrase
        self.root = root
        self.template = template

    def __repr__(self) -> str:
        return "World(…)"


def _open(template: Path, root: Path, name: str, opened: list[Database]) -> Database:
    home = Home(root / name)
    home.create_dirs()
    shutil.copyfile(template, home.database)
    db = open_database(home)
    opened.append(db)
    return db


@pytest.fixture(scope="module")
def world(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Built once per module: keys, enrolment and a year of demo records are the slow part."""
    root = tmp_path_factory.mktemp("fuzz-bundles")
    opened: list[Database] = []
    district = make_district(
        _open(template_database, root, "district", opened), escrow=root / "escrow.txt"
    )
    enrolment = root / "liar.enrol"
    written = enroll_room(
        district,
        room_name="新胜村协商议事室",
        village="新胜村",
        township="和平桥街道",
        output=enrolment,
    )
    room = _open(template_database, root, "liar", opened)
    setup_room_from_enrolment(room, enrolment, written.passphrase)
    generate(room, seed=4, years=1)
    photo = root / "photo.jpg"
    photo.write_bytes("照片 新胜村".encode())
    with room.session() as session:
        topic = session.scalars(select(Topic).order_by(Topic.id)).first()
        assert topic is not None
        attach_file(session, room.home, photo, record_table="topic", record_id=topic.id)
    send(room, district, root / "usb")
    assert _structural(district) == []
    liar = DishonestRoom(room, district, root / "forged")
    yield World(
        district=district,
        liar=liar,
        good=liar.write().read_bytes(),
        enrolment=enrolment.read_bytes(),
        passphrase=written.passphrase,
        root=root,
        template=template_database,
    )
    for db in opened:
        db.close()


def _structural(db: Database) -> list[str]:
    return [f"{p.check}: {p.message}" for p in run_checks(db) if p.check in STRUCTURAL]


def _refusal_is_clean(error: UserError, before: Snapshot, after: Snapshot) -> None:
    message = str(error)
    assert message.strip() and CHINESE.search(message), message
    assert "Traceback" not in message
    assert not message.startswith(CATCH_ALL), f"{message}: {error.__cause__!r}"
    assert after == before, f"refused ({message}) but the database or attachments changed"


def _import(world: World, path: Path) -> str:
    """'refused' (cleanly, nothing changed) or 'imported' (structure still sound)."""
    district = world.district
    before = snapshot(district)
    try:
        import_bundle(district, path)
    except SyncError as error:
        _refusal_is_clean(error, before, snapshot(district))
        return "refused"
    assert _structural(district) == []
    domain = sorted({p.check for p in run_checks(district)})
    event(f"imported; domain rules broken: {domain}" if domain else "imported, checks clean")
    return "imported"


# --- the broken file -------------------------------------------------------------------------


def _mutate(data: bytes, how: str, where: int, value: bytes) -> bytes:
    at = where % (len(data) + 1)
    if how == "truncate":
        return data[:at]
    if how == "flip":
        flipped = bytearray(data)
        index = min(at, len(data) - 1)
        flipped[index] ^= value[0] if value and value[0] else 1
        return bytes(flipped)
    if how == "insert":
        return data[:at] + value + data[at:]
    if how == "overwrite":
        return data[:at] + value + data[at + len(value) :]
    if how == "append":
        return data + value
    if how == "age-header":
        return b"age-encryption.org/v1\n" + value
    return value  # random bytes


broken = st.tuples(
    st.sampled_from(["truncate", "flip", "insert", "overwrite", "append", "age-header", "random"]),
    st.integers(0, 1 << 20),
    st.binary(min_size=1, max_size=300),
)


@settings(FUZZ, max_examples=40 * SCALE)
@given(change=broken)
@example(change=("truncate", 0, b"x"))
@example(change=("age-header", 0, b"-> X25519 abc\n---\n"))
def test_property_a_damaged_bundle_is_refused_and_changes_nothing(
    world: World, change: tuple[str, int, bytes]
) -> None:
    path = world.root / "damaged.yishi"
    path.write_bytes(_mutate(world.good, *change))
    assert _import(world, path) == "refused"


member_names = st.one_of(
    st.sampled_from(["manifest.json", "manifest.sig", "records/topic.ndjson", "records/x.ndjson"]),
    st.text(alphabet="abcdefghij_/.", max_size=20).map(lambda s: f"records/{s}.ndjson"),
    st.binary(min_size=32, max_size=32).map(lambda b: f"blobs/{b.hex()}"),
    st.text(max_size=20),
)


@settings(FUZZ, max_examples=25 * SCALE)
@given(members=st.lists(st.tuples(member_names, st.binary(max_size=200)), max_size=5))
def test_property_random_zip_members_encrypted_to_the_district_are_refused(
    world: World, members: list[tuple[str, bytes]]
) -> None:
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(),  # a duplicate name is one of the traps
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore")
        for name, data in members:
            name = name.split("\x00")[0]  # zipfile cuts a name at its first NUL
            if name and not name.endswith("/"):
                archive.writestr(name, data)
    recipient = load_keys(world.district.home).identity.to_public()
    path = world.root / "random-zip.yishi"
    path.write_bytes(pyrage.encrypt(buffer.getvalue(), [recipient]))
    assert _import(world, path) == "refused"


# --- the dishonest room with real keys -------------------------------------------------------

MAX_HUGE = 70_000
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.uuids().map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.times().map(lambda t: t.isoformat()),
    st.integers(0, MAX_HUGE).map(lambda n: "长" * n),
    st.decimals(allow_nan=False).map(str),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _dump_line(value: Any) -> bytes:
    """JSON as a forger writes it: NaN and Infinity spelled out, surrogates as escapes."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


def _lines(contents: Contents, table: str) -> list[bytes]:
    return [line for line in contents.members.get(f"records/{table}.ndjson", b"").splitlines()]


def _set_lines(contents: Contents, table: str, lines: list[bytes]) -> None:
    contents.members[f"records/{table}.ndjson"] = b"".join(line + b"\n" for line in lines)
    contents.manifest["counts"][table] = len(lines)


# One change to the honest contents: (what, table, column choice, row choice, a value).
forgeries = st.tuples(
    st.sampled_from(
        [
            "value",  # a column of an existing row gets any JSON value, revision bumped
            "new-row-value",  # a new row (fresh id) with one column set to any JSON value
            "extra-key",
            "missing-key",
            "foreign-uuid",
            "duplicate",
            "raw-line",
            "unknown-table",
            "manifest",
            "manifest-nested",
            "counts",
        ]
    ),
    st.sampled_from(ROOM_TABLES),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    junk,
)


def _forge(world: World, forgery: tuple[str, str, int, int, Any]) -> Callable[[Contents], None]:
    what, table, column_choice, row_choice, value = forgery
    other_ids = [
        world.liar.node,
        world.liar.room_id,
        str(uuid.uuid4()),
        _district_node(world),
    ]

    def change(contents: Contents) -> None:
        lines = _lines(contents, table)
        rows = [strictjson.loads(line) for line in lines]
        if what == "manifest":
            keys = sorted(contents.manifest)
            contents.manifest[keys[column_choice % len(keys)]] = value
            return
        if what == "manifest-nested":
            for key in ("origin", "destination", "ack", "counts"):
                if isinstance(contents.manifest.get(key), dict) and contents.manifest[key]:
                    inner = sorted(contents.manifest[key])
                    contents.manifest[key][inner[column_choice % len(inner)]] = value
                    if row_choice % 2:
                        return
            return
        if what == "counts":
            contents.manifest["counts"][table] = value
            return
        if what == "unknown-table":
            name = f"records/{str(value)[:20] or 'x'}.ndjson"
            contents.members[name] = _dump_line(value) + b"\n"
            contents.manifest["counts"][name[8:-7]] = 1
            return
        if what == "raw-line":
            _set_lines(contents, table, [*lines, _dump_line(value)])
            return
        if not rows:
            return
        row = copy.deepcopy(rows[row_choice % len(rows)])
        columns = sorted(row)
        column = columns[column_choice % len(columns)]
        if what == "value":
            row[column] = value
            if column != "revision":
                row["revision"] = row["revision"] + 1
            rows[row_choice % len(rows)] = row
        elif what == "new-row-value":
            row["id"] = str(uuid.uuid4())
            row[column] = value
            rows.append(row)
        elif what == "extra-key":
            row[str(value)[:40] if not isinstance(value, str) else value[:40]] = value
            row["revision"] += 1
            rows[row_choice % len(rows)] = row
        elif what == "missing-key":
            del row[column]
            rows[row_choice % len(rows)] = row
        elif what == "foreign-uuid":
            ids = [c for c in columns if c.endswith("_id") or c in ("id", "owner_node")]
            target = ids[column_choice % len(ids)]
            row[target] = other_ids[row_choice % len(other_ids)]
            row["revision"] += 1
            rows[row_choice % len(rows)] = row
        elif what == "duplicate":
            rows.append(row)
        _set_lines(contents, table, [_dump_line(r) for r in rows])

    return change


def _district_node(world: World) -> str:
    installation = world.district.installation()
    assert installation is not None
    return installation.node_id


def _liar_write(world: World, change: Callable[[Contents], None]) -> Path | None:
    """The signed bundle, or None when the forger's own writer cannot spell the manifest
    (strictjson refuses NaN in it: no bundle to import)."""
    try:
        return world.liar.write(change=change, name="forged.yishi")
    except ValueError:  # NaN or Infinity in the manifest; strictjson.dumps will not write it
        return None


@settings(FUZZ, max_examples=70 * SCALE)
@given(forgery=forgeries)
@example(forgery=("value", "topic", 0, 0, math.nan))
@example(forgery=("value", "topic", 0, 0, "长" * MAX_HUGE))
@example(forgery=("unknown-table", "topic", 0, 0, "nosuch"))
@example(forgery=("manifest-nested", "topic", 0, 0, -1))
def test_property_a_dishonest_room_signing_anything_is_imported_or_refused_cleanly(
    world: World, forgery: tuple[str, str, int, int, Any]
) -> None:
    path = _liar_write(world, _forge(world, forgery))
    if path is None:
        event("manifest not writable")
        return
    event(f"{forgery[0]}: {_import(world, path)}")


@settings(FUZZ, max_examples=6 * SCALE)
@given(change=broken, forgery=forgeries)
def test_property_the_import_command_refuses_in_one_chinese_line(
    world: World,
    change: tuple[str, int, bytes],
    forgery: tuple[str, str, int, int, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`yishi import FILE…`: one damaged and one forged file; exit 0 or 2, never a traceback."""
    damaged = world.root / "cli-damaged.yishi"
    damaged.write_bytes(_mutate(world.good, *change))
    forged = _liar_write(world, _forge(world, forgery))
    files = [str(damaged)] + ([str(forged)] if forged is not None else [])
    before = snapshot(world.district)
    capsys.readouterr()
    code = cli.main(["--home", str(world.district.home.root), "import", *files])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 2, err  # the damaged file is always refused
    refusals = [line for line in err.splitlines() if line.strip()]
    assert refusals and all(CHINESE.search(line) for line in refusals), err
    assert not any(CATCH_ALL in line for line in refusals), err
    if forged is None or any(forged.name in line for line in refusals):
        assert snapshot(world.district) == before
    assert _structural(world.district) == []


# --- enrolment files -------------------------------------------------------------------------


def _fresh_room(world: World, name: str) -> Database:
    home = Home(world.root / name)
    if home.root.exists():
        shutil.rmtree(home.root)
    home.create_dirs()
    shutil.copyfile(world.template, home.database)
    return open_database(home)


def _enrol(world: World, data: bytes, passphrase: str) -> str:
    """Sets a fresh home up from the file: 'set up', or 'refused' with nothing written."""
    room = _fresh_room(world, "enrolling")
    try:
        path = room.home.root / "room.enrol"
        path.write_bytes(data)
        before = snapshot(room)
        try:
            setup_room_from_enrolment(room, path, passphrase)
        except SyncError as error:
            message = str(error)
            assert message.strip() and CHINESE.search(message), message
            assert snapshot(room) == before, f"refused ({message}) but the database changed"
            assert room.installation() is None
            return "refused"
        assert run_checks(room) == [], run_checks(room)
        # What the file set up must also work afterwards: the room's first bundle.
        out = world.root / "enrolled-out"
        out.mkdir(exist_ok=True)
        try:
            export_bundle(room, to_dir=out)
        except UserError as error:
            assert CHINESE.search(str(error)), error
            return "set up, export refused"
        return "set up"
    finally:
        room.close()


@settings(FUZZ, max_examples=20 * SCALE)
@given(change=broken, passphrase=st.sampled_from(["right", "wrong", ""]) | st.text(max_size=30))
def test_property_a_damaged_enrolment_file_is_refused_and_changes_nothing(
    world: World, change: tuple[str, int, bytes], passphrase: str
) -> None:
    typed = world.passphrase if passphrase == "right" else passphrase
    data = _mutate(world.enrolment, *change)
    outcome = _enrol(world, data, typed)
    if data != world.enrolment:
        assert outcome == "refused"


def _signed_enrolment(world: World, payload: Any) -> bytes:
    keys = load_keys(world.district.home)
    signed = strictjson.dumps(payload)
    document = {"payload": payload, "signature": b64(keys.sign(signed))}
    return FastPassphrase.encrypt(strictjson.dumps(document), world.passphrase)


def _payload(world: World) -> dict[str, Any]:
    path = world.root / "original.enrol"
    path.write_bytes(world.enrolment)
    return read_enrolment(path, world.passphrase)


enrolment_forgeries = st.tuples(
    st.sampled_from(["top", "district", "room", "records", "record-value", "record-table"]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    junk,
)


@settings(FUZZ, max_examples=30 * SCALE)
@given(forgery=enrolment_forgeries)
@example(forgery=("district", 0, 0, ["not", "an", "id"]))  # district_id: was a ProgrammingError
@example(forgery=("top", 5, 0, []))  # schema_version: was a TypeError (unhashable)
@example(forgery=("top", 6, 0, "秘密"))  # secret: not ASCII, an HMAC key later
def test_property_an_enrolment_file_signed_with_anything_sets_up_or_refuses_cleanly(
    world: World, forgery: tuple[str, int, int, Any]
) -> None:
    """The district's own key signs a payload of any content (a stolen district PC)."""
    what, key_choice, row_choice, value = forgery
    payload = _payload(world)
    if what == "top":
        keys = sorted(payload)
        payload[keys[key_choice % len(keys)]] = value
    elif what in ("district", "room"):
        keys = sorted(payload[what])
        payload[what][keys[key_choice % len(keys)]] = value
    elif what == "records":
        payload["records"] = value
    else:
        tables = sorted(payload["records"])
        table = tables[key_choice % len(tables)]
        if what == "record-table":
            payload["records"][table] = value
        else:
            rows = payload["records"][table]
            row = rows[row_choice % len(rows)]
            columns = sorted(row)
            row[columns[(key_choice // 7) % len(columns)]] = value
    try:
        data = _signed_enrolment(world, payload)
    except ValueError:  # NaN in the payload: strictjson.dumps will not write it
        event("payload not writable")
        return
    event(f"{what}: {_enrol(world, data, world.passphrase)}")
