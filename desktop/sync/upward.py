"""Forwarding upward: a district sends what it holds to a city office (市政协).

The same bundle format carries it (desktop.sync.export and importer); this module holds what
differs one level up.

- Enrolment works as a room's does: the city writes a signed enrolment file in a passphrase
  envelope for a district (`enroll_district`); the district reads it (`join_city`) and keeps
  the city as its peer; the district's first bundle proves the file's one-time secret, and
  only then does the city learn the district's node and keys.
- A district's bundle to the city carries every row it holds, its own and its rooms', each
  still naming the node that owns it, and lists in `origins` the room nodes it vouches for
  (every room it enrolled, re-enrolled ones too).
- The city answers each district with a bundle of no records: its acknowledgement, so the
  district's next bundle carries only what changed since.
- The city accepts a row only from its owner's district (`check_forwarded`): owned by the
  district itself or by a node it vouches for, never a node another district vouched for
  first, and hanging only under rows of the same district. Within its own rooms the district
  is trusted as the forwarder: it checked each room's signed bundles when it imported them,
  and the rooms' signatures do not travel on.
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database, head_revision
from desktop.models import ForwardedOrigin, Room, SyncBundle, SyncPeer
from desktop.models.base import new_id
from desktop.models.enums import NodeRole
from desktop.models.sync import DIGEST_MODULUS, format_digest
from desktop.sync import SyncError, strictjson
from desktop.sync.compat import known_schema_versions
from desktop.sync.digest import rebuild_digest, state_digest
from desktop.sync.enrolment import ENROLMENT_FORMAT, open_document, seal_document
from desktop.sync.identity import escrow_recipient, require_installation
from desktop.sync.incoming import Incoming, check_parents_known, read_facts
from desktop.sync.keys import fingerprint, has_keys, load_keys, verify

CITY_ENROLMENT_FORMAT = "yishi-city-enrolment"
CITY_ENROLMENT_VERSION = 1
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SECRET = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class DistrictEnrolment:
    """City: a written enrolment file for a district and what to read out by phone."""

    path: Path
    name: str
    fingerprint: str
    passphrase: str


@dataclass(frozen=True)
class JoinedCity:
    """District: the city it now forwards to, and the city's fingerprint to check by phone."""

    name: str
    fingerprint: str


