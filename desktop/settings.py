"""This installation's preferences, declared once with Chinese titles and kept in `setting`.

Each option is declared here with its key, title and default (as Picard declares its options),
and read or written through `get` / `put` with its type; the values are JSON in the local
`setting` table, which never travels in a sync bundle.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.models import Setting

T = TypeVar("T")


class FontError(UserError, ValueError):
    """A font file that cannot be embedded in a PDF; the message names the problem."""


@dataclass(frozen=True)
class Option(Generic[T]):
    """One preference: its key in the table, its Chinese title and its default."""

    key: str
    title: str
    default: T
    # Turns the stored JSON value back into T; raises TypeError/ValueError when it cannot.
    parse: Callable[[Any], T]


REGISTRY: dict[str, Option[Any]] = {}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _declare(option: Option[T]) -> Option[T]:
    if option.key in REGISTRY:
        raise ValueError(f"option declared twice: {option.key}")
    REGISTRY[option.key] = option
    return option


def text_option(key: str, title: str, default: str = "") -> Option[str]:
    return _declare(Option(key=key, title=title, default=default, parse=_text))


def _positive_int(value: Any) -> int:
    # bool is an int in Python; a stored true must not read as a limit of one byte.
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("not a positive integer")
    return value


def int_option(key: str, title: str, default: int) -> Option[int]:
    return _declare(Option(key=key, title=title, default=default, parse=_positive_int))


PRINTER = text_option("printer.default", "默认打印机")
BODY_FONT = text_option("fonts.body", "正文字体")
TITLE_FONT = text_option("fonts.title", "标题字体")
HEADING_FONT = text_option("fonts.heading", "一级标题字体")  # 黑体
KAI_FONT = text_option("fonts.kai", "二级标题字体")  # 楷体
# An attachment above the first, or the ones that no longer fit under the second, are held
# back from a bundle (named in the export's message) so the rest of the records still travel.
SYNC_ATTACHMENT_BYTES = int_option(
    "sync.attachment_max_bytes", "单个附件同步上限（字节）", 50 << 20
)
SYNC_BUNDLE_BYTES = int_option("sync.bundle_max_bytes", "单个数据包附件总量上限（字节）", 500 << 20)
# A second copy of every new backup goes here (a USB stick), when set; a stick that is not
# plugged in or is full only warns: the backup in the installation folder is made anyway.
BACKUP_SECOND_FOLDER = text_option("backups.second_folder", "第二备份文件夹（如 U 盘）")
# The app lock (desktop.app_lock): the scrypt hash of its password with salt and parameters,
# "" while the lock is off, and the minutes without input before it locks. Local to this PC.
APP_LOCK_PASSWORD = text_option("app_lock.password_hash", "应用锁密码（scrypt 散列）")
APP_LOCK_IDLE_MINUTES = int_option("app_lock.idle_minutes", "应用锁：无操作多少分钟后自动锁定", 10)
# Local members (desktop.workflow.local_members) a person chose to keep apart from a district
# member of the same name: "local-id:district-id" pairs, so the question is not asked again.
KEPT_LOCAL_MEMBERS = text_option("roster.kept_local_members", "已确认不合并的本地委员")
# District: an enrolled, working room that sent no bundle for this many days is shown as
# silent (失联) on the rooms page and in `yishi rooms`.
ROOM_SILENT_DAYS = int_option("rooms.silent_days", "议事室多少天未发来数据包视为失联", 45)
# District: a meeting whose minutes are still not final this many days after it was held is
# shown on the 工作台 (desktop.queries.alerts).
MINUTES_DUE_DAYS = int_option("alerts.minutes_due_days", "会后多少天记录仍未定稿需提醒", 7)


def get(session: Session, option: Option[T]) -> T:
    """The stored value, or the default when unset or unreadable (an older or damaged value)."""
    row = session.get(Setting, option.key)
    if row is None:
        return option.default
    try:
        return option.parse(json.loads(row.value))
    except (TypeError, ValueError):
        return option.default


def put(session: Session, option: Option[T], value: T) -> None:
    """Store a value; storing the default removes the row, so defaults can change later."""
    option.parse(value)  # refuses a value of the wrong type before anything is written
    row = session.get(Setting, option.key)
    if value == option.default:
        if row is not None:
            session.delete(row)
        return
    encoded = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=option.key, value=encoded))
    else:
        row.value = encoded


def check_truetype_font(path: Path) -> str:
    """The font's family name when reportlab can embed it; FontError naming the problem if not.

    Collections (.ttc) are read at their first face, as printing will use them.
    """
    if not path.is_file():
        raise FontError(f"找不到字体文件：{path}")
    # reportlab is slow to import and only this check and printing need it.
    from reportlab.pdfbase.ttfonts import TTFError, TTFont  # type: ignore[import-untyped]

    try:
        font = TTFont(f"check-{path.stem}", str(path), subfontIndex=0)
    except TTFError as exc:
        reason = str(exc)
        if "postscript outlines" in reason:
            raise FontError(
                "该字体为 PostScript (CFF) 轮廓，无法嵌入 PDF，请选择 TrueType 字体"
            ) from exc
        if "embedding" in reason:
            raise FontError("该字体的授权不允许嵌入 PDF，请选择其他 TrueType 字体") from exc
        raise FontError(
            f"无法读取该字体文件，它不是 TrueType 字体（.ttf / .ttc）：{path.name}"
        ) from exc
    except OSError as exc:
        raise FontError(f"无法打开字体文件：{path}（{exc.strerror}）") from exc
    family = font.face.familyName
    return family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)


def set_font(session: Session, option: Option[str], path: Path) -> str:
    """Check the file and store it as the font of one role; returns the family name."""
    family = check_truetype_font(path)
    put(session, option, str(path))
    return family
