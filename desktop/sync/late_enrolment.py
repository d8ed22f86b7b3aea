"""A room set up on its own enrols later: checks, the adoption, and what stays behind.

Adoption is enrolment.py's mapping: the district's file names the room id and node id, and
the room's own records are re-owned and re-parented to them in the one transaction that
installs the district's keys and roster (before anything was ever sent, so no peer holds a
row under the old ids). The district stays the single owner of the room registry and the
roster, and every sync check (ownership by the parent chain, the enrolment proof of the first
bundle, the signed key) applies to the room's first bundle unchanged: it is simply a first
bundle carrying everything the room recorded.

What this module adds: the refusals a room that already works needs (already enrolled, the
same file again, a file of another district), a preview so the person sees which room the
file is for before anything changes, and `LocalRows`, which keeps local members
(desktop.workflow.local_members) and every row under them out of bundles until merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Room, SyncPeer
from desktop.models.base import Synced
from desktop.models.enums import NodeRole
from desktop.models.sync import digest_term
from desktop.sync import SyncError
from desktop.sync.enrolment import EnrolledRoom, read_enrolment, setup_room_from_payload
from desktop.sync.keys import fingerprint
from desktop.sync.ownership import DISTRICT_TABLES, NoRule, parent_refs
from desktop.sync.records import model_for, synced_models
from desktop.workflow.local_members import match_after_import

ALREADY_ENROLLED = "本议事室已经登记过，不能再次登记"
FILE_USED = "此登记文件已经用过，本议事室已经登记"
OTHER_DISTRICT = "此登记文件来自另一个区政协；本议事室已登记在%1，不能改登记到别的区"
NOT_A_ROOM = "区政协安装不能用登记文件登记为议事室"


@dataclass(frozen=True)
class EnrolmentPreview:
    """What an opened file enrols this room as, shown before anything changes."""

    district_name: str
    district_fingerprint: str
    code: str
    room_name: str
    current_name: str

    @property
    def renames(self) -> bool:
        """The district named the room otherwise than this room calls itself."""
        return self.room_name.strip() != self.current_name.strip()


def check_payload(db: Database, payload: dict[str, Any]) -> EnrolmentPreview:
    """Refuse a file this installation must not take; otherwise what it would enrol as."""
    installation = db.installation()
    if installation is not None and installation.role is not NodeRole.ROOM:
        raise SyncError(NOT_A_ROOM)
    district = payload["district"]
    current = ""
    if installation is not None:
        with db.session() as session:
            peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).first()
            if peer is not None:
                if peer.enrolment_secret == payload["secret"]:
                    raise SyncError(FILE_USED)
                if peer.node_id != district["node_id"]:
                    raise SyncError(OTHER_DISTRICT.replace("%1", peer.name))
                raise SyncError(ALREADY_ENROLLED)
            room = session.get(Room, installation.room_id) if installation.room_id else None
            current = room.name if room is not None else installation.name
    return EnrolmentPreview(
        district_name=district["name"],
        district_fingerprint=fingerprint(district["signing_key"], district["recipient"]),
        code=payload["room"]["code"],
        room_name=payload["room"]["name"],
        current_name=current,
    )


def open_enrolment(
    db: Database, path: Path, passphrase: str
) -> tuple[dict[str, Any], EnrolmentPreview]:
    """Decrypt and verify the file (scrypt: seconds, so off the GUI thread), then check it."""
    payload = read_enrolment(path, passphrase)
    return payload, check_payload(db, payload)


def enrol_standalone_room(db: Database, payload: dict[str, Any]) -> EnrolledRoom:
    """Adopt the district's identity for this room in one transaction; then merge the local
    members the roster in the file surely names (same name and phone)."""
    check_payload(db, payload)
    enrolled = setup_room_from_payload(db, payload)
    match_after_import(db)
    return enrolled


class LocalRows:
    """Rows of this room that stay home: its local members and every row hanging under one.

    The district refuses a room's bundle carrying a member row, and a claim or attendance
    under a member it does not hold; so these wait until the member is merged with the
    district's (desktop.workflow.local_members), which re-points them and sends them then.
    """

    def __init__(self, session: Session, me: str) -> None:
        self._session = session
        self._me = me
        self._known: dict[tuple[str, str], bool] = {}
        self.active = any(
            session.scalar(select(model.id).where(model.owner_node == me).limit(1)) is not None
            for model in synced_models()
            if model.__tablename__ in DISTRICT_TABLES
        )

    def stays(self, row: Synced) -> bool:
        if not self.active:
            return False
        table = type(row).__tablename__
        if table in DISTRICT_TABLES:
            return row.owner_node == self._me
        key = (table, row.id)
        if key in self._known:
            return self._known[key]
        self._known[key] = False  # a cycle of references stays nowhere
        values = {c.key: getattr(row, c.key) for c in type(row).__table__.columns}  # type: ignore[attr-defined]
        result = False
        try:
            refs = list(parent_refs(table, values))
        except NoRule:
            refs = []
        for _column, parent_table, parent_id in refs:
            model = model_for(parent_table) if parent_table else None
            parent = self._session.get(model, parent_id) if model is not None else None
            if parent is not None and parent.owner_node == self._me and self.stays(parent):
                result = True
                break
        self._known[key] = result
        return result

    def held_terms(self) -> int:
        """The digest terms of every row that stays: the district will not hold them."""
        if not self.active:
            return 0
        total = 0
        for model in synced_models():
            for row in self._session.scalars(select(model).where(model.owner_node == self._me)):
                if self.stays(row):
                    total += digest_term(model.__tablename__, row.id, row.revision)
        return total
