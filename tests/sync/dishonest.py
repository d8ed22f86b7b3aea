"""A dishonest but enrolled room: it holds its real keys and signs whatever it writes.

It builds an honest bundle with the bundle writer (desktop.sync.export.build_contents), then
puts in, takes out or changes any rows and blobs it likes, bypassing every workflow rule, and
signs and encrypts the result for the district exactly as a stolen or tampered village PC
could. `District.snapshot` is the district's database (a logical dump) and attachment folder
(names and hashes), to assert that a refused bundle changed nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Integer, Numeric, String, Text, Time, create_engine, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.pool import NullPool

from desktop.db import Database
from desktop.models import Base, Synced, SyncPeer
from desktop.models.base import UTCDateTime
from desktop.sync import strictjson
from desktop.sync.bundle import Contents, seal
from desktop.sync.export import build_contents
from desktop.sync.identity import require_installation
from desktop.sync.keys import load_keys
from desktop.sync.records import LOCAL_COLUMNS, model_for

_numbers = itertools.count(1)


def fresh_id() -> str:
    return str(uuid.uuid4())


def _value(column: Any, table: str) -> Any:
    """A value `from_json` accepts for the column, short and in range."""
    kind = column.type
    if isinstance(kind, SAEnum):
        return kind.enums[0]
    if isinstance(kind, UTCDateTime):
        return "2026-11-29T08:00:00+00:00"
    if isinstance(kind, Date):
        return date(2026, 11, 1).isoformat()
    if isinstance(kind, Time):
        return time(9, 0).isoformat()
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Numeric):
        return "1.00"
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, String | Text):
        if column.name == "sha256":
            return "ab" * 32
        if column.name.endswith("_id") or column.name == "id":
            return fresh_id()
        if column.name == "record_table":
            return "topic"
        text = f"伪造{next(_numbers)}"
        return text[: kind.length] if kind.length is not None else text
    raise AssertionError(f"no value for {table}.{column.name}")


def forged_row(table: str, owner: str, **values: Any) -> dict[str, Any]:
    """A row of `table` as a bundle carries it: every column filled, then `values` over it.

    Nullable columns start empty, so only the parents a caller names are referred to.
    """
    model = model_for(table)
    assert model is not None, table
    row: dict[str, Any] = {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if column.name in LOCAL_COLUMNS:
            continue
        row[column.name] = None if column.nullable else _value(column, table)
    row.update(id=fresh_id(), owner_node=owner, revision=1, deleted=False)
    row.update(values)
    return row


def held_row(db: Database, table: str, row_id: str) -> dict[str, Any]:
    """A row this database holds, as JSON values."""
    from desktop.sync.records import to_json

    model = model_for(table)
    assert model is not None
    with db.session() as session:
        row = session.get(model, row_id)
        assert isinstance(row, Synced)
        return to_json(row)


@dataclass
class DishonestRoom:
    """An enrolled room writing bundles for the district by hand, with its real keys."""

    db: Database
    district: Database
    folder: Path

    @property
    def node(self) -> str:
        installation = self.db.installation()
        assert installation is not None
        return installation.node_id

    @property
    def room_id(self) -> str:
        installation = self.db.installation()
        assert installation is not None and installation.room_id is not None
        return installation.room_id

    def contents(self, *, full: bool = True, sequence: int = 1) -> Contents:
        """What the bundle writer would send now: the honest starting point."""
        with self.db.session() as session:
            installation = require_installation(session)
            peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
            return build_contents(
                session,
                self.db.home,
                installation=installation,
                peer=peer,
                keys=load_keys(self.db.home),
                sequence=sequence,
                full=full,
            )

    def write(
        self,
        rows: dict[str, list[dict[str, Any]]] | None = None,
        *,
        blobs: dict[str, bytes] | None = None,
        change: Callable[[Contents], None] | None = None,
        name: str | None = None,
    ) -> Path:
        """A signed, encrypted bundle for the district: the honest one plus `rows` (added to
        each table's member), `blobs`, and whatever `change` does to the contents last."""
        contents = self.contents()
        for table, extra in (rows or {}).items():
            member = f"records/{table}.ndjson"
            # A forged row replaces the honest row with its id: the liar's version of it.
            replaced = {row["id"] for row in extra}
            kept = [
                line
                for line in contents.members.get(member, b"").splitlines()
                if strictjson.loads(line)["id"] not in replaced
            ]
            lines = [*kept, *(strictjson.dumps(row) for row in extra)]
            contents.members[member] = b"".join(line + b"\n" for line in lines)
            contents.manifest["counts"][table] = len(lines)
        for digest, data in (blobs or {}).items():
            contents.members[f"blobs/{digest}"] = data
        if change is not None:
            change(contents)
        return self.seal(contents, name=name)

    def seal(self, contents: Contents, *, name: str | None = None) -> Path:
        recipient = load_keys(self.district.home).identity.to_public()
        sealed, _ = seal(contents, sign=load_keys(self.db.home).sign, recipients=[recipient])
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / (name or f"forged-{next(_numbers)}.yishi")
        path.write_bytes(sealed)
        return path


def _server_dump(db: Database) -> tuple[str, ...]:
    """Every row of every table on a database server, as sorted text: a dump to compare."""
    engine = create_engine(db.engine.url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return tuple(
                f"{table.name}: {tuple(row)!r}"
                for table in Base.metadata.sorted_tables
                for row in sorted(connection.execute(select(table)).all(), key=repr)
            )
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Snapshot:
    """The district's database as SQL text and its attachment folder as names and hashes."""

    dump: tuple[str, ...]
    files: tuple[tuple[str, str], ...]


def snapshot(db: Database) -> Snapshot:
    """Read through a separate connection, so the app's own session state plays no part."""
    if db.engine.dialect.name == "sqlite":
        connection = sqlite3.connect(f"file:{db.home.database}?mode=ro", uri=True)
        try:
            dump = tuple(connection.iterdump())
        finally:
            connection.close()
    else:
        dump = _server_dump(db)
    root = db.home.attachments
    files = tuple(
        sorted(
            (str(path.relative_to(root)), hashlib.sha256(path.read_bytes()).hexdigest())
            for path in root.rglob("*")
            if path.is_file()
        )
    )
    return Snapshot(dump, files)