def _text(value: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise SyncError(f"{label}不能为空")
    return value


# --- enrolment, city side ----------------------------------------------------------------------


def enroll_district(db: Database, *, name: str, output: Path) -> DistrictEnrolment:
    """City: register a district and write its signed, passphrase-protected enrolment file.

    The district's peer is kept under a provisional id until its first bundle proves the
    secret (`bind_district`). Enrolling a district again before that replaces the file's
    secret: only the newest file works.
    """
    name = _text(name, "区政协名称")
    with db.session() as session:
        installation = require_installation(session)
        if installation.role is not NodeRole.CITY:
            raise SyncError("只有市政协安装才能登记区政协")
        if not has_keys(db.home):
            raise SyncError("本机没有市级密钥，无法登记区政协")
        keys = load_keys(db.home)
        same = session.scalars(
            select(SyncPeer).where(
                SyncPeer.role == "district", SyncPeer.name == name, SyncPeer.revoked_at.is_(None)
            )
        ).first()
        if same is not None and same.signing_key is not None:
            raise SyncError(f"区政协「{name}」已经登记，并已发来数据包")
        if same is not None:
            session.delete(same)
            session.flush()
        secret = secrets.token_hex(32)
        session.add(SyncPeer(node_id=new_id(), role="district", name=name, enrolment_secret=secret))
        payload = {
            "format": CITY_ENROLMENT_FORMAT,
            "version": CITY_ENROLMENT_VERSION,
            "schema_version": head_revision(),
            "city": {
                "node_id": installation.node_id,
                "name": installation.name,
                "signing_key": keys.signing_public,
                "recipient": keys.recipient,
                "escrow_recipient": escrow_recipient(session),
            },
            "district_name": name,
            "secret": secret,
        }
        _signed, passphrase = seal_document(payload, keys, output)
    return DistrictEnrolment(
        path=output, name=name, fingerprint=keys.fingerprint, passphrase=passphrase
    )


def find_enrolled_district(session: Session, manifest: dict[str, Any]) -> SyncPeer | None:
    """City: the enrolled district a first bundle comes from, found by the enrolment proof it
    carries (HMAC with the file's secret; the import renames the peer to the bundle's node);
    None when no enrolment file of this city made the proof."""
    proof = manifest.get("enrolment_proof")
    origin_info = manifest.get("origin")
    if not isinstance(proof, str) or not isinstance(origin_info, dict):
        return None
    from desktop.sync.importer import enrolment_proof  # the importer imports this module

    pending = session.scalars(
        select(SyncPeer).where(
            SyncPeer.role == "district",
            SyncPeer.signing_key.is_(None),
            SyncPeer.revoked_at.is_(None),
        )
    )
    for peer in pending:
        expected = enrolment_proof(
            peer.enrolment_secret or "",
            bundle_id=str(manifest.get("bundle_id")),
            signing_key=str(origin_info.get("signing_key")),
            recipient=str(origin_info.get("recipient")),
        )
        if peer.enrolment_secret and hmac.compare_digest(proof, expected):
            return peer
    return None


# --- enrolment, district side ------------------------------------------------------------------


def read_city_enrolment(path: Path, passphrase: str) -> dict[str, Any]:
    """The verified payload of a city's enrolment file: decrypted, its signature checked."""
    payload, signature = open_document(path, passphrase, issuer="市政协")
    if payload.get("format") != CITY_ENROLMENT_FORMAT:
        if payload.get("format") == ENROLMENT_FORMAT:
            raise SyncError("这是议事室的登记文件，不是市政协发给区政协的登记文件")
        raise SyncError("这不是议事的登记文件")
    schema_version = payload.get("schema_version")
    if payload.get("version") != CITY_ENROLMENT_VERSION or (
        not isinstance(schema_version, str) or schema_version not in known_schema_versions()
    ):
        raise SyncError("此登记文件由更新版本的议事生成，请先更新议事")
    city = payload.get("city")
    if not isinstance(city, dict) or not all(
        isinstance(city.get(key), str)
        for key in ("node_id", "name", "signing_key", "recipient", "escrow_recipient")
    ):
        raise SyncError("登记文件已损坏")
    secret = payload.get("secret")
    if not _UUID.fullmatch(city["node_id"]) or not (
        isinstance(secret, str) and _SECRET.fullmatch(secret)
    ):
        raise SyncError("登记文件已损坏")
    try:
        raw_signature = base64.b64decode(signature, validate=True)
    except ValueError as exc:
        raise SyncError("登记文件签名无效") from exc
    if not verify(city["signing_key"], raw_signature, strictjson.dumps(payload)):
        raise SyncError("登记文件签名无效，文件可能被篡改")
    return payload


def join_city(db: Database, path: Path, passphrase: str) -> JoinedCity:
    """District: take the city's enrolment file; its bundles to the city may follow."""
    payload = read_city_enrolment(path, passphrase)
    city = payload["city"]
    with db.session() as session:
        installation = require_installation(session)
        if installation.role is not NodeRole.DISTRICT:
            raise SyncError("只有区政协安装才能登记到市政协")
        if not has_keys(db.home):
            raise SyncError("本机没有区级密钥，无法登记到市政协")
        current = city_peer(session)
        if current is not None:
            if current.node_id == city["node_id"]:
                raise SyncError(f"本区已经登记到{current.name}，不能再次登记")
            raise SyncError(f"本区已登记到{current.name}，不能再登记到{city['name']}")
        if session.get(SyncPeer, city["node_id"]) is not None:
            raise SyncError("登记文件中的市政协编号与本机已有的单位相同，已拒绝")
        session.add(
            SyncPeer(
                node_id=city["node_id"],
                role="city",
                name=city["name"][:100],
                signing_key=city["signing_key"],
                age_recipient=city["recipient"],
                enrolment_secret=payload["secret"],
                # Bundles to the city are encrypted to its escrow key too, as a room's are to
                # the district's, so a city that lost its own key can still read them.
                escrow_recipient=city["escrow_recipient"],
            )
        )
    return JoinedCity(
        name=city["name"], fingerprint=fingerprint(city["signing_key"], city["recipient"])
    )


def city_peer(session: Session) -> SyncPeer | None:
    return session.scalars(
        select(SyncPeer).where(SyncPeer.role == "city", SyncPeer.revoked_at.is_(None))
    ).first()


# --- what a district forwards --------------------------------------------------------------


def vouched_origins(session: Session, me: str) -> list[str]:
    """District: the room nodes it forwards records of: every one it ever enrolled, and the
    node its registry names for each room (a room recorded before its PC, demo data)."""
    peers = session.scalars(select(SyncPeer.node_id).where(SyncPeer.role == "room"))
    named = session.scalars(
        select(Room.node_id).where(Room.owner_node == me, Room.node_id.is_not(None))
    )
    return sorted({*peers, *(node for node in named if node is not None)} - {me})


def family_digest(session: Session, owners: Iterable[str], *, rescan: bool = False) -> str:
    """The state digest of every row the given owners own: the sum of theirs."""
    digest = rebuild_digest if rescan else state_digest
    total = sum(int(digest(session, owner), 16) for owner in sorted(set(owners)))
    return format_digest(total % DIGEST_MODULUS)


def forwarded_family(session: Session, district_node: str) -> list[str]:
    """City: the district and the room nodes it vouched for."""
    origins = session.scalars(
        select(ForwardedOrigin.node_id).where(ForwardedOrigin.via_node == district_node)
    )
    return [district_node, *origins]


# --- what a city accepts -------------------------------------------------------------------


def read_origins(manifest: dict[str, Any]) -> list[str]:
    """The `origins` a district's bundle lists: node ids, checked for form."""
    origins = manifest.get("origins")
    if not isinstance(origins, list) or not all(
        isinstance(node, str) and _UUID.fullmatch(node) for node in origins
    ):
        raise SyncError("数据包清单字段格式错误：origins")
    if len(set(origins)) != len(origins):
        raise SyncError("数据包清单字段格式错误：origins")
    return origins


def check_forwarded(
    session: Session, incoming: Incoming, *, origin: str, origins: list[str]
) -> list[str]:
    """City: every row of a district's bundle, and every row it hangs under, belongs to that
    district's family (the district and the room nodes it vouches for). Returns the vouched
    nodes new to this city; nothing is written; SyncError refuses."""
    known = dict(
        session.execute(
            select(ForwardedOrigin.node_id, ForwardedOrigin.via_node).where(
                ForwardedOrigin.node_id.in_(origins)
            )
        ).all()
    )
    for node, via in known.items():
        if via != origin:
            raise SyncError(f"数据包把其他区的议事室记作本区的（节点 {node}），已拒绝")
    peers = set(session.scalars(select(SyncPeer.node_id).where(SyncPeer.node_id.in_(origins))))
    if peers or origin in origins:
        raise SyncError("数据包把已登记的单位记作本区的议事室，已拒绝")
    family = {origin, *origins, *forwarded_family(session, origin)}
    facts, sent, held = read_facts(session, incoming)
    for table, seen, _refs in facts:
        for row_id, owner_node in seen:
            if owner_node not in family:
                raise SyncError(f"数据包中有不属于本区的记录（{table} {row_id}）")
            owner = held.get((table, row_id))
            if owner is not None and owner not in family:
                raise SyncError(f"数据包试图修改其他区的记录（{table} {row_id}）")
    for table, seen, refs in facts:
        for (row_id, _owner), row_refs in zip(seen, refs, strict=True):
            for column, parent_owner in check_parents_known(table, row_id, row_refs, sent, held):
                if parent_owner not in family:
                    raise SyncError(
                        f"数据包中的记录挂在其他区的记录之下（{table} {row_id} 的 {column}）"
                    )
    return [node for node in origins if node not in known]


@dataclass(frozen=True)
class CityDistrict:
    """City: one enrolled district, for its list."""

    node_id: str
    name: str
    # False until its first bundle came (its keys are unknown until then).
    reporting: bool
    fingerprint: str | None
    rooms: int
    last_bundle_at: datetime | None


def districts_of_city(db: Database) -> list[CityDistrict]:
    """City: every district it enrolled, by name: whether it has reported, how many room
    nodes it forwards records of, and when its last bundle came in."""
    with db.session() as session:
        peers = session.scalars(
            select(SyncPeer)
            .where(SyncPeer.role == "district", SyncPeer.revoked_at.is_(None))
            .order_by(SyncPeer.name, SyncPeer.node_id)
        ).all()
        rooms = dict(
            session.execute(
                select(ForwardedOrigin.via_node, func.count()).group_by(ForwardedOrigin.via_node)
            ).all()
        )
        last = dict(
            session.execute(
                select(SyncBundle.peer_node, func.max(SyncBundle.at))
                .where(SyncBundle.direction == "in")
                .group_by(SyncBundle.peer_node)
            ).all()
        )
        return [
            CityDistrict(
                node_id=peer.node_id,
                name=peer.name,
                reporting=peer.signing_key is not None,
                fingerprint=fingerprint(peer.signing_key, peer.age_recipient)
                if peer.signing_key and peer.age_recipient
                else None,
                rooms=rooms.get(peer.node_id, 0),
                last_bundle_at=last.get(peer.node_id),
            )
            for peer in peers
        ]
