"""The one mask of every public document (议题公告, 成果反馈公示): residents stay unnamed.

PIPL: what goes on the notice board names nobody who is not a public figure. Members
(政协委员) and village cadres act in office; every other person the database knows (residents,
grid workers, experts, department staff, reporters of opinion slips, speakers who are
neither) is written 张某 wherever the name appears, in any field. Phone numbers, ID-card-like
numbers and house numbers below the village/group level are hidden in any spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents.records import FeedbackData, NoticeData
from desktop.formatting import mask_name, mask_phone
from desktop.models import Member, OpinionSlip, Participant, ProgressNote, Speech
from desktop.models.enums import ParticipantKind

# Between the digits of a number people type spaces, dashes or dots (138 1234 5678).
_GAP = r"[ \u3000\-–—.]?"
# Not glued to further digits on either side: part of a longer number is no phone.
_ALONE_BEFORE = r"(?<![\dA-Za-z])"
_ALONE_AFTER = r"(?![\dXx])"

# 18-digit ID cards (last may be X), old 15-digit ones, and any other long number (bank
# cards, social security numbers): fifteen digits or more.
_ID_LIKE = re.compile(
    _ALONE_BEFORE + r"\d(?:" + _GAP + r"\d){14,}(?:" + _GAP + r"[Xx])?" + _ALONE_AFTER
)
_MOBILE = re.compile(
    _ALONE_BEFORE + r"(?:(?:\+|00)?86" + _GAP + r")?(1[3-9]\d(?:" + _GAP + r"\d){8})" + r"(?!\d)"
)
# 0513-85123456, (0513)85123456, 0513 8512 3456, 010-12345678.
_LANDLINE = re.compile(
    _ALONE_BEFORE
    + r"(?:[(（]\s*0\d{2,3}\s*[)）]|0\d{2,3})"
    + _GAP
    + r"(\d{3,4}"
    + _GAP
    + r"\d{3,4})(?!\d)"
)
# A local number without area code is told from a sum of money only by what precedes it.
_LOCAL = re.compile(
    r"((?:电话|座机|手机|联系方式|联系|热线|tel|Tel|TEL)[:：\s]*)(\d(?:" + _GAP + r"\d){6,7})(?!\d)"
)
# Below the village/group level: building, unit and room (3号楼2单元501室, 3-2-501室), a room
# number (501室) or a house number after a group or street (5组12号, 人民路8号). A building
# alone (3号楼加装电梯, 12幢楼下) is a place everyone shares and stays.
_FLAT = re.compile(
    r"(?:\d+\s*(?:号楼|幢|栋|座|号)\s*)?\d+\s*单元(?:\s*\d+\s*(?:室|号|户)?)?"
    r"|\d+\s*(?:号楼|幢|栋|座)\s*\d+\s*(?:室|号|户)"
    r"|(?<![\d-])\d{1,3}-\d{1,3}-\d{1,4}\s*(?:室|号)?(?![\d-])"
    r"|(?<!\d)\d{3,4}\s*室"
)
# The group must be numbered (5组12号): 小组12号开会 is a date.
_HOUSE = re.compile(
    r"(?:(?<=\d[组队])|(?<=[一二三四五六七八九十][组队]))\s*\d+(?:-\d+)?\s*号(?!楼)"
    r"|(?<=[村路街巷弄])\s*\d+(?:-\d+)?\s*号(?!楼)"
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _hide_digits(match: re.Match[str]) -> str:
    return re.sub(r"\d+", "*", match.group(0))


def _hide_long(digits: str) -> str:
    return f"{digits[:3]}{'*' * (len(digits) - 5)}{digits[-2:]}"


def mask_numbers(text: str) -> str:
    """`text` with every phone, ID-like and house number hidden, whatever the spacing."""
    text = _ID_LIKE.sub(lambda m: _hide_long(_digits(m.group(0))), text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group(1)), text)
    text = _LANDLINE.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "****", text)
    text = _LOCAL.sub(lambda m: f"{m.group(1)}****", text)
    text = _FLAT.sub(_hide_digits, text)
    return _HOUSE.sub(_hide_digits, text)


def _alternatives(items: Iterable[str]) -> str:
    # Longest first: 欧阳明华 is matched whole before a shorter 欧阳明 could split it.
    return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))


class Masker:
    """Hides the names and numbers of private people in any text of a public document."""

    def __init__(
        self,
        private: Iterable[str] = (),
        *,
        public: Iterable[str] = (),
        phones: Iterable[str] = (),
        enabled: bool = True,
    ) -> None:
        self.private = frozenset(name for name in private if len(name) >= 2)
        # Public names are matched too, only to keep 王秀英委员 whole when a resident is 王秀.
        self.public = frozenset(name for name in public if len(name) >= 2) - self.private
        self.phones = frozenset(phone for phone in phones if len(phone) >= 7)
        self.enabled = enabled
        names = _alternatives(self.private | self.public) if self.private else ""
        self._names = re.compile(names) if names else None
        spaced = "|".join(
            _GAP.join(re.escape(digit) for digit in phone)
            for phone in sorted(self.phones, key=len, reverse=True)
        )
        self._phones = re.compile(rf"(?<!\d)(?:{spaced})(?!\d)") if spaced else None

    def text(self, text: str) -> str:
        """`text` as a public document may show it."""
        if not self.enabled or not text:
            return text
        text = mask_numbers(text)
        if self._phones is not None:
            # A stored number is hidden even in a shape no pattern knows (a 7-digit local one).
            text = self._phones.sub(lambda m: mask_phone(m.group(0)), text)
        if self._names is not None:
            text = self._names.sub(
                lambda m: mask_name(m.group(0)) if m.group(0) in self.private else m.group(0),
                text,
            )
        return text

    def person(self, name: str) -> str:
        """One person in a list of a public document (反映人, 认领委员): always masked."""
        return mask_name(name) if self.enabled else name

    def also(self, names: Iterable[str]) -> Masker:
        """This mask also hiding `names` (the people a document lists masked) in free text."""
        return Masker(
            self.private | frozenset(names),
            public=self.public,
            phones=self.phones,
            enabled=self.enabled,
        )


# People who act in office and may be named on the notice board.
PUBLIC_KINDS = (ParticipantKind.CADRE,)


def load_masker(session: Session, *, enabled: bool = True) -> Masker:
    """The mask of every person the database knows who is not a member or a cadre."""
    public = set(session.scalars(select(Member.name))) | set(
        session.scalars(select(Participant.name).where(Participant.kind.in_(PUBLIC_KINDS)))
    )
    private = set(
        session.scalars(select(Participant.name).where(Participant.kind.not_in(PUBLIC_KINDS)))
    )
    private |= {name for name in session.scalars(select(OpinionSlip.reporter_name)) if name}
    # Speakers and note authors typed by hand: private unless they are someone public.
    private |= {
        name
        for name in session.scalars(select(Speech.speaker_name).where(Speech.member_id.is_(None)))
        if name not in public
    }
    private |= {
        name for name in session.scalars(select(ProgressNote.author_name)) if name not in public
    }
    phones = {
        _digits(phone)
        for phone in [
            *session.scalars(select(Participant.phone)),
            *session.scalars(select(Member.phone)),
        ]
        if phone
    }
    # A resident who shares a cadre's name is still a resident: Masker keeps the name masked.
    return Masker(
        {name.strip() for name in private if name and name.strip()},
        public={name.strip() for name in public},
        phones=phones,
        enabled=enabled,
    )


def mask_notice(data: NoticeData, masker: Masker) -> NoticeData:
    """The topic notice as the notice board may show it: every text field but the issuing
    room's name through `masker`; the people it lists (反映人, 认领委员) masked by name, in
    the lists and wherever free text names them."""
    listed = masker.also([*data.reporter_names, *data.claimer_names])
    return replace(
        data,
        title=listed.text(data.title),
        description=listed.text(data.description),
        category=listed.text(data.category) if data.category else data.category,
        reporter_names=[masker.person(name) for name in data.reporter_names],
        claimer_names=[masker.person(name) for name in data.claimer_names],
        meeting_place=listed.text(data.meeting_place),
    )


def mask_feedback(data: FeedbackData, masker: Masker) -> FeedbackData:
    """The feedback notice as the notice board may show it: every text but the issuing room's
    name through `masker`."""
    return replace(
        data,
        meeting_title=masker.text(data.meeting_title),
        lines=[
            replace(
                line,
                topic_title=masker.text(line.topic_title),
                content=masker.text(line.content),
                responsible_unit=masker.text(line.responsible_unit),
                done=masker.text(line.done),
            )
            for line in data.lines
        ],
    )
