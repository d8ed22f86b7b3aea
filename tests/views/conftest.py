"""GUI fixtures: the application with the Chinese translation loaded, as users see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import load_translations
from desktop.db import Database
from desktop.models import Room, Township
from desktop.models.enums import RoomKind
from desktop.views.common.confirm import Confirmation
from desktop.views.common.forms import FormDialog
from tests.views.gui_helpers import DiscardQuestion

HERE = Path(__file__).parent


# The offscreen platform plugin warns about a window-manager hint it cannot pass on, and that
# it cannot raise a window or grab the keyboard for it (a pop-up, a tooltip); that is the
# plugin, not us, and real platforms do not say it.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def zh_app(qapp: QApplication) -> QApplication:
    """Every GUI test runs in Chinese, like the application does by default."""
    assert load_translations(qapp)
    return qapp


@pytest.fixture(autouse=True)
def discard_question(monkeypatch: pytest.MonkeyPatch) -> DiscardQuestion:
    """No test may block on the real question box; by default the answer is "discard"."""
    question = DiscardQuestion()
    monkeypatch.setattr(FormDialog, "confirm_discard", question)
    return question


@pytest.fixture(autouse=True)
def confirmation(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Status moves ask first (desktop.views.common.confirm); no test may block on the box, so
    by default every question is answered "yes" and its text kept. A test that drives the
    real box puts `ask_confirmation` back."""
    asked: list[str] = []

    def answer_yes(_parent: object, *, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Confirmation, "ask", staticmethod(answer_yes))
    return asked


@pytest.fixture
def district_engine() -> str:
    """The pages run on SQLite here; on a server the lists and searches they read are tested
    without Qt (tests/test_postgres_*.py, tests/views/test_postgres_list_sorts.py)."""
    return "sqlite"


@pytest.fixture
def district_room_id(district_db: Database) -> str:
    """One room under the district (和平桥社区协商议事室), for pages that list every room."""
    with district_db.session() as session:
        township = Township(name="和平桥街道")
        session.add(township)
        session.flush()
        room = Room(
            township_id=township.id,
            name="和平桥社区协商议事室",
            village="和平桥社区",
            kind=RoomKind.COMMUNITY,
        )
        session.add(room)
        session.flush()
        return room.id
