"""Enrolment: the district registers a room and writes a signed file; the room sets up from it.

The file is signed JSON inside an age passphrase envelope (scrypt): it carries the roster and
the one-time enrolment secret, so a lost USB stick must leak neither. The passphrase is made
at enrolment, shown once to the district and read out to the room by phone; it is never
stored, here or on the stick.

A room that was set up on its own earlier is enrolled the same way and keeps every record: its
records are *mapped* onto the room id and node id the district chose (room_id and owner_node
are rewritten in one transaction, before anything was ever sent), and its own provisional room
and township rows are dropped. Mapping rather than adopting the room's id keeps the district
the single owner of the room registry, and the file the only source of the room's identity.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyrage import DecryptError
from pyrage import passphrase as age_passphrase
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.db import Database, head_revision
from desktop.errors import os_reason
from desktop.models import Area, Installation, Room, SyncBundle, SyncPeer, Township
from desktop.models.base import new_id
from desktop.models.enums import NodeRole
from desktop.models.stamping import StampContext
from desktop.rules.rooms import guess_room_kind
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import sha256, write_verified
from desktop.sync.compat import known_schema_versions
from desktop.sync.digest import forget_digests, state_digest
from desktop.sync.identity import escrow_recipient, require_installation
from desktop.sync.incoming import Incoming, apply_rows, parse_table
from desktop.sync.keys import (
    NodeKeys,
    b64,
    fingerprint,
    generate_keys,
    has_keys,
    load_keys,
    verify,
)
from desktop.sync.records import synced_models, to_json

ENROLMENT_FORMAT = "yishi-enrolment"
ENROLMENT_VERSION = 1
MAX_ENROLMENT_BYTES = 64 << 20
# 6 groups of 4 digits: about 80 bits, easy to read out by phone and to type on a number pad.
PASSPHRASE_GROUPS = 6
PASSPHRASE_GROUP_DIGITS = 4
WRONG_PASSPHRASE = "登记文件无法打开：口令错误或文件已损坏"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SECRET = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Enrolment:
    """A written enrolment file and what to read out over the phone."""

    path: Path
    room_id: str
    code: str
    fingerprint: str
    passphrase: str


@dataclass(frozen=True)
class EnrolledRoom:
    """The room after setup from an enrolment file."""

    installation: Installation
    code: str
    district_name: str
    district_fingerprint: str
    fingerprint: str
    adopted: bool


def _next_code(session: Session) -> str:
    codes = session.scalars(select(Room.code).where(Room.code.is_not(None))).all()
    numbers = [int(m.group(1)) for c in codes if c and (m := re.fullmatch(r"R(\d+)", c))]
    return f"R{max(numbers, default=0) + 1:04d}"


def new_passphrase() -> str:
    """A fresh enrolment passphrase such as 4821-0937-5512-0066-7310-2295."""
    return "-".join(
        f"{secrets.randbelow(10**PASSPHRASE_GROUP_DIGITS):0{PASSPHRASE_GROUP_DIGITS}d}"
        for _ in range(PASSPHRASE_GROUPS)
    )


def normalise_passphrase(typed: str) -> str:
    """The passphrase as written at enrolment, whatever spaces or dashes the user typed."""
    digits = "".join(ch for ch in typed if not ch.isspace() and ch != "-")
    size = PASSPHRASE_GROUP_DIGITS
    if digits.isascii() and digits.isdigit() and len(digits) == size * PASSPHRASE_GROUPS:
        return "-".join(digits[i : i + size] for i in range(0, len(digits), size))
    return typed.strip()


def _text(value: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise SyncError(f"{label}不能为空")
    return value


def enroll_room(
    db: Database, *, room_name: str, village: str, township: str, output: Path
) -> Enrolment:
    """District: register a room (code, node id) and write its signed enrolment file."""
    room_name = _text(room_name, "议事室名称")
    village = _text(village, "村（社区）名称")
    township = _text(township, "镇（街道）名称")
    with db.session() as session:
        installation = require_installation(session)
        if installation.role is not NodeRole.DISTRICT:
            raise SyncError("只有区政协安装才能登记议事室")
        if not has_keys(db.home):
            raise SyncError("本机没有区级密钥，无法登记议事室")
        keys = load_keys(db.home)
        town = session.scalars(
            select(Township).where(Township.name == township, Township.deleted.is_(False))
        ).first()
        if town is None:
            town = Township(name=township, district_id=installation.district_id)
            session.add(town)
            session.flush()
        room = session.scalars(
            select(Room).where(
                Room.name == room_name, Room.township_id == town.id, Room.deleted.is_(False)
            )
        ).first()
        if room is None:
            room = Room(
                township_id=town.id,
                name=room_name,
                village=village,
                kind=guess_room_kind(village),
            )
            session.add(room)
        else:
            # A room already in the registry (never enrolled): enrolled as it is.
            refuse_enrolment(session, room)
        room.code = room.code or _next_code(session)
        room.node_id = room.node_id or new_id()
        session.flush()
        code = room.code
        passphrase = write_enrolment(
            session, installation=installation, keys=keys, room=room, output=output
        )
    return Enrolment(
        path=output,
        room_id=room.id,
        code=code,
        fingerprint=keys.fingerprint,
        passphrase=passphrase,
    )


def refuse_enrolment(session: Session, room: Room) -> None:
    """SyncError when the room may not get a (first) enrolment file: retired or enrolled."""
    if room.retired_on is not None:
        raise SyncError(f"议事室「{room.name}」已停用，请先恢复后再登记")
    live = session.scalars(
        select(SyncPeer).where(SyncPeer.room_id == room.id, SyncPeer.revoked_at.is_(None))
    ).first()
    if live is not None:
        raise SyncError(f"议事室「{room.name}」已经登记；电脑丢失或更换时请用“重新登记”")


def write_enrolment(
    session: Session, *, installation: Installation, keys: NodeKeys, room: Room, output: Path
) -> str:
    """District: a peer for the room's node (room.node_id) and its signed, encrypted file.

    Returns the passphrase. The file carries the district rows the room is meant to hold
    (the roster and lists, and the district's notes under this room's live records), as the
    district's bundles to that room do (desktop.sync.export.RoomRouter).
    """
    from desktop.sync.export import RoomRouter  # export imports the importer, which is heavy

    assert room.node_id is not None and room.code is not None
    room_node, code, room_name = room.node_id, room.code, room.name
    secret = secrets.token_hex(32)
    session.add(
        SyncPeer(
            node_id=room_node,
            role="room",
            name=room_name,
            code=code,
            room_id=room.id,
            enrolment_secret=secret,
        )
    )
    session.flush()
    through = installation.change_counter
    router = RoomRouter(session)
    records: dict[str, list[dict[str, Any]]] = {}
    for model in synced_models():
        rows = session.scalars(
            select(model).where(model.owner_node == installation.node_id).order_by(model.id)
        ).all()
        rows = [r for r in rows if router.for_room(r, room.id)]
        if rows:
            records[model.__tablename__] = [to_json(r) for r in rows]
    payload = {
        "format": ENROLMENT_FORMAT,
        "version": ENROLMENT_VERSION,
        "schema_version": head_revision(),
        "district": {
            "node_id": installation.node_id,
            "name": installation.name,
            "district_id": installation.district_id,
            "signing_key": keys.signing_public,
            "recipient": keys.recipient,
            "escrow_recipient": escrow_recipient(session),
            "fingerprint": keys.fingerprint,
        },
        "room": {"id": room.id, "code": code, "name": room_name, "node_id": room_node},
        "secret": secret,
        "change_through": through,
        "records": records,
    }
    signed, passphrase = seal_document(payload, keys, output)
    # The file is the room's first delivery: logged like a bundle (sequence 0), so the
    # room's first acknowledgement can match it and the roster is not sent a second time.
    session.add(
        SyncBundle(
            bundle_id=new_id(),
            direction="out",
            peer_node=room_node,
            sequence=0,
            change_from=0,
            change_to=through,
            full=True,
            manifest_sha256=sha256(signed),
            state_digest=state_digest(session, installation.node_id),
            file_name=output.name[:255],
            summary=json.dumps({table: len(rows) for table, rows in records.items()}),
        )
    )
    return passphrase


def seal_document(payload: dict[str, Any], keys: NodeKeys, output: Path) -> tuple[bytes, str]:
    """Sign `payload`, seal it in an envelope with a fresh passphrase and write it to `output`;
    returns the signed bytes and the passphrase."""
    signed = strictjson.dumps(payload)
    document = {"payload": payload, "signature": b64(keys.sign(signed))}
    passphrase = new_passphrase()
    write_verified(output, age_passphrase.encrypt(strictjson.dumps(document), passphrase))
    return signed, passphrase


def open_document(path: Path, passphrase: str, *, issuer: str) -> tuple[dict[str, Any], str]:
    """An enrolment file's payload and signature, decrypted; the signature is not checked
    yet (the key is in the payload). `issuer` names who gave the passphrase (区政协)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ENROLMENT_BYTES + 1)
    except OSError as exc:
        raise SyncError(f"无法读取登记文件：{path}（{os_reason(exc)}）") from exc
    if len(data) > MAX_ENROLMENT_BYTES:
        raise SyncError("登记文件过大")
    if not passphrase.strip():
        raise SyncError(f"请输入{issuer}告知的登记口令")
    try:
        data = age_passphrase.decrypt(data, normalise_passphrase(passphrase))
    except (DecryptError, ValueError) as exc:
        raise SyncError(WRONG_PASSPHRASE) from exc
    try:
        document = strictjson.loads(data)
    except strictjson.StrictJSONError as exc:
        raise SyncError(f"登记文件已损坏：{exc}") from exc
    payload = document.get("payload") if isinstance(document, dict) else None
    signature = document.get("signature") if isinstance(document, dict) else None
    if not isinstance(payload, dict) or not isinstance(signature, str):
        raise SyncError("登记文件已损坏")
    return payload, signature


