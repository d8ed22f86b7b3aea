"""The state digest: which rows of one owner, at which revision, a node holds.

Acknowledgements carry it so the sender can tell whether the receiver really holds what it
was sent. The flush hook (desktop.models.stamping) keeps a running value per owner, so
reading it costs nothing; scanning happens only where no value is kept yet, or to heal one.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from desktop.models import SyncDigest
from desktop.models.sync import digest_term, format_digest
from desktop.sync.records import synced_models


def scanned_digest(session: Session | Connection, owner_node: str) -> str:
    """The digest computed from every row `owner_node` owns: what the running value must equal."""
    total = 0
    for model in synced_models():
        rows = session.execute(
            select(model.id, model.revision).where(model.owner_node == owner_node)
        )
        for row_id, revision in rows:
            total += digest_term(model.__tablename__, row_id, revision)
    return format_digest(total)


def state_digest(session: Session, owner_node: str) -> str:
    """The running digest of `owner_node`'s rows, scanned once if none is kept yet."""
    session.flush()  # pending changes move the running value first
    row = session.get(SyncDigest, owner_node)
    if row is None:
        return rebuild_digest(session, owner_node)
    return row.value


def rebuild_digest(session: Session, owner_node: str) -> str:
    """Scan and keep the digest afresh (after a full export or import, or bulk SQL)."""
    value = scanned_digest(session, owner_node)
    row = session.get(SyncDigest, owner_node)
    if row is None:
        session.add(SyncDigest(node_id=owner_node, value=value))
    else:
        row.value = value
    return value


def forget_digests(session: Session) -> None:
    """Drop every running value; for bulk statements that bypass the flush hook."""
    session.execute(delete(SyncDigest))
