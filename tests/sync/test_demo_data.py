"""Demo data in an enrolled room travels to the district; a room with no roster gets none."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete

from desktop.db import Database
from desktop.demo import DemoError, generate
from desktop.models import Activity, Assignment, Meeting, Member
from desktop.models.stamping import StampContext
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import count, send


def test_demo_records_of_an_enrolled_room_import_at_the_district(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    generate(room, seed=3, years=0)
    result = send(room, district, tmp_path / "usb")
    assert result.totals().added > 0 and result.totals().quarantined == 0
    assert count(district, Meeting) == count(room, Meeting) > 0
    assert count(district, Activity) == count(room, Activity)


def test_demo_refuses_to_invent_a_roster_in_an_enrolled_room(
    district: Database, enrol: EnrolRoom
) -> None:
    room = enrol("新胜村")
    installation = district.installation()
    assert installation is not None
    # The district's roster as the room holds it, withdrawn (as an import would).
    as_district = StampContext(node_id=installation.node_id, user="区政协", importing=True)
    with room.session_as(as_district) as session:
        session.execute(delete(Assignment))
        session.execute(delete(Member))
    with pytest.raises(DemoError, match="名册由区政协下发"):
        generate(room, seed=3, years=0)
    assert count(room, Meeting) == 0