def read_enrolment(path: Path, passphrase: str) -> dict[str, Any]:
    """The verified payload of an enrolment file: decrypted, then its district signature checked."""
    payload, signature = open_document(path, passphrase, issuer="区政协")
    if payload.get("format") == "yishi-city-enrolment":
        raise SyncError("这是市政协发给区政协的登记文件，请在区政协用 yishi join-city 登记")
    if payload.get("format") != ENROLMENT_FORMAT:
        raise SyncError("这不是议事的登记文件")
    schema_version = payload.get("schema_version")
    if payload.get("version") != ENROLMENT_VERSION or (
        not isinstance(schema_version, str) or schema_version not in known_schema_versions()
    ):
        raise SyncError("此登记文件由更新版本的议事生成，请先更新议事")
    district = payload.get("district")
    room = payload.get("room")
    if not isinstance(district, dict) or not isinstance(room, dict):
        raise SyncError("登记文件已损坏")
    for key in ("node_id", "name", "signing_key", "recipient", "escrow_recipient"):
        if not isinstance(district.get(key), str):
            raise SyncError("登记文件已损坏")
    for key in ("id", "code", "name", "node_id"):
        if not isinstance(room.get(key), str):
            raise SyncError("登记文件已损坏")
    through = payload.get("change_through")
    if not isinstance(through, int) or isinstance(through, bool) or not 0 <= through < 2**62:
        raise SyncError("登记文件已损坏")
    if not isinstance(payload.get("secret"), str) or not isinstance(payload.get("records"), dict):
        raise SyncError("登记文件已损坏")
    # Ids become keys and columns as they are, and the secret an HMAC key: a signed file with
    # a list for an id, or a secret that is not ASCII, must not get as far as the database.
    ids = [district["node_id"], room["id"], room["node_id"]]
    if district.get("district_id") is not None:
        ids.append(district.get("district_id"))
    if not all(isinstance(i, str) and _UUID.fullmatch(i) for i in ids) or not _SECRET.fullmatch(
        payload["secret"]
    ):
        raise SyncError("登记文件已损坏")
    try:
        raw_signature = base64.b64decode(signature, validate=True)
    except ValueError as exc:
        raise SyncError("登记文件签名无效") from exc
    if not verify(district["signing_key"], raw_signature, strictjson.dumps(payload)):
        raise SyncError("登记文件签名无效，文件可能被篡改")
    return payload


