"""Typed text that survives a power cut: the drafts journal and the session marker.

Forms that do not autosave into the database (the dialogs for a new topic, a progress note…)
write what was typed to `drafts/<form>.json` in the installation home within two seconds of
a change, whole or not at all (`desktop.files.write_atomically`); the draft is removed when
the form is saved or deliberately cancelled, and offered again when the same form is opened.

The session marker (`session.json`) is written when the GUI starts and removed when it exits
cleanly; while it runs, the meeting editor notes each autosave in it. A marker found at the
next start means the last session ended unexpectedly (power cut, kill): `begin_session`
hands back what it left (`Recovery`), and `recovery_message` says it in Chinese.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop import APP_NAME_ZH, clock
from desktop.files import PART_SUFFIX, write_atomically
from desktop.paths import Home

# How much of a draft's text the recovery message quotes, so the user recognises it.
_SNIPPET_CHARS = 24

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """One form's typed text: its fields by object name, and when it was last written."""

    key: str
    title: str
    fields: dict[str, str]
    saved_at: datetime

    def snippet(self) -> str:
        """The first words typed, on one line."""
        text = " ".join(" ".join(v.split()) for v in self.fields.values() if v.strip())
        return text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS] + "…"


@dataclass(frozen=True)
class AutosavedMeeting:
    """A meeting whose minutes the editor saved during the session, and when it last did."""

    meeting_id: str
    title: str
    last_saved: datetime


@dataclass(frozen=True)
class Recovery:
    """What an unexpectedly ended session left: autosaved meetings and drafts to reopen."""

    started_at: datetime | None
    meetings: list[AutosavedMeeting] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.meetings and not self.drafts


class DraftJournal:
    """The drafts and the session marker of one installation home."""

    def __init__(self, home: Home) -> None:
        self.home = home

    # Drafts ----------------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        # Keys hold record ids and punctuation; a digest is a file name on every system.
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        return self.home.drafts / f"{digest}.json"

    def write(
        self, key: str, *, title: str, fields: dict[str, str], at: datetime | None = None
    ) -> Draft:
        """Keep the form's typed text (replacing its earlier draft); raises OSError."""
        draft = Draft(key=key, title=title, fields=dict(fields), saved_at=at or clock.now())
        self.home.drafts.mkdir(parents=True, exist_ok=True)
        data = {
            "key": draft.key,
            "title": draft.title,
            "fields": draft.fields,
            "saved_at": draft.saved_at.isoformat(),
        }
        write_atomically(self._path(key), json.dumps(data, ensure_ascii=False).encode("utf-8"))
        return draft

    def read(self, key: str) -> Draft | None:
        """The form's draft, or None when there is none (or it cannot be read)."""
        draft = _read_draft(self._path(key))
        return draft if draft is not None and draft.key == key else None

    def discard(self, key: str) -> None:
        """Forget the form's draft: it was saved, or deliberately cancelled."""
        with contextlib.suppress(OSError):
            self._path(key).unlink(missing_ok=True)

    def waiting(self) -> list[Draft]:
        """Every draft waiting to be reopened, oldest first."""
        if not self.home.drafts.is_dir():
            return []
        drafts = [
            draft
            for path in self.home.drafts.glob("*.json")
            if not path.name.endswith(PART_SUFFIX) and (draft := _read_draft(path)) is not None
        ]
        return sorted(drafts, key=lambda d: d.saved_at)

    # The session -----------------------------------------------------------------------
    def begin_session(self, *, at: datetime | None = None) -> Recovery | None:
        """Mark this process as running; what an unclean end of the last session left, or
        None when it ended cleanly. Never raises: a home that cannot take the marker still
        opens, only the next start's recovery note is lost."""
        recovery = recovery_summary(self.home)
        started = (at or clock.now()).isoformat()
        try:
            self._write_marker({"pid": os.getpid(), "started_at": started, "autosaved": {}})
        except OSError as exc:
            log.warning("session marker not written: %s", exc)
        return recovery

    def note_autosave(self, *, meeting_id: str, title: str, at: datetime | None = None) -> None:
        """Record in this session's marker that the meeting's minutes were saved just now.

        Nothing happens when no session of this process is running (tests, scripts), so a
        marker is never left behind by anything but a running GUI. Never raises.
        """
        marker = _read_marker(self.home.session_marker)
        if marker is None or marker.get("pid") != os.getpid():
            return
        autosaved = marker.setdefault("autosaved", {})
        autosaved[meeting_id] = {"title": title, "last_saved": (at or clock.now()).isoformat()}
        with contextlib.suppress(OSError):
            self._write_marker(marker)

    def end_session(self) -> None:
        """The clean exit: remove the marker of this process (another's is left alone)."""
        marker = _read_marker(self.home.session_marker)
        if marker is not None and marker.get("pid") != os.getpid():
            return
        with contextlib.suppress(OSError):
            self.home.session_marker.unlink(missing_ok=True)

    def _write_marker(self, marker: dict[str, Any]) -> None:
        self.home.root.mkdir(parents=True, exist_ok=True)
        data = json.dumps(marker, ensure_ascii=False).encode("utf-8")
        write_atomically(self.home.session_marker, data)


