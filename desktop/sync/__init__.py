"""USB sync: keys, enrolment, signed and encrypted bundles, exact import (Qt-free).

How the pieces fit (details in each module):
- keys.py: Ed25519 signing and X25519 (age) keys under home.keys (0600); fingerprints.
- identity.py: the district's keys and escrow pair; peers (SyncPeer rows) and short codes.
- enrolment.py: the district registers a room and writes a signed file; the room sets up
  (or maps an earlier, self-set-up room) from it. The file counts as delivery 0.
- late_enrolment.py: a self-set-up room enrolling later (from 同步, 设置 or `yishi setup room
  --enrollment` on its folder): refusals, a preview, and the local members kept home.
- export.py: this node's rows with change_seq above the peer's acknowledgement (each row's
  current state once), a manifest with an ack of the peer's changes, sealed by bundle.py.
- bundle.py: ZIP + signed manifest + age encryption to the peer and the escrow key; the
  atomic write; on read, every entry-list check before a member is read.
- importer.py: the checks in order, then one transaction (upsert by id and revision).
- quarantine.py: rows an import set aside (same revision, other content, or a lower
  revision edited later by an owner restored from a backup), shown beside the local row and
  settled by a person: keep ours, or take the sender's for its own rows.
- sent.py: the bundle numbers and changes ever sent each peer, beside the keys, so a
  database restored from an older backup numbers above them and believes their acks.

Acknowledgements are symmetric: each bundle says how far (`through`, the sender's view of
the receiver's change counter) it holds the receiver's rows without a gap, with a digest of
(table, id, revision) of those rows. The receiver compares the digest with what it had sent
at that point; a mismatch sets `acked_through` to 0, so the next bundle carries everything.
"""

from desktop.errors import UserError


class SyncError(UserError):
    """A sync refusal; the message (Chinese) names the problem for the user."""
