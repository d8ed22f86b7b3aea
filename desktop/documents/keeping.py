"""Keep-with-next for a closing block: a 落款 or the signatures never stand alone on a page.

reportlab's KeepTogether moves a whole group to the next page when it does not fit, and gives
up keeping anything when the group is taller than a page: a long last paragraph then leaves
half a page blank, or the signatures alone overleaf. `KeepWithClosing` instead splits the
text before the closing block, so that its last lines (at least two, widows and orphans
being forbidden) or a table's last row go over with the block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]
from reportlab.platypus.doctemplate import ActionFlowable  # type: ignore[import-untyped]
from reportlab.platypus.flowables import NullDraw  # type: ignore[import-untyped]

# A height a hair below a flowable's own, to ask it to give up its last line or row.
_HAIR = 0.01


class KeepWithClosing(Flowable):  # type: ignore[misc]
    """`body` (a paragraph, table or group) followed by `closing`, which is never set on a
    page without the end of `body`; `page_height` is the height of a whole frame."""

    def __init__(self, body: Any, closing: Sequence[Any], *, page_height: float) -> None:
        super().__init__()
        self.body = body
        self.closing = list(closing)
        self.page_height = page_height
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._heights = [
            part.wrap(available_width, available_height)[1] for part in [self.body, *self.closing]
        ]
        self.width, self.height = available_width, sum(self._heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        self.wrap(available_width, available_height)
        body_height = self._heights[0]
        # When the body fits here but the closing block does not, the body gives up its
        # last lines to go over with it.
        room = available_height if body_height > available_height else body_height - _HAIR
        parts = self.body.split(available_width, room) if room > 0 else []
        if len(parts) < 2:
            if body_height <= available_height and self.height > self.page_height:
                # Taller than any page even whole (a closing block of many names): keep
                # nothing together, rather than fail to lay the document out at all.
                return [self.body, *self.closing]
            return []  # too short to split: all of it goes to the next page
        *first, rest = parts
        return [*first, KeepWithClosing(rest, self.closing, page_height=self.page_height)]

    def draw(self) -> None:
        top = self.height
        for part, height in zip([self.body, *self.closing], self._heights, strict=True):
            top -= height
            if not isinstance(part, Spacer):
                part.drawOn(self.canv, 0, top)


def take_closing(story: list[Any], count: int) -> tuple[Any | None, list[Any]]:
    """Pop the last `count` flowables of `story` (and the spaces before them), and the
    flowable before those that the closing block must stay with: None when there is none
    that can be drawn in place (a KeepTogether, a page break), which is then left alone."""
    closing = [story.pop() for _ in range(min(count, len(story)))][::-1]
    # A CondPageBreak is a Spacer too, but one that must act, not be drawn.
    while story and type(story[-1]) is Spacer:
        closing.insert(0, story.pop())
    if story and _draws(story[-1]):
        return story.pop(), closing
    return None, closing


def _draws(flowable: Any) -> bool:
    """Whether the flowable sets something on the page itself (text, a table, a group)."""
    blank = (Spacer, ActionFlowable, NullDraw)  # spaces, page breaks, template switches
    return hasattr(flowable, "draw") and not isinstance(flowable, blank)


class LeadIn(Flowable):  # type: ignore[misc]
    """A heading that never ends a page: it goes where the first lines of `body` go."""

    def __init__(self, heading: Any, body: Any) -> None:
        super().__init__()
        self.heading = heading
        self.body = body
        self._heights = (0.0, 0.0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        heading = self.heading.wrap(available_width, available_height)[1]
        body = self.body.wrap(available_width, available_height - heading)[1]
        self._heights = (heading, body)
        self.width, self.height = available_width, heading + body
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        heading = self.heading.wrap(available_width, available_height)[1]
        room = available_height - heading
        parts = self.body.split(available_width, room) if room > 0 else []
        if len(parts) < 2:
            return []  # not even the body's first lines fit: the heading goes over with them
        return [self.heading, *parts]

    def draw(self) -> None:
        self.heading.drawOn(self.canv, 0, self._heights[1])
        self.body.drawOn(self.canv, 0, 0)


def lead_ins(story: list[Any], headings: set[int]) -> list[Any]:
    """`story` with each heading (by id) joined to the flowable after it."""
    joined: list[Any] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        following = story[index + 1] if index + 1 < len(story) else None
        if id(flowable) in headings and following is not None and _draws(following):
            joined.append(LeadIn(flowable, following))
            index += 2
        else:
            joined.append(flowable)
            index += 1
    return joined
