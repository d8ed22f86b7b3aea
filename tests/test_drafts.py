"""The drafts journal and the session marker: what survives a power cut, and what the next
start says it recovered."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop import clock, drafts
from desktop.drafts import DraftJournal, recovery_message, recovery_summary
from desktop.files import PART_SUFFIX
from desktop.paths import Home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


@pytest.fixture
def journal(home: Home) -> DraftJournal:
    return DraftJournal(home)


def test_a_draft_is_written_whole_and_read_back(journal: DraftJournal, home: Home) -> None:
    at = clock.now().replace(microsecond=0)
    journal.write("topic.new:r1", title="新建议题", fields={"topicTitle": "加装电梯"}, at=at)
    draft = journal.read("topic.new:r1")
    assert draft is not None
    assert (draft.title, draft.fields, draft.saved_at) == (
        "新建议题",
        {"topicTitle": "加装电梯"},
        at,
    )
    # One file per form, none half written beside it.
    assert [p.suffix for p in home.drafts.iterdir()] == [".json"]
    assert journal.read("topic.new:r2") is None


def test_a_later_write_replaces_the_draft_and_discard_removes_it(journal: DraftJournal) -> None:
    journal.write("k", title="t", fields={"a": "一"})
    journal.write("k", title="t", fields={"a": "一二"})
    assert [d.fields for d in journal.waiting()] == [{"a": "一二"}]
    journal.discard("k")
    journal.discard("k")  # twice is no error
    assert journal.read("k") is None and journal.waiting() == []


def test_keys_with_any_characters_make_safe_file_names(journal: DraftJournal, home: Home) -> None:
    key = "outcome.progress:../../etc/passwd 中文"
    journal.write(key, title="t", fields={"a": "x"})
    assert journal.read(key) is not None
    assert all(p.parent == home.drafts for p in home.drafts.iterdir())


def test_broken_and_half_written_files_are_skipped(journal: DraftJournal, home: Home) -> None:
    journal.write("good", title="好", fields={"a": "x"})
    (home.drafts / "broken.json").write_text("{not json", encoding="utf-8")
    (home.drafts / ("x.json" + PART_SUFFIX)).write_text("{}", encoding="utf-8")
    assert [d.key for d in journal.waiting()] == ["good"]


def test_waiting_drafts_are_listed_oldest_first(journal: DraftJournal) -> None:
    now = clock.now()
    journal.write("b", title="后", fields={"a": "2"}, at=now)
    journal.write("a", title="先", fields={"a": "1"}, at=now - timedelta(minutes=5))
    assert [d.title for d in journal.waiting()] == ["先", "后"]


def test_a_clean_exit_leaves_nothing_to_recover(journal: DraftJournal, home: Home) -> None:
    assert journal.begin_session() is None  # a new installation
    assert home.session_marker.exists()
    journal.end_session()
    assert not home.session_marker.exists()
    assert recovery_summary(home) is None
    assert journal.begin_session() is None


def test_after_an_unclean_exit_the_summary_names_meetings_and_drafts(
    journal: DraftJournal, home: Home
) -> None:
    journal.begin_session()
    saved_at = clock.now().replace(second=0, microsecond=0)
    journal.note_autosave(meeting_id="m1", title="背街小巷议事 2026年11月20日", at=saved_at)
    journal.note_autosave(
        meeting_id="m1", title="背街小巷议事 2026年11月20日", at=saved_at + timedelta(minutes=3)
    )
    journal.write("topic.new:r1", title="新建议题", fields={"topicTitle": "老旧小区加装电梯"})
    # The power goes: no end_session. The next start finds the marker.
    summary = recovery_summary(home)
    assert summary is not None and not summary.is_empty
    assert [(m.meeting_id, m.last_saved) for m in summary.meetings] == [
        ("m1", saved_at + timedelta(minutes=3))
    ]
    assert [d.key for d in summary.drafts] == ["topic.new:r1"]
    message = recovery_message(summary)
    assert "没有正常关闭" in message
    assert "背街小巷议事" in message and f"{(saved_at + timedelta(minutes=3)):%H:%M}" in message
    assert "新建议题" in message and "老旧小区加装电梯" in message

    # The next session starts: it hands the summary back once and begins afresh.
    assert journal.begin_session() == summary
    fresh = recovery_summary(home)
    assert fresh is not None and fresh.meetings == []
    journal.end_session()
    assert recovery_summary(home) is None


def test_autosaves_are_noted_only_while_this_process_runs_a_session(
    journal: DraftJournal, home: Home
) -> None:
    journal.note_autosave(meeting_id="m1", title="t")
    assert not home.session_marker.exists()  # tests and scripts leave no marker behind
    home.root.mkdir(parents=True)
    other = {"pid": os.getpid() + 1, "started_at": clock.now().isoformat(), "autosaved": {}}
    home.session_marker.write_text(json.dumps(other), encoding="utf-8")
    journal.note_autosave(meeting_id="m1", title="t")
    journal.end_session()  # not ours: left alone
    assert json.loads(home.session_marker.read_text(encoding="utf-8")) == other


def test_a_damaged_marker_still_means_an_unclean_exit(home: Home) -> None:
    home.root.mkdir(parents=True)
    home.session_marker.write_text("garbage", encoding="utf-8")
    summary = recovery_summary(home)
    assert summary is not None and summary.is_empty
    assert "没有需要恢复的内容" in recovery_message(summary)


def test_a_marker_that_cannot_be_written_does_not_stop_the_start(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drafts, "write_atomically", refuse)
    assert DraftJournal(home).begin_session() is None


def test_dates_say_the_year_only_when_it_is_not_this_one() -> None:
    this_year = datetime.combine(clock.today(), datetime.min.time()).replace(hour=9, minute=5)
    last_year = this_year.replace(year=this_year.year - 1, day=1)
    summary = drafts.Recovery(
        started_at=None,
        meetings=[
            drafts.AutosavedMeeting(meeting_id="a", title="甲", last_saved=this_year),
            drafts.AutosavedMeeting(meeting_id="b", title="", last_saved=last_year),
        ],
    )
    message = recovery_message(summary)
    assert f"{this_year.month}月{this_year.day}日 09:05" in message
    assert f"{last_year.year}年{last_year.month}月1日" in message
    assert "未命名会议" in message


def test_a_long_draft_is_quoted_by_its_first_words() -> None:
    draft = drafts.Draft(key="k", title="t", fields={"a": "字" * 100}, saved_at=clock.now())
    assert draft.snippet().endswith("…") and len(draft.snippet()) < 30
