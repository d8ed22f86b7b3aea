"""会议纪要: a meeting summed up as decisions (会议认为 / 会议议定 / 会议要求), not speeches.

The verbatim speeches stay in the 记录 (minutes.py); a 纪要 states who met, what the meeting
judged, what it settled with whom and by when, and what follow-up it asked for. The list of
those present closes the body, as GB/T 9704-2012 §10.3 places it.
"""

from __future__ import annotations

from collections import Counter
from datetime import time

from desktop.documents.layout import Writer, chinese_numeral
from desktop.documents.paragraph import unbreakable
from desktop.documents.wording import local_label
from desktop.formatting import format_date
from desktop.models.enums import AttendanceRole, Consensus
from desktop.queries.minutes import ItemLines, MinutesData, OutcomeLine, PersonLine

# Named in the list of those present; everyone else is counted by kind (群众代表6人).
NAMED_ROLES = frozenset(
    {AttendanceRole.HOST, AttendanceRole.RECORDER, AttendanceRole.MEMBER, AttendanceRole.CADRE}
)
_CLOSING = "。；，、 "
# Said when an item has no consensus text of its own.
_DEFAULT_VIEW = {
    Consensus.AGREED: "与会人员经充分协商，同意所议方案。",
    Consensus.AGREED_IN_PRINCIPLE: "与会人员经充分协商，原则同意所议方案，具体细节会后进一步完善。",
    Consensus.DEFERRED: (
        "与会人员意见尚未统一，暂缓作出决定，待进一步调查研究、听取意见后再行协商。"
    ),
}


def _clause(text: str) -> str:
    """`text` without its closing punctuation, to be continued by another clause."""
    return text.strip().rstrip(_CLOSING)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？" else f"{_clause(text)}。"


def when(data: MinutesData) -> str:
    """2026年11月20日上午9时30分; the date alone when the start was not recorded."""
    day = format_date(data.held_on)
    start: time | None = data.start_time
    if start is None:
        return day
    period = "上午" if start.hour < 12 else "下午" if start.hour < 18 else "晚上"
    hour = start.hour if start.hour <= 12 else start.hour - 12
    return f"{day}{period}{hour}时" + (f"{start.minute}分" if start.minute else "")


def host(data: MinutesData) -> str:
    """The host's name: the meeting's own field, else whoever attended as host."""
    if data.host_name.strip():
        return data.host_name.strip()
    return next((p.name for p in data.people if p.role is AttendanceRole.HOST), "")


def _topic(title: str) -> str:
    title = title.strip()
    return title[2:] if title.startswith("关于") else title


def opening(data: MinutesData) -> str:
    """Who met, when, where, how, on what, and who chaired."""
    kind = "协商会议" if data.office else "协商议事会议"
    where = data.place.strip()
    # "议事室在议事室召开" says the room twice: a meeting in its own room names it once.
    place = f"在{where}" if where and where not in data.room_name else ""
    topics = "".join(f"“{_topic(item.topic_title)}”" for item in data.items)
    about = ""
    if len(data.items) > 1:
        about = f"，围绕{topics}等{len(data.items)}个议题进行协商"
    elif data.items:
        about = f"，围绕{topics}进行协商"
    text = f"{when(data)}，{data.room_name}{place}以{data.form.label}形式召开{kind}{about}。"
    if chair := host(data):
        text += f"会议由{unbreakable(chair)}主持。"
    return text + "现将会议议定事项纪要如下："


def view(item: ItemLines) -> str:
    """会议认为: the consensus reached, once (a label the text already says is not repeated)."""
    text = item.consensus_text.strip()
    if not text:
        text = _DEFAULT_VIEW.get(item.consensus, "") if item.consensus else ""
    if not text:
        return "会议认为，该议题尚需进一步协商。"
    sentence = f"会议认为，{_sentence(text)}"
    if item.consensus is Consensus.AGREED_IN_PRINCIPLE and "原则" not in text:
        sentence += "以上意见为原则同意，具体细节会后进一步完善。"
    votes = (item.votes_for, item.votes_against, item.votes_abstain)
    if any(count is not None for count in votes):
        agreed, against, abstain = (count or 0 for count in votes)
        sentence += f"经举手表决，同意{agreed}人，反对{against}人，弃权{abstain}人。"
    return sentence


def decision(outcome: OutcomeLine) -> str:
    """（一）… one agreed outcome with who carries it out and by when."""
    parts = [_clause(outcome.content)]
    unit, person = outcome.responsible_unit.strip(), outcome.responsible_person.strip()
    if unit and person:
        parts.append(f"由{unit}负责落实（责任人：{unbreakable(person)}）")
    elif unit or person:
        parts.append(f"由{unit or unbreakable(person)}负责落实")
    if outcome.deadline is not None:
        parts.append(f"于{format_date(outcome.deadline)}前完成")
    return "，".join(parts) + "。"


