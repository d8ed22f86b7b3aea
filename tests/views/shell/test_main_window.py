"""The main window: title, sidebar in Chinese, keyboard navigation, status bar, figures."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.models import Member, Room, Topic, Township
from desktop.models.enums import Gender, MemberLevel, RoomKind, TopicSource
from desktop.views.common.empty_state import EmptyStatePage
from desktop.views.shell.main_window import MainWindow
from desktop.views.shell.pages import has_page
from tests.views.gui_helpers import type_text

SIDEBAR = [
    "工作台",
    "社情民意",
    "议题",
    "议事活动",
    "成果落实",
    "活动与案件",
    "委员与人员",
    "议事室",
    "成果督办",
    "履职评价",
    "同步",
    "统计",
    "设置",
]


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_title_sidebar_and_status_bar_of_a_district(qtbot: QtBot, district_db: Database) -> None:
    window = make_window(qtbot, district_db)
    assert window.windowTitle() == "议事 — 崇川区政协"
    assert window.page_titles() == SIDEBAR
    assert window.role_label.text() == "区政协：崇川区政协"
    # Words in the status bar, the path on hover: no raw file path in what is shown.
    assert "/" not in window.path_label.text() and "\\" not in window.path_label.text()
    assert window.path_label.toolTip() == f"数据库：{district_db.home.database}"
    assert window.open_data_folder_action in window.path_label.actions()
    assert window.role_label.isVisible() and window.path_label.isVisible()
    assert window.current_page_key() == "dashboard"
    assert window.pages.count() == len(SIDEBAR)


def test_room_role_in_status_bar(qtbot: QtBot, room_db: Database) -> None:
    window = make_window(qtbot, room_db)
    assert window.windowTitle() == "议事 — 和平桥社区协商议事室"
    assert window.role_label.text() == "协商议事室：和平桥社区协商议事室"


def test_ctrl_digits_switch_pages_and_ctrl_q_closes(qtbot: QtBot, district_db: Database) -> None:
    window = make_window(qtbot, district_db)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "opinions"
    assert window.sidebar.currentItem().text() == "社情民意"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "rooms"
    assert window.sidebar.currentItem().text() == "议事室"
    assert type(window.pages.currentWidget()).__name__ == "RoomsPage"
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "supervision"
    assert type(window.pages.currentWidget()).__name__ == "SupervisionPage"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == window.specs[9].key  # the tenth page, whichever
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "dashboard"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_every_page_is_built_or_says_what_it_is_for(qtbot: QtBot, district_db: Database) -> None:
    window = make_window(qtbot, district_db)
    # Built on its first showing: only the dashboard is at start.
    assert window.built_page_keys() == ["dashboard"]
    for index in range(1, window.pages.count()):
        page = window.page(window.specs[index].key)
        if has_page(window.specs[index].key):
            assert not isinstance(page, EmptyStatePage)
            continue
        assert isinstance(page, EmptyStatePage)
        assert page.empty_state.title.text() == SIDEBAR[index]
        # Chinese sentences, not the English source and not a "coming soon" line.
        text = page.empty_state.text.text()
        assert len(text) > 15 and not text.isascii() and "即将" not in text


def test_dashboard_shows_the_database_figures_and_refreshes(
    qtbot: QtBot, district_db: Database
) -> None:
    installation = district_db.installation()
    assert installation is not None and installation.district_id is not None
    with district_db.session() as session:
        for name in ("张建华", "李秀英", "王志强"):
            session.add(
                Member(name=name, gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT)
            )
    window = make_window(qtbot, district_db)
    cards = window.dashboard.cards
    assert cards["members"].value.text() == "3"
    assert cards["rooms"].value.text() == "0"
    assert "导入" in window.dashboard.scope_note.text()
    assert window.dashboard.subtitle.text() == "崇川区政协 · 区政协"

    with district_db.session() as session:
        township = Township(district_id=installation.district_id, name="兴仁镇")
        session.add(township)
        session.flush()
        room = Room(
            township_id=township.id,
            name="徐庄村协商议事室",
            village="徐庄村",
            kind=RoomKind.VILLAGE,
        )
        session.add(room)
        session.flush()
        session.add(
            Topic(
                room_id=room.id,
                title="加装电梯",
                source=TopicSource.RESIDENTS,
                raised_on=date(2024, 3, 1),
            )
        )
    window.show_page(2)
    window.show_page(0)
    assert cards["rooms"].value.text() == "1"
    assert cards["topics"].value.text() == "1"


def test_not_set_up_state_invites_setup(qtbot: QtBot, db: Database) -> None:
    window = make_window(qtbot, db)
    assert window.windowTitle() == "议事 — 尚未设置"
    assert window.dashboard.not_set_up.isVisible()
    assert not window.dashboard.figures.isVisible()
    assert window.dashboard.not_set_up.title.text() == "本机尚未设置"
    button = window.dashboard.not_set_up.action
    assert button is not None and button.text() == "开始设置…"
    with qtbot.waitSignal(window.setup_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_renaming_the_room_in_settings_renames_the_window(qtbot: QtBot, room_db: Database) -> None:
    window = make_window(qtbot, room_db)
    window.show_page([spec.key for spec in window.specs].index("settings"))
    page = window.pages.currentWidget()
    page.room_name_edit.clear()
    type_text(page.room_name_edit, "和平村协商议事室")
    qtbot.mouseClick(page.save_room_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle() == "议事 — 和平村协商议事室"
    assert "和平村协商议事室" in window.role_label.text()