def recovery_summary(home: Home) -> Recovery | None:
    """What the last session left when it did not end cleanly (its marker is still there),
    without changing anything; None after a clean exit or on a new installation."""
    path = home.session_marker
    if not path.exists():
        return None
    marker = _read_marker(path) or {}
    meetings = []
    autosaved = marker.get("autosaved")
    for meeting_id, entry in (autosaved if isinstance(autosaved, dict) else {}).items():
        with contextlib.suppress(KeyError, TypeError, ValueError):
            meetings.append(
                AutosavedMeeting(
                    meeting_id=str(meeting_id),
                    title=str(entry["title"]),
                    last_saved=datetime.fromisoformat(entry["last_saved"]),
                )
            )
    meetings.sort(key=lambda m: m.last_saved)
    return Recovery(
        started_at=_parse_time(marker.get("started_at")),
        meetings=meetings,
        drafts=DraftJournal(home).waiting(),
    )


def recovery_message(recovery: Recovery) -> str:
    """What the next start tells the user, in Chinese: what was saved and what waits."""
    lines = [f"上次{APP_NAME_ZH}没有正常关闭（可能是停电或程序被强行结束）。"]
    if recovery.is_empty:
        lines.append("没有需要恢复的内容。")
        return "\n".join(lines)
    if recovery.meetings:
        lines += ["", "以下会议的记录已自动保存，打开即可继续："]
        lines += [
            f"· {m.title or '未命名会议'}（最后保存于 {_when(m.last_saved)}）"
            for m in recovery.meetings
        ]
    if recovery.drafts:
        lines += ["", "以下未保存的内容已保留，再次打开同一表单即可恢复："]
        for draft in recovery.drafts:
            snippet = draft.snippet()
            quoted = f"：“{snippet}”" if snippet else ""
            lines.append(f"· {draft.title}{quoted}（{_when(draft.saved_at)}）")
    return "\n".join(lines)


def _when(at: datetime) -> str:
    # As people say it: the year only when it is not this year's.
    day = f"{at.month}月{at.day}日"
    if at.year != clock.today().year:
        day = f"{at.year}年{day}"
    return f"{day} {at:%H:%M}"


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_marker(path: Path) -> dict[str, Any] | None:
    return _read_json(path)


def _read_draft(path: Path) -> Draft | None:
    data = _read_json(path)
    if data is None:
        return None
    fields = data.get("fields")
    saved_at = _parse_time(data.get("saved_at"))
    if not isinstance(fields, dict) or saved_at is None:
        return None
    return Draft(
        key=str(data.get("key", "")),
        title=str(data.get("title", "")),
        fields={str(k): str(v) for k, v in fields.items()},
        saved_at=saved_at,
    )
