"""The topic's steps, started from the detail panel: 初选, taking a step back, 公告, 认领 and
withdrawing a claim, 不予采纳.

Functions of one `TopicsPage`, which calls them; their texts keep the page's translation
context ("TopicsPage"), so the translations made for it still apply.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.drafts import DraftJournal
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.queries import topics as queries
from desktop.views.common.confirm import Confirmation
from desktop.views.common.forms import show_message
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.views.topics.dialogs import AnnounceDialog, ClaimDialog, DeclineDialog
from desktop.workflow import topics as topic_rules

if TYPE_CHECKING:
    from desktop.views.topics.page import TopicsPage

# Members usually get two weeks to claim an announced topic.
CLAIM_PERIOD = timedelta(days=14)


def shortlist(page: TopicsPage) -> bool:
    if page.detail is None or not Confirmation.ask(
        page,
        title=QCoreApplication.translate("TopicsPage", "Shortlist"),
        text=QCoreApplication.translate("TopicsPage", "Shortlist the topic “%1”?").replace(
            "%1", page.detail.title
        ),
        action=QCoreApplication.translate("TopicsPage", "Shortlist"),
    ):
        return False
    return page._run_inline(topic_rules.shortlist_topic)


def take_back(page: TopicsPage) -> bool:
    """撤销初选 / 撤销公告: the status goes back one step; the reason stays in the history."""
    if page.detail is None:
        return False
    topic_id, revision, title = page.detail.id, page.detail.revision, page.detail.title
    reason = ReasonDialog.ask(
        page,
        title=QCoreApplication.translate("TopicsPage", "Undo"),
        label=QCoreApplication.translate(
            "TopicsPage", "Why is “%1” taken back to the previous step?"
        ).replace("%1", title),
    )
    if reason is None:
        return False
    try:
        topic_rules.take_back_topic(page._db, topic_id, reason=reason, expected_revision=revision)
    except UserError as error:
        show_message(page.detail_panel.action_message, str(error))
        return False
    page._changed()
    return True


def announce(page: TopicsPage) -> bool:
    if page.detail is None:
        return False
    today, topic_id, revision = page._today(), page.detail.id, page.detail.revision

    def apply(on: date, claim_by: date) -> None:
        topic_rules.announce_topic(
            page._db, topic_id, on=on, claim_by=claim_by, expected_revision=revision
        )

    if not AnnounceDialog.ask(
        page,
        title=page.detail.title,
        today=today,
        default_deadline=today + CLAIM_PERIOD,
        apply=apply,
    ):
        return False
    page._changed()
    return True


def claim(page: TopicsPage) -> bool:
    if page.detail is None:
        return False
    topic_id, revision = page.detail.id, page.detail.revision
    members = queries.topic_form_choices(page._db, page.detail.room_id).members
    no_member = QCoreApplication.translate("TopicsPage", "Choose the member who claims the topic")

    def apply(member_id: str | None, on: date) -> None:
        if member_id is None:
            raise UserError(no_member)
        topic_rules.claim_topic(
            page._db, topic_id, member_id=member_id, on=on, expected_revision=revision
        )

    if not ClaimDialog.ask(
        page, title=page.detail.title, members=members, today=page._today(), apply=apply
    ):
        return False
    page._changed()
    return True


def unclaim(page: TopicsPage) -> bool:
    """撤回认领: the member chosen gives up the claim."""
    if page.detail is None or not page.detail.claims:
        return False
    topic_id, revision = page.detail.id, page.detail.revision
    claims = {f"{c.member_name} {format_date(c.claimed_on)}": c for c in page.detail.claims}
    chosen = page.ask_claimant(list(claims))
    if chosen is None:
        return False
    try:
        topic_rules.unclaim_topic(
            page._db, topic_id, member_id=claims[chosen].member_id, expected_revision=revision
        )
    except UserError as error:
        show_message(page.detail_panel.action_message, str(error))
        return False
    page._changed()
    return True


def decline(page: TopicsPage) -> bool:
    if page.detail is None:
        return False
    topic_id, revision = page.detail.id, page.detail.revision

    def apply(reason: str) -> None:
        topic_rules.decline_topic(page._db, topic_id, reason=reason, expected_revision=revision)

    if not DeclineDialog.ask(
        page,
        title=page.detail.title,
        apply=apply,
        drafts=DraftJournal(page._db.home),
        draft_key=f"topic.decline:{topic_id}",
    ):
        return False
    page._changed()
    return True
