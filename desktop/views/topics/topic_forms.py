"""The topic form on the topics page: a new topic (Ctrl+N) and correcting the current one.

Functions of one `TopicsPage`, which calls them; their texts keep the page's translation
context ("TopicsPage"), so the translations made for it still apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.drafts import DraftJournal
from desktop.queries import topics as queries
from desktop.views.topics.dialogs import EditTopicDialog, NewTopic, NewTopicDialog
from desktop.workflow import topics as topic_rules

if TYPE_CHECKING:
    from desktop.views.topics.page import TopicsPage


def new(page: TopicsPage) -> bool:
    """Ctrl+N: a topic raised by the party and government, residents, a member or a grid."""
    if page.room_id is None:
        return False
    room_id = page.room_id
    choices = queries.topic_form_choices(page._db, room_id)
    made: list[str] = []

    def apply(value: NewTopic) -> None:
        topic_id = topic_rules.raise_topic(
            page._db,
            room_id=room_id,
            title=value.title,
            source=value.source,
            raised_on=value.raised_on,
            description=value.description,
            category=value.category or None,
            immediate=value.immediate,
            proposed_by_member_id=value.proposer_id,
        )
        made.append(topic_id)

    if not NewTopicDialog.ask(
        page,
        categories=choices.categories,
        members=choices.members,
        today=page._today(),
        apply=apply,
        drafts=DraftJournal(page._db.home),
        draft_key=f"topic.new:{room_id}",
    ):
        return False
    page.current_id = made[-1]
    page._changed()
    return True


def edit(page: TopicsPage) -> bool:
    """Correct the current topic in the new-topic form, filled with it."""
    if page.detail is None:
        return False
    detail = page.detail
    choices = queries.topic_form_choices(page._db, detail.room_id)

    def apply(value: NewTopic) -> None:
        topic_rules.edit_topic(
            page._db,
            detail.id,
            title=value.title,
            source=value.source,
            raised_on=value.raised_on,
            description=value.description,
            category=value.category or None,
            immediate=value.immediate,
            proposed_by_member_id=value.proposer_id,
            expected_revision=detail.revision,
        )

    if not EditTopicDialog.ask_edit(
        page,
        detail=detail,
        categories=choices.categories,
        members=choices.members,
        apply=apply,
    ):
        return False
    page._changed()
    return True