def _units(data: MinutesData) -> list[str]:
    seen: dict[str, None] = {}
    for outcome in data.outcomes:
        if unit := outcome.responsible_unit.strip():
            seen.setdefault(unit)
    return list(seen)


def requirements(data: MinutesData) -> str:
    """会议要求: follow-up by the units named and feedback to the room and the residents."""
    units = _units(data)
    if data.outcomes:
        named = "、".join(units[:3]) + ("等" if len(units) > 3 else "")
        who = f"{named}要" if named else "各责任单位要"
        text = (
            f"会议要求，{who}按照会议议定事项，明确专人、细化措施，在完成时限内抓好落实，"
            f"并及时向{data.room_name}反馈办理情况；{data.room_name}要跟踪督办，"
            "将办理结果向群众公示，做到件件有着落、事事有回音。"
        )
    else:
        text = f"会议要求，{data.room_name}要将协商意见及时向群众通报，并跟踪做好后续工作。"
    if any(item.consensus is Consensus.DEFERRED for item in data.items):
        text += "对暂缓作出决定的议题，要进一步调查研究、听取各方意见，条件成熟后再行协商。"
    return text


def present_line(people: list[PersonLine], village: str = "") -> str:
    """出席: members and cadres by name after their kind, everyone else counted by kind:
    政协委员张三、李四；社区干部王五；群众代表6人、网格员2人 (村（社区）干部 when the village
    is not known)."""
    named: dict[str, list[str]] = {}
    counted: Counter[str] = Counter()
    for person in people:
        if person.is_member:
            named.setdefault("政协委员", []).append(person.name)
        elif person.role in NAMED_ROLES:
            named.setdefault(local_label(person.role.label, village), []).append(person.name)
        else:
            counted[local_label(person.role.label, village)] += 1
    groups = [
        label + "、".join(unbreakable(name) for name in names) for label, names in named.items()
    ]
    if counted:
        groups.append(
            "、".join(f"{label}{unbreakable(f'{count}人')}" for label, count in counted.items())
        )
    return "；".join(groups) or "无"


def _keep_together(document: Writer, since: int) -> None:
    """What was added since `since` goes over to the next page whole (PDF story; Word
    keep-with-next)."""
    story = getattr(document, "story", None)
    if isinstance(story, list) and len(story) > since:
        block = story[since:]
        del story[since:]
        document.keep(block)  # type: ignore[attr-defined]
        return
    word = getattr(document, "docx", None)
    if word is not None:
        for paragraph in word.paragraphs[since:-1]:
            paragraph.paragraph_format.keep_with_next = True


def _mark(document: Writer) -> int:
    story = getattr(document, "story", None)
    if isinstance(story, list):
        return len(story)
    word = getattr(document, "docx", None)
    return len(word.paragraphs) if word is not None else 0


def build_jiyao(document: Writer, data: MinutesData, record: str) -> None:
    """The body of the 纪要 after its title, then the attendance block."""
    document.paragraph(opening(data), record=record, indent=True)
    for number, item in enumerate(data.items, 1):
        item_record = f"议题“{item.topic_title}”"
        document.heading(f"{chinese_numeral(number)}、关于{_topic(item.topic_title)}")
        document.paragraph(view(item), record=f"{item_record}的协商意见", indent=True)
        if item.outcomes:
            since = _mark(document)
            document.paragraph("会议议定：", record=item_record, indent=True)
            for index, outcome in enumerate(item.outcomes, 1):
                document.paragraph(
                    f"（{chinese_numeral(index)}）{decision(outcome)}",
                    record=f"协商成果“{outcome.content[:12]}”",
                    indent=True,
                )
                if index == 1:
                    # "会议议定：" never ends a page without its first decision.
                    _keep_together(document, since)
    document.paragraph(requirements(data), record=record, indent=True)
    # GB/T 9704-2012 §10.3: after the body and one blank line, two characters in.
    document.space(1)
    since = _mark(document)
    document.labelled(
        "出席：",
        present_line(data.present, data.village),
        record=f"{record}的出席人员",
        indent_chars=2,
    )
    if data.on_leave:
        document.labelled(
            "请假：",
            [(f"{unbreakable(p.name)}（{p.leave_reason}）", p.name) for p in data.on_leave],
            record=f"{record}的请假人员",
            indent_chars=2,
        )
    if data.attending:
        document.labelled(
            "列席：",
            [
                (f"{unbreakable(p.name)}（{p.unit}）" if p.unit else unbreakable(p.name), p.name)
                for p in data.attending
            ],
            record=f"{record}的列席人员",
            indent_chars=2,
        )
    _keep_together(document, since)
