"""Small helpers for sync tests: add room records, count rows, move bundles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import Participant, Synced, Topic
from desktop.models.enums import ParticipantKind, TopicSource
from desktop.sync.export import ExportResult, export_bundle
from desktop.sync.importer import ImportResult, import_bundle


def room_id(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def add_topic(db: Database, title: str) -> str:
    with db.session() as session:
        topic = Topic(
            room_id=room_id(db),
            title=title,
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 11, 1),
        )
        session.add(topic)
        session.flush()
        return topic.id


def add_participant(db: Database, name: str) -> str:
    with db.session() as session:
        person = Participant(room_id=room_id(db), name=name, kind=ParticipantKind.RESIDENT)
        session.add(person)
        session.flush()
        return person.id


def rename_topic(db: Database, topic_id: str, title: str) -> None:
    with db.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None
        topic.title = title


def count(db: Database, model: type[Synced], **where: object) -> int:
    with db.session() as session:
        stmt = select(func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return int(session.scalar(stmt) or 0)


def rows(db: Database, model: type[Synced]) -> set[tuple[str, int]]:
    with db.session() as session:
        return {(r.id, r.revision) for r in session.scalars(select(model))}


def send(source: Database, target: Database, folder: Path, **options: object) -> ImportResult:
    folder.mkdir(parents=True, exist_ok=True)
    exported: ExportResult = export_bundle(source, to_dir=folder, **options)  # type: ignore[arg-type]
    return import_bundle(target, exported.path)
