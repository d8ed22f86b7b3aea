"""Making a new installation: a district office or a village/community room."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop import clock, instance_lock
from desktop.db import Database, check_database_file
from desktop.errors import UserError
from desktop.instance_lock import InstanceLock
from desktop.models import ActivityKind, District, Installation, Room, Township
from desktop.models.base import new_id
from desktop.models.enums import DutyKind, NodeRole
from desktop.models.stamping import StampContext
from desktop.paths import Home
from desktop.rules.duty import default_rules, rule_set_rows
from desktop.rules.rooms import guess_room_kind

# The room's other uses (一室多用) every district starts with; kinds are data it may extend.
STANDARD_ACTIVITY_KINDS: tuple[tuple[str, str, bool, DutyKind], ...] = (
    # (code, name, counts as an inspection, what taking part counts as in duty scoring)
    ("reading", "书香政协读书活动", False, DutyKind.READING),
    ("reception", "委员接待日", False, DutyKind.RECEPTION),
    ("visit", "走访联谊", False, DutyKind.VISIT),
    ("inspection", "视察调研", True, DutyKind.INSPECTION),
    ("supervision", "民主监督", True, DutyKind.INSPECTION),
)


class SetupError(UserError, ValueError):
    """Setup refused; the message is for the user."""


def _require_fresh(db: Database) -> None:
    if (existing := db.installation()) is not None:
        raise SetupError(
            f"此目录已是一个议事安装（{existing.role.label}：{existing.name}），不能重复初始化"
        )


def _require_text(value: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise SetupError(f"{label}不能为空")
    return value


def setup_district(db: Database, *, name: str) -> Installation:
    """A district office (区政协): it owns the roster, the room registry and the rules."""
    _require_fresh(db)
    name = _require_text(name, "区政协名称")
    node_id = new_id()
    with db.session_as(StampContext(node_id=node_id, user=db.user)) as session:
        installation = Installation(node_id=node_id, role=NodeRole.DISTRICT, name=name)
        session.add(installation)
        session.flush()
        district = District(name=name)
        session.add(district)
        session.add_all(
            ActivityKind(
                code=code, name=kind_name, counts_as_inspection=inspection, duty_kind=duty_kind
            )
            for code, kind_name, inspection, duty_kind in STANDARD_ACTIVITY_KINDS
        )
        # The default 委员履职评价办法 from this year on; the district edits it (履职评价).
        rule_set, rules = rule_set_rows(default_rules(clock.today().year), version=1)
        session.add(rule_set)
        session.flush()
        session.add_all(rules)
        session.flush()
        installation.district_id = district.id
    return installation


def setup_city(db: Database, *, name: str) -> Installation:
    """A city office (市政协): it imports the districts' forwarded bundles and owns nothing."""
    _require_fresh(db)
    name = _require_text(name, "市政协名称")
    node_id = new_id()
    with db.session_as(StampContext(node_id=node_id, user=db.user)) as session:
        installation = Installation(node_id=node_id, role=NodeRole.CITY, name=name)
        session.add(installation)
    return installation


def setup_room(db: Database, *, name: str, village: str, township: str) -> Installation:
    """A room set up on its own; enrolment with a district comes later (sync)."""
    _require_fresh(db)
    name = _require_text(name, "议事室名称")
    village = _require_text(village, "村（社区）名称")
    township = _require_text(township, "镇（街道）名称")
    node_id = new_id()
    with db.session_as(StampContext(node_id=node_id, user=db.user)) as session:
        installation = Installation(node_id=node_id, role=NodeRole.ROOM, name=name)
        session.add(installation)
        session.flush()
        township_row = Township(name=township)
        session.add(township_row)
        session.flush()
        room = Room(
            township_id=township_row.id,
            name=name,
            village=village,
            kind=guess_room_kind(village),
            node_id=node_id,
        )
        session.add(room)
        session.flush()
        installation.room_id = room.id
    return installation


# A first setup is built here, inside a home folder that already exists (an empty folder
# the user picked), and moved into place when it is complete.
STAGING_NAME = ".setup-tmp"


class StagedHome:
    """Where a first setup writes (`home`), and where each file will end up (`final`)."""

    def __init__(self, staging: Home, target: Home) -> None:
        self.home = staging
        self.target = target

    def final(self, path: Path) -> Path:
        """Where `path`, written under the staging folder, is once moved into place."""
        try:
            return self.target.root / path.relative_to(self.home.root)
        except ValueError:
            return path  # outside the staging folder (an escrow key written elsewhere)


@contextmanager
def staged_setup(home: Home) -> Iterator[StagedHome]:
    """A temporary installation folder for a first setup, moved into `home` when the block
    ends normally and removed when it raises (an error, Ctrl+C, a full disk): a failed setup
    leaves the home as it was, and the next setup can use it.

    A home that exists is built in `<home>/.setup-tmp` (the caller holds the installation
    lock); a missing one in a sibling folder renamed into place in one step. Leftovers of an
    earlier crash are removed first. A home already holding records (backups, keys,
    attachments) without a usable database is refused: restoring is the way out, not a
    setup over them.
    """
    check_database_file(home)
    if home.root.is_dir():
        with _staged_inside(home) as staged:
            yield staged
    else:
        with _staged_beside(home) as staged:
            yield staged


@contextmanager
def _staged_inside(home: Home) -> Iterator[StagedHome]:
    staging = home.root / STAGING_NAME
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        staged = StagedHome(Home(staging), home)
        yield staged
        last = (home.database.name, home.database_url_file.name)
        entries = sorted(staging.iterdir(), key=lambda p: p.name in last)
        for entry in entries:
            target = home.root / entry.name
            if target.is_dir() and not any(target.iterdir()):
                target.rmdir()  # the empty folders a window's first start made
            elif target.exists() or target.is_symlink():
                raise SetupError(f"安装目录里已有同名文件，未做改动：{target}")
        # The database (or the server's address) goes last: until it is there, the home is
        # not an installation.
        for entry in entries:
            os.replace(entry, home.root / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _staged_beside(home: Home) -> Iterator[StagedHome]:
    parent = home.root.parent
    made = [p for p in (parent, *parent.parents) if not p.exists()]
    parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{home.root.name}.setup-"
    for leftover in parent.glob(prefix + "*"):
        _remove_if_abandoned(leftover)
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    lock: InstanceLock | None = None
    try:
        # Held while building, so a setup started beside this one leaves it alone.
        lock = instance_lock.acquire(staging, instance_lock.CLI)
        yield StagedHome(Home(staging), home)
        lock.release()
        try:
            # One rename: the home appears whole. One that appeared meanwhile is not replaced
            # (a folder with content refuses the rename).
            os.rename(staging, home.root)
        except OSError as exc:
            if home.root.exists():
                raise SetupError(f"安装目录已被另一个程序建立，未做改动：{home.root}") from exc
            raise
    except BaseException:
        if lock is not None:
            lock.release()
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # nearest first
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _remove_if_abandoned(folder: Path) -> None:
    """Remove an earlier setup's staging folder, unless a running setup still holds it."""
    if not folder.is_dir():
        return
    try:
        lock = instance_lock.acquire(folder, instance_lock.CLI)
    except instance_lock.LockHeldError:
        return
    lock.release()
    shutil.rmtree(folder, ignore_errors=True)
