"""The meeting editor's status buttons: 已召开, 取消, 定稿, taking a move back, and deleting.

Functions of one `MeetingEditor`, which calls them; their texts keep the editor's translation
context ("MeetingEditor"), so the translations made for it still apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import MeetingStatus
from desktop.views.common.confirm import Confirmation
from desktop.views.common.forms import show_message, to_date
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.workflow import agenda
from desktop.workflow import meetings as meeting_flow

if TYPE_CHECKING:
    from desktop.views.meetings.editor import MeetingEditor


def change_status(editor: MeetingEditor, target: MeetingStatus) -> None:
    if not editor.save_draft():
        return
    if target is MeetingStatus.MINUTES_FINAL and not editor._confirm_finalise():
        return
    if target is MeetingStatus.PLANNED:
        _take_back(editor)
        return
    if target in (MeetingStatus.HELD, MeetingStatus.CANCELLED) and not _confirm_move(
        editor, target
    ):
        return
    show_message(editor.basics.date_message, "")
    try:
        agenda.set_meeting_status(editor.db, editor.meeting_id, target=target)
    except UserError as exc:
        # Date problems belong next to the date; the rest under the status buttons.
        near = editor.basics.date_message if "日期" in str(exc) else editor.basics.status_message
        show_message(near, str(exc))
        return
    show_message(editor.basics.status_message, "")
    editor.amend_reason = None
    editor.meeting_saved.emit(editor.meeting_id)
    editor.reload_all()


def _meeting_name(editor: MeetingEditor) -> str:
    title = editor.basics.title_edit.text().strip() or QCoreApplication.translate(
        "MeetingEditor", "Untitled meeting"
    )
    return f"{title}（{format_date(to_date(editor.basics.date_edit))}）"


def _confirm_move(editor: MeetingEditor, target: MeetingStatus) -> bool:
    """已召开 and 取消 ask first, naming the meeting (both can be taken back later)."""
    if target is MeetingStatus.HELD:
        title, text, action = (
            QCoreApplication.translate("MeetingEditor", "Mark as held"),
            QCoreApplication.translate(
                "MeetingEditor", "Mark the meeting “%1” as held? Its topics become discussed."
            ),
            QCoreApplication.translate("MeetingEditor", "Mark as held"),
        )
    else:
        title, text, action = (
            QCoreApplication.translate("MeetingEditor", "Cancel meeting"),
            QCoreApplication.translate("MeetingEditor", "Cancel the meeting “%1”?"),
            QCoreApplication.translate("MeetingEditor", "Cancel meeting"),
        )
    return Confirmation.ask(
        editor, title=title, text=text.replace("%1", _meeting_name(editor)), action=action
    )


def _take_back(editor: MeetingEditor) -> None:
    """撤销已召开 / 撤销取消: back to 计划 with a reason, kept in the 状态变更记录."""
    reason = ReasonDialog.ask(
        editor,
        title=QCoreApplication.translate("MeetingEditor", "Undo"),
        label=QCoreApplication.translate(
            "MeetingEditor", "Why does “%1” go back to planned?"
        ).replace("%1", _meeting_name(editor)),
    )
    if reason is None:
        return
    try:
        meeting_flow.take_back_status(editor.db, editor.meeting_id, reason=reason)
    except UserError as exc:
        show_message(editor.basics.status_message, str(exc))
        return
    show_message(editor.basics.status_message, "")
    editor.amend_reason = None
    editor.meeting_saved.emit(editor.meeting_id)
    editor.reload_all()


def delete_meeting(editor: MeetingEditor) -> bool:
    """删除活动 (not held yet): asks first; the meeting goes to the recycle bin."""
    if not editor.save_draft():
        return False
    if not Confirmation.ask(
        editor,
        title=QCoreApplication.translate("MeetingEditor", "Delete meeting"),
        text=QCoreApplication.translate(
            "MeetingEditor",
            "Delete the meeting “%1”? It goes to the recycle bin and can be restored there.",
        ).replace("%1", _meeting_name(editor)),
        action=QCoreApplication.translate("MeetingEditor", "Delete"),
    ):
        return False
    try:
        meeting_flow.delete_meeting(editor.db, editor.meeting_id)
    except UserError as exc:
        show_message(editor.basics.status_message, str(exc))
        return False
    editor.meeting_saved.emit(editor.meeting_id)
    editor.close()
    return True
