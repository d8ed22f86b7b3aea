"""A district with keys and one room enrolled from it: the pair the sync page, the sync
queries and the sync CLI tests start from (tests/sync builds its own, more variously)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pyrage import DecryptError
from sqlalchemy import select

from desktop.db import Database, open_database
from desktop.models import SyncBundle, Topic
from desktop.models.enums import TopicSource
from desktop.paths import Home
from desktop.setup import setup_district
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.identity import init_district_keys


class FastPassphrase:
    """Stands in for age's scrypt (about 2 s a call) where a test is not about the envelope."""

    MAGIC = b"test-passphrase\n"

    @staticmethod
    def _key(passphrase: str) -> bytes:
        return hashlib.sha256(passphrase.encode()).digest()

    @classmethod
    def encrypt(cls, data: bytes, passphrase: str) -> bytes:
        key = cls._key(passphrase)
        return cls.MAGIC + key[:8] + bytes(b ^ key[i % 32] for i, b in enumerate(data))

    @classmethod
    def decrypt(cls, data: bytes, passphrase: str) -> bytes:
        key = cls._key(passphrase)
        head = len(cls.MAGIC) + 8
        if data[:head] != cls.MAGIC + key[:8]:
            raise DecryptError("Decryption failed")
        return bytes(b ^ key[i % 32] for i, b in enumerate(data[head:]))


TODAY = date(2026, 11, 29)


@dataclass
class Pair:
    """A district with keys and one room enrolled from it, each in its own home."""

    district: Database
    room: Database


def open_pair(template: Path, root: Path) -> Iterator[Pair]:
    """Builds the pair the way tests/sync does; closes both databases afterwards."""
    opened: list[Database] = []

    def make(name: str) -> Database:
        home = Home(root / name)
        home.create_dirs()
        shutil.copyfile(template, home.database)
        db = open_database(home)
        opened.append(db)
        return db

    district = make("district")
    setup_district(district, name="崇川区政协")
    init_district_keys(district, escrow_path=root / "escrow.txt")
    enrolment = root / "room.enrol"
    written = enroll_room(
        district,
        room_name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        output=enrolment,
    )
    room = make("room")
    setup_room_from_enrolment(room, enrolment, written.passphrase)
    yield Pair(district=district, room=room)
    for db in opened:
        db.close()


def add_topic(db: Database, title: str) -> None:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    with db.session() as session:
        session.add(
            Topic(
                room_id=installation.room_id,
                title=title,
                source=TopicSource.RESIDENTS,
                raised_on=date(2026, 11, 1),
            )
        )


def backdate_exports(db: Database, days: int) -> None:
    """Every bundle out written `days` before TODAY, at noon UTC (the same local day)."""
    moment = datetime.combine(TODAY - timedelta(days=days), time(12), UTC)
    with db.session() as session:
        for bundle in session.scalars(select(SyncBundle).where(SyncBundle.direction == "out")):
            bundle.at = moment
