"""Two clerks saving at the same moment on one PostgreSQL database: every save gets its own
step of the installation's change counter (sync exports what changed after a step, so two
saves sharing one could be sent or acknowledged together when only one was meant)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from desktop.db import open_database
from desktop.models import Installation
from desktop.models.enums import TeamKind
from desktop.models.people import Team
from desktop.paths import Home
from desktop.setup import setup_district

SAVES = 25


def test_saves_from_two_workstations_never_share_a_change_step(
    tmp_path: Path, postgres_url: str
) -> None:
    first = open_database(Home(tmp_path / "工作站一"), url=postgres_url)
    setup_district(first, name="启东市政协")
    second = open_database(Home(tmp_path / "工作站二"), url=postgres_url)
    with first.session() as session:
        start = session.scalars(select(Installation.change_counter)).one()
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def clerk(db_index: int) -> None:
        db = (first, second)[db_index]
        try:
            barrier.wait()
            for n in range(SAVES):
                with db.session() as session:
                    session.add(Team(name=f"小组 {db_index}-{n}", kind=TeamKind.CONSULTATION))
        except BaseException as exc:  # reported below, on the test's thread
            failures.append(exc)

    threads = [threading.Thread(target=clerk, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    try:
        assert failures == []
        with first.session() as session:
            steps = session.scalars(select(Team.change_seq)).all()
            counter = session.scalars(select(Installation.change_counter)).one()
            teams = session.scalar(select(func.count()).select_from(Team))
        assert teams == 2 * SAVES
        assert len(set(steps)) == 2 * SAVES  # one step per save, none shared
        assert counter == start + 2 * SAVES
    finally:
        first.close()
        second.close()
