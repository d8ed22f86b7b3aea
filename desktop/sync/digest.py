"""The state digest: which rows of one owner, at which revision, a node holds.

Acknowledgements carry it so the sender can tell whether the receiver really holds what it
was sent. The flush hook (desktop.models.stamping) keeps a running value per owner, so
reading it costs nothing; scanning happens only where no value is kept yet, or to heal one.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete
from sqlalchemy.orm import Session

from desktop.models import SyncDigest
from desktop.models.sync import digest_term, format_digest
from desktop.sync.records import placeholder, synced_models


def scanned_digest(session: Session | Connection, owner_node: str) -> str:
    """The digest computed from every row `owner_node` owns: what the running value must equal."""
    if isinstance(session, Session):
        session.flush()  # the rows as the session sees them
        connection = session.connection()
    else:
        connection = session
    total = 0
    mark = placeholder(connection.dialect)
    # Plain SQL: a statement per table compiled afresh for each new engine (an import in a
    # fresh process) cost more than the scan.
    for model in synced_models():
        table = model.__tablename__
        rows = connection.exec_driver_sql(
            f'SELECT "id", "revision" FROM "{table}" WHERE "owner_node" = {mark}', (owner_node,)
        )
        total += sum(digest_term(table, row_id, revision) for row_id, revision in rows)
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