def setup_room_from_enrolment(db: Database, path: Path, passphrase: str) -> EnrolledRoom:
    """Room: make (or map) the installation from an enrolment file, with keys and the roster."""
    return setup_room_from_payload(db, read_enrolment(path, passphrase))


def setup_room_from_payload(db: Database, payload: dict[str, Any]) -> EnrolledRoom:
    """As setup_room_from_enrolment, from the payload read_enrolment returned.

    The GUI opens the file once, to check the passphrase before its dialog closes; scrypt
    takes seconds, so it is not run a second time to set up.
    """
    district, room_info = payload["district"], payload["room"]
    district_node: str = district["node_id"]
    incoming = Incoming()
    for model in synced_models():
        lines = payload["records"].get(model.__tablename__)
        if lines is None:
            continue
        if not isinstance(lines, list):
            raise SyncError("登记文件已损坏")
        parsed_model, rows = parse_table(
            model.__tablename__, lines, schema_version=payload["schema_version"]
        )
        if any(r["owner_node"] != district_node for r in rows):
            raise SyncError("登记文件中有不属于区政协的记录")
        incoming.rows.append((parsed_model, rows))
    if set(payload["records"]) - {m.__tablename__ for m in synced_models()}:
        raise SyncError("登记文件中有未知的数据表")

    existing = db.installation()
    if existing is not None:
        if existing.role is not NodeRole.ROOM:
            raise SyncError("区政协安装不能用登记文件设置为议事室")
        with db.session() as session:
            if session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).first():
                raise SyncError("本议事室已经登记过，不能再次登记")
            # Before enrolment only the room itself writes records; rows of another owner come
            # from demo data, whose roster the district does not know, so they cannot be mapped.
            for model in synced_models():
                foreign = session.scalar(
                    select(func.count())
                    .select_from(model)
                    .where(model.owner_node != existing.node_id)
                )
                if foreign:
                    raise SyncError(
                        "本机含有不属于本议事室的数据（例如示例名册），不能登记；"
                        "请在新的数据目录中用登记文件设置议事室"
                    )
    keys = load_keys(db.home) if has_keys(db.home) else generate_keys(db.home)
    room_node: str = room_info["node_id"]
    writer = existing.node_id if existing is not None else room_node
    try:
        installation = _install(db, payload, incoming, writer=writer, adopt=existing is not None)
    except IntegrityError as exc:
        raise SyncError("登记文件中的数据与本机已有数据冲突，未做任何更改") from exc
    return EnrolledRoom(
        installation=installation,
        code=room_info["code"],
        district_name=district["name"],
        district_fingerprint=fingerprint(district["signing_key"], district["recipient"]),
        fingerprint=keys.fingerprint,
        adopted=existing is not None,
    )


