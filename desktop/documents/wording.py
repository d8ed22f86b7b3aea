"""How titles and sentences are put together so they never say a word twice nor leave a
placeholder (本村（社区）) where the name is known.

A room is mostly named after what it does (和平桥社区协商议事室), so "room + 协商议事记录"
reads 协商议事室协商议事记录; a meeting titled 第二次协商议事活动 makes "开展“…活动”协商议事
活动". These helpers join such parts once.
"""

from __future__ import annotations

# What a host name may already say about the document joined to it.
_SAID_BY_HOST = ("协商议事", "协商")
# A meeting title ending so already names the kind of event: 开展“…协商会”, not “…会”活动.
_EVENT_ENDINGS = ("活动", "会", "会议", "协商", "议事", "恳谈", "座谈", "听证", "议事日")
PLACEHOLDER = "村（社区）"


def host_document(host: str, document: str) -> str:
    """和平桥社区协商议事室 + 协商议事记录 → 和平桥社区协商议事室会议记录; a host that does not
    say 协商议事 keeps the whole name (崇川区政协协商会议记录)."""
    for word in _SAID_BY_HOST:
        # 协商议事室 ends the host: the word sits just before its last character.
        if document.startswith(word) and host[: len(host) - 1].endswith(word):
            rest = document[len(word) :]
            return f"{host}{rest if rest.startswith('会议') else '会议' + rest}"
    return f"{host}{document}"


def held_event(title: str, kind: str) -> str:
    """“第二次协商议事活动” alone when the title names the event; “路灯维修”协商议事活动 else;
    just `kind` without a title."""
    if not title:
        return kind
    if title.endswith(_EVENT_ENDINGS):
        return f"“{title}”"
    return f"“{title}”{kind}"


def local_word(village: str) -> str:
    """社区 for a community (和平桥社区), 村 for a village, the placeholder when unknown."""
    if not village:
        return PLACEHOLDER
    return "社区" if village.endswith("社区") else "村"


def local_label(text: str, village: str) -> str:
    """村（社区）干部 → 社区干部 in a room whose village is known."""
    return text.replace(PLACEHOLDER, local_word(village)) if village else text
