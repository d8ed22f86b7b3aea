"""What the CLI's command modules share: Chinese refusals, argument types, opening a home."""

from __future__ import annotations

import argparse
import contextlib
import gc
import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.errors import UserError
from desktop.paths import Home

if TYPE_CHECKING:
    from desktop.db import Database


class CommandError(UserError):
    """A refusal to report to the user (Chinese message) with a non-zero exit."""


FIRST_YEAR, LAST_YEAR = 1949, 2100

# Positional names as argparse reports them (metavar or dest), in the user's words.
_NAMES = {
    "COMMAND": "命令",
    "KIND": "安装类型",
    "kind": "文书类型",
    "ACTION": "操作",
    "FILE": "数据包文件",
    "ID": "编号",
    "PATH": "备份文件",
    "XLSX": "名册文件",
}
# argparse's refusals (Python 3.11 to 3.13 wording) and how each reads in Chinese; `name` is
# the argument it is about.
_ARGPARSE_MESSAGES = (
    (
        r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
        '{subject}："{value}"（可选：{choices}）',
    ),
    (r"expected .*argument", "{name} 后面缺少取值"),
    (r"not allowed with argument (?P<other>.*)", "{name} 不能与 {other} 同时使用"),
    (r"ignored explicit argument (?P<value>.*)", "{name} 不接受取值：{value}"),
    (r"invalid \S+ value: (?P<value>.*)", '{name} 的取值无效："{value}"'),
    (r"the following arguments are required: (?P<names>.*)", "缺少参数：{names}"),
    (r"one of the arguments (?P<names>.*) is required", "请指定以下参数之一：{names}"),
    (r"unrecognized arguments: (?P<names>.*)", "无法识别的参数：{names}"),
    (
        r"ambiguous option: (?P<value>\S+) could match (?P<names>.*)",
        "选项 {value} 有歧义，可能是：{names}",
    ),
)


def _argparse_message(message: str) -> str:
    """One Chinese line for an argparse refusal; our own types already speak Chinese."""
    name, detail = "", message
    if message.startswith("argument ") and ": " in message:
        name, detail = message.removeprefix("argument ").split(": ", 1)
    if re.search(r"[\u4e00-\u9fff]", detail):
        return f"{name} {detail}".strip()
    for pattern, template in _ARGPARSE_MESSAGES:
        if found := re.fullmatch(pattern, detail):
            words = {
                key: "、".join(
                    _NAMES.get(part, part) for part in value.replace("'", "").split(", ")
                )
                for key, value in found.groupdict().items()
            }
            subject = f"未知的{_NAMES[name]}" if name in _NAMES else f"{name} 的取值无效"
            return template.format(name=_NAMES.get(name, name), subject=subject, **words)
    return f"命令行有误：{message}"


class Parser(argparse.ArgumentParser):
    """argparse that refuses in one Chinese line (main prints it) instead of usage and exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # `--jso` silently meaning `--json` hides typos; a secretary's script should say it all.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise CommandError(_argparse_message(message))


def integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'需要一个整数，收到 "{text}"') from None


def year(text: str) -> int:
    value = integer(text)
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"应为 {FIRST_YEAR} 到 {LAST_YEAR} 之间的年份，收到 {value}"
        )
    return value


def day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'需要 YYYY-MM-DD 格式的日期，收到 "{text}"') from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"日期应在 {FIRST_YEAR} 到 {LAST_YEAR} 年之间，收到 {text}"
        )
    return day


def has_installation(home: Home) -> bool:
    """Whether setup has run in `home`: it holds a database file, or remembers a PostgreSQL
    database on a server (a district's, desktop.db.remember_database_url)."""
    return home.database.is_file() or home.database_url_file.is_file()


def open_db(home: Home, *, verify: bool = True) -> Database:
    from desktop.db import open_database  # not at import: `yishi --version` stays quick

    try:
        return open_database(home, verify=verify)
    finally:
        _resume_collector(freeze=True)


# Whether collector_paused_for_imports turned the cyclic collector off and it is still off.
_paused = False


@contextlib.contextmanager
def collector_paused_for_imports(whole_process: bool, *, freeze: bool = False) -> Iterator[None]:
    """A command's process first imports SQLAlchemy, the models and what the command needs:
    many objects, few cycles, and each cyclic collection walks them all (a quarter of `yishi
    doc`'s CPU time). The collector waits until the database is open (open_db), when what is
    loaded is frozen out of later collections; or, with `freeze`, until the block ends (the
    GUI's imports: two full collections of them cost its start 80 ms). Only when this
    process is the command: a caller of desktop.cli.main in-process (the tests) keeps its
    collector as it was."""
    global _paused
    if not whole_process or not gc.isenabled():
        yield
        return
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        _resume_collector(freeze=freeze)


def _resume_collector(*, freeze: bool) -> None:
    global _paused
    if _paused:
        _paused = False
        if freeze:
            gc.freeze()
        gc.enable()


def check_db_option(home: Home, url: str) -> None:
    """`--db` names the database only at setup; with another command it must be the one the
    home remembers (a script may always pass it), never a way to open another database."""
    from desktop.db import remembered_database_url, server_label, server_url

    wanted = server_url(url)
    remembered = remembered_database_url(home)
    if remembered is not None and server_url(remembered) == wanted:
        return
    uses = (
        f"已记住另一个数据库（{server_label(server_url(remembered))}）"
        if remembered is not None
        else "使用本机内置的数据库"
    )
    raise CommandError(
        f"--db 只能在建立区政协安装时（yishi --db 地址 setup district）指定；此安装{uses}，"
        f"以后的命令自动使用它：{home.root}"
    )