def _install(
    db: Database, payload: dict[str, Any], incoming: Incoming, *, writer: str, adopt: bool
) -> Installation:
    """One transaction: the installation row, the district's rows, the mapping, the peers."""
    district, room_info = payload["district"], payload["room"]
    room_node: str = room_info["node_id"]
    with db.session_as(StampContext(node_id=writer, user=db.user, importing=True)) as session:
        installation = session.get(Installation, 1)
        if installation is None:
            installation = Installation(node_id=room_node, role=NodeRole.ROOM, name="")
            session.add(installation)
            session.flush()
        apply_rows(session, incoming, bundle_id="enrolment")
        if session.get(Room, room_info["id"]) is None:
            raise SyncError("登记文件中缺少本议事室的记录")
        if adopt:
            _map_room(session, installation, room_id=room_info["id"], node_id=room_node)
        installation.node_id = room_node
        installation.room_id = room_info["id"]
        installation.district_id = district.get("district_id")
        installation.name = room_info["name"]
        session.add(
            SyncPeer(
                node_id=district["node_id"],
                role="district",
                name=district["name"],
                signing_key=district["signing_key"],
                age_recipient=district["recipient"],
                enrolment_secret=payload["secret"],
                received_through=payload["change_through"],
            )
        )
        session.add(
            SyncPeer(
                node_id=f"escrow-{fingerprint(district['escrow_recipient'])}"[:36],
                role="escrow",
                name="托管密钥",
                age_recipient=district["escrow_recipient"],
            )
        )
    return installation


def _map_room(session: Session, installation: Installation, *, room_id: str, node_id: str) -> None:
    """Re-point a self-set-up room's records at the enrolled room id and node id."""
    old_room, old_node = installation.room_id, installation.node_id
    session.flush()
    for model in synced_models():
        table = model.__table__  # type: ignore[attr-defined]
        if "room_id" in table.c and old_room:
            session.execute(
                update(table).where(table.c.room_id == old_room).values(room_id=room_id)
            )
    installation.room_id = room_id
    session.flush()
    if old_room and old_room != room_id:
        old = session.get(Room, old_room)
        town_id = old.township_id if old is not None else None
        session.execute(delete(Room).where(Room.id == old_room))
        if town_id is not None:
            in_use = session.scalar(
                select(func.count()).select_from(Room).where(Room.township_id == town_id)
            ) or session.scalar(
                select(func.count()).select_from(Area).where(Area.township_id == town_id)
            )
            town = session.get(Township, town_id)
            if not in_use and town is not None and town.owner_node == old_node:
                session.execute(delete(Township).where(Township.id == town_id))
    for model in synced_models():
        table = model.__table__  # type: ignore[attr-defined]
        session.execute(
            update(table).where(table.c.owner_node == old_node).values(owner_node=node_id)
        )
    forget_digests(session)  # the bulk statements above bypassed the flush hook
    session.expire_all()
