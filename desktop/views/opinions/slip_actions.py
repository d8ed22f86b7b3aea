"""What the opinions page does with the chosen slips: merge them into a new topic, attach
them to one, separate them from their topic, correct one, delete them.

Functions of one `OpinionsPage`, which calls them; their texts keep the page's translation
context ("OpinionsPage"), so the translations made for it still apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop import clock
from desktop.errors import UserError
from desktop.views.common.forms import show_message
from desktop.views.opinions.dialogs import (
    AttachSlipsDialog,
    EditSlipDialog,
    MergeSlipsDialog,
    SlipValue,
)
from desktop.workflow import recycle
from desktop.workflow import slips as slip_rules

if TYPE_CHECKING:
    from desktop.views.opinions.page import OpinionsPage


def merge(page: OpinionsPage) -> bool:
    """网格征题: ask a title and make one topic of the selected slips."""
    ids = page.selected_slip_ids()
    if not ids or page.room_id is None:
        return False
    rows = sorted(index.row() for index in page.table.selectionModel().selectedRows())
    contents = [str(page.model.row_at(row).content) for row in rows]
    made: list[str] = []

    def apply(title: str) -> None:
        made.append(
            slip_rules.raise_grid_topic(page._db, ids, title=title, raised_on=clock.today())
        )

    if not MergeSlipsDialog.ask(page, contents=contents, apply=apply):
        return False
    page.refresh()
    page.topic_created.emit(made[0])
    return True


def attach(page: OpinionsPage) -> bool:
    """Attach the selected slips to one of the room's open topics, picked from a list."""
    ids = page.selected_slip_ids()
    if not ids or page.room_id is None:
        return False
    chosen: list[str] = []

    def apply(topic_id: str) -> None:
        slip_rules.attach_slips_to_topic(page._db, ids, topic_id=topic_id)
        chosen.append(topic_id)

    if not AttachSlipsDialog.ask(
        page, db=page._db, room_id=page.room_id, count=len(ids), apply=apply
    ):
        return False
    page.refresh()
    page.slips_attached.emit(chosen[0])
    return True


def delete(page: OpinionsPage) -> bool:
    """The selected slips to the recycle bin; merged ones ask first, naming the topic."""
    chosen = page._selected_rows()
    if not chosen or page.room_id is None:
        return False
    show_message(page.action_message, "")
    topics = sorted({str(r.topic_title) for r in chosen if r.topic_id and r.topic_title})
    if topics:
        text = QCoreApplication.translate(
            "OpinionsPage",
            "Of the chosen slips, some are merged into the topic %1. Deleted, they leave "
            "the topic; restored from the recycle bin, they go back into it. Delete?",
        ).replace("%1", "、".join(f"「{title}」" for title in topics))
        if not page.confirm_delete(text):
            return False
    try:
        recycle.delete_slips(page._db, [str(r.id) for r in chosen])
    except UserError as error:
        show_message(page.action_message, str(error))
        return False
    page.refresh()
    return True


def separate(page: OpinionsPage) -> bool:
    """取消合并: the selected merged slips are open again; their topics stay."""
    ids = [str(r.id) for r in page._selected_rows() if r.topic_id]
    if not ids:
        return False
    show_message(page.action_message, "")
    try:
        titles = slip_rules.separate_slips(page._db, ids)
    except UserError as error:
        show_message(page.action_message, str(error))
        return False
    page.refresh()
    page.hint_label.setText(
        QCoreApplication.translate(
            "OpinionsPage",
            "%1 slips separated; the topic %2 is kept as it was (delete it from the topics "
            "page if it is no longer wanted).",
        )
        .replace("%1", str(len(ids)))
        .replace("%2", "、".join(f"「{title}」" for title in titles))
    )
    return True


def edit(page: OpinionsPage) -> bool:
    """Correct the one selected slip in its own form."""
    chosen = page._selected_rows()
    if len(chosen) != 1 or page.room_id is None:
        return False
    row = chosen[0]

    def apply(value: SlipValue) -> None:
        slip_rules.edit_slip(
            page._db,
            str(row.id),
            collected_on=value.collected_on,
            content=value.content,
            grid=value.grid,
            collector_id=value.collector_id,
            reporter_name=value.reporter_name,
            anonymous=value.anonymous,
            category=value.category,
            expected_revision=row.revision,
        )

    workers = [(w.name, w.id) for w in page._workers]
    if not EditSlipDialog.ask(page, row=row, workers=workers, apply=apply):
        return False
    page.refresh()
    return True
