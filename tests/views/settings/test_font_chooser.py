"""The font chooser names the file that prints each role and warns when it is a fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.documents import fonts
from desktop.documents.fonts import FontRole
from desktop.views.settings.font_chooser import FontChooser
from desktop.views.settings.page import SettingsPage


@pytest.fixture
def windows_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "WINDOWS_FONTS_DIR", folder)
    return folder


def _chooser(qtbot: QtBot, db: Database, role: FontRole) -> FontChooser:
    chooser = FontChooser(db, role)
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.waitExposed(chooser)
    return chooser


def test_every_role_warns_of_its_shipped_fallback(
    qtbot: QtBot, room_db: Database, windows_dir: Path
) -> None:
    page = SettingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    choosers = {
        FontRole.BODY: page.body_font,
        FontRole.TITLE: page.title_font,
        FontRole.HEADING: page.heading_font,
        FontRole.KAI: page.kai_font,
    }
    for role, chooser in choosers.items():
        assert chooser.role is role
        shipped = "ukai.ttc" if role is FontRole.KAI else "uming.ttc"
        assert shipped in chooser.source_label.text()
        assert chooser.fallback_label.isVisible()
        assert "替代字体" in chooser.fallback_label.text()
    assert "本机未找到楷体" in page.kai_font.fallback_label.text()
    assert "本机未找到仿宋" in page.body_font.fallback_label.text()


def test_a_font_of_the_roles_style_prints_without_a_warning(
    qtbot: QtBot, room_db: Database, windows_dir: Path
) -> None:
    (windows_dir / "simkai.ttf").symlink_to(fonts.SHIPPED_KAI_FONT)
    (windows_dir / "simsun.ttc").symlink_to(fonts.SHIPPED_FONT)
    kai = _chooser(qtbot, room_db, FontRole.KAI)
    assert str(windows_dir / "simkai.ttf") in kai.source_label.text()
    assert not kai.fallback_label.isVisible()
    # 宋体 printing the body for want of 仿宋 is named as the fallback.
    body = _chooser(qtbot, room_db, FontRole.BODY)
    assert str(windows_dir / "simsun.ttc") in body.source_label.text()
    assert body.fallback_label.isVisible() and "simsun.ttc" in body.fallback_label.text()


def test_choosing_a_file_ends_the_warning_and_a_vanished_one_is_reported(
    qtbot: QtBot, room_db: Database, windows_dir: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "my-hei.ttc"
    chosen.symlink_to(fonts.SHIPPED_FONT)
    heading = _chooser(qtbot, room_db, FontRole.HEADING)
    assert heading.fallback_label.isVisible()
    assert heading.set_font_file(chosen)
    assert str(chosen) in heading.source_label.text()
    assert not heading.fallback_label.isVisible() and not heading.message.isVisible()
    chosen.unlink()
    heading.load()
    assert heading.message.isVisible() and "一级标题字体文件不存在" in heading.message.text()
    assert not heading.fallback_label.isVisible()
