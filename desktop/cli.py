"""Command line: `yishi [--home DIR] <command>`; no subcommand starts the GUI.

Parsing and printing only: every command calls a Qt-free service.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from desktop import APP_NAME_ZH, __version__, cli_sync, clock
from desktop.crash_log import summary as crash_summary
from desktop.crash_log import write_crash
from desktop.errors import UserError, storage_reason
from desktop.paths import Home, resolve_home

if TYPE_CHECKING:
    from desktop.db import Database
    from desktop.stats import Period


class CommandError(UserError):
    """A refusal to report to the user (Chinese message) with a non-zero exit."""


# Ctrl+C ends a command like a refusal (exit 2): its unit of work rolls back, as on any error.
INTERRUPTED = "已中断：未完成的操作已撤销"
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


class _Parser(argparse.ArgumentParser):
    """argparse that refuses in one Chinese line (main prints it) instead of usage and exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # `--jso` silently meaning `--json` hides typos; a secretary's script should say it all.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise CommandError(_argparse_message(message))


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'需要一个整数，收到 "{text}"') from None


def _year(text: str) -> int:
    year = _integer(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"应为 {FIRST_YEAR} 到 {LAST_YEAR} 之间的年份，收到 {year}"
        )
    return year


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'需要 YYYY-MM-DD 格式的日期，收到 "{text}"') from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"日期应在 {FIRST_YEAR} 到 {LAST_YEAR} 年之间，收到 {text}"
        )
    return day


def _utf8_console() -> None:
    # Windows consoles default to a legacy code page that cannot print Chinese.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _home_option(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=default,
        help="installation folder (default: $YISHI_HOME or the user data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="yishi",
        description=f"{APP_NAME_ZH} (Yishi): records for village and community consultation rooms.",
    )
    parser.add_argument("--version", action="version", version=f"yishi {__version__}")
    _home_option(parser, default=None)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the GUI, show the main window with its data and exit 0 once idle",
    )
    # Subcommands accept --home too; SUPPRESS keeps the global value unless given again.
    common = _Parser(add_help=False)
    _home_option(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    setup = commands.add_parser("setup", help="make a new installation", parents=[common])
    kinds = setup.add_subparsers(dest="kind", metavar="KIND", required=True)
    district = kinds.add_parser("district", help="a district CPPCC office", parents=[common])
    district.add_argument("--name", required=True, help="e.g. 崇川区政协")
    district.add_argument(
        "--escrow",
        metavar="FILE",
        help="where to write the escrow private key, once (default: in the home folder)",
    )
    room = kinds.add_parser("room", help="a village or community room", parents=[common])
    room.add_argument("--name", help="e.g. 和平桥社区协商议事室")
    room.add_argument("--village", help="village or community, e.g. 和平桥社区")
    room.add_argument("--township", help="township or street, e.g. 和平桥街道")
    room.add_argument(
        "--enrollment",
        metavar="FILE",
        help="set up (or enrol an existing room) from the district's enrolment file",
    )
    room.add_argument(
        "--passphrase",
        metavar="P",
        help="the enrolment file's passphrase, read out by the district (asked if omitted)",
    )

    demo = commands.add_parser("demo", help="add realistic demo data", parents=[common])
    demo.add_argument("--seed", type=_integer, default=1)
    demo.add_argument("--roster-only", action="store_true", help="district: roster, no rooms")
    demo.add_argument("--rooms", type=_integer, default=16, help="district: rooms to make (16)")
    demo.add_argument("--years", type=_integer, default=2, help="full past years to cover (2)")

    stats = commands.add_parser(
        "stats", help="statistics of a year or a range of days", parents=[common]
    )
    # --year or --from/--to is checked in _cmd_stats, so the refusal names both.
    stats.add_argument("--year", type=_year)
    stats.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")
    where = stats.add_mutually_exclusive_group()
    where.add_argument("--township", metavar="NAME", help="district: one township")
    where.add_argument("--room", metavar="CODE|NAME", help="district: one room")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="machine-readable output")
    output.add_argument("--xlsx", metavar="FILE", help="write the tables and charts to Excel")
    output.add_argument("--pdf", metavar="FILE", help="write the statistics report as a PDF")
    output.add_argument(
        "--docx", metavar="FILE", help="with --year: draft the year's work summary (Word)"
    )

    scores = commands.add_parser(
        "scores", help="district: members' duty scores (履职评价) of a year", parents=[common]
    )
    scores.add_argument("--year", type=_year, required=True)
    scores.add_argument("--township", metavar="NAME", help="members assigned in one township")
    scores_output = scores.add_mutually_exclusive_group()
    scores_output.add_argument("--json", action="store_true", help="machine-readable output")
    scores_output.add_argument("--xlsx", metavar="FILE", help="write the scores to Excel")

    commands.add_parser("check", help="integrity and domain checks", parents=[common])

    # Kinds are literals so that building the parser does not import reportlab.
    doc = commands.add_parser(
        "doc", help="write a document (.pdf; .docx for minutes and sign-in)", parents=[common]
    )
    doc.add_argument(
        "kind",
        choices=["minutes", "signin", "notice", "feedback", "ledger", "supervision", "duty"],
    )
    doc.add_argument(
        "target",
        nargs="?",
        default="latest",
        metavar="ID|latest",
        help="supervision: the responsible unit (承办单位); duty: the member's id",
    )
    doc.add_argument(
        "-o", "--output", required=True, help="file to write; its suffix picks the format"
    )
    doc.add_argument("--layout", choices=["record", "jiyao"], default="record", help="minutes only")
    doc.add_argument("--year", type=_year, help="ledger, duty: the year (default: this year)")
    doc.add_argument("--no-mask", action="store_true", help="notices: full names and phone numbers")

    enroll = commands.add_parser(
        "enroll", help="district: register a room and write its enrolment file", parents=[common]
    )
    enroll.add_argument("--room-name", required=True, help="e.g. 和平桥社区协商议事室")
    enroll.add_argument("--village", required=True, help="village or community")
    enroll.add_argument("--township", required=True, help="township or street")
    enroll.add_argument("-o", "--output", required=True, help="enrolment file to write")

    rooms = commands.add_parser(
        "rooms", help="district: every room, enrolled, last bundle, days silent", parents=[common]
    )
    rooms.add_argument("--json", action="store_true", help="machine-readable output")

    export = commands.add_parser(
        "export", help="write a sync bundle for the district (or a room)", parents=[common]
    )
    export.add_argument("--to", metavar="DIR", default=".", help="folder, e.g. the USB stick")
    export.add_argument("--full", action="store_true", help="everything, not only the changes")
    target = export.add_mutually_exclusive_group()
    target.add_argument("--room", metavar="ID", help="district: the room (code, room or node id)")
    target.add_argument(
        "--township",
        metavar="NAME_OR_ID",
        help="district: one pack file with a bundle for each enrolled room of the township",
    )

    imports = commands.add_parser(
        "import",
        help="import sync bundles (.yishi) or township packs (.yishipack)",
        parents=[common],
    )
    imports.add_argument("files", nargs="+", metavar="FILE")
    imports.add_argument("--json", action="store_true", help="machine-readable output")
    imports.add_argument(
        "--escrow-key",
        metavar="FILE",
        help="decrypt with the district's escrow private key instead of this installation's",
    )

    quarantine = commands.add_parser(
        "quarantine",
        help="records set aside on import (same revision, other content); settle them",
        parents=[common],
    )
    quarantine.add_argument("--json", action="store_true", help="machine-readable output")
    quarantine.add_argument("--all", action="store_true", help="settled ones too")
    actions = quarantine.add_subparsers(dest="action", metavar="ACTION")
    resolve = actions.add_parser("resolve", help="settle one record", parents=[common])
    resolve.add_argument("id", metavar="ID", help="its number in the list")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--keep-local", action="store_true", help="keep this installation's row (保留本机)"
    )
    choice.add_argument(
        "--take-incoming",
        action="store_true",
        help="write the sender's row over ours; only for rows the sender owns (采用对方)",
    )

    backup = commands.add_parser(
        "backup", help="back up the database now (list: the backups)", parents=[common]
    )
    backup.add_argument("--json", action="store_true", help="machine-readable output (list)")
    backup_actions = backup.add_subparsers(dest="action", metavar="ACTION")
    backup_list = backup_actions.add_parser(
        "list", help="the backups, newest first", parents=[common]
    )
    backup_list.add_argument("--json", action="store_true", help="machine-readable output")
    restore = commands.add_parser(
        "restore", help="put the database back to a backup's state", parents=[common]
    )
    restore.add_argument("path", metavar="PATH", help="the backup file")
    app_lock = commands.add_parser(
        "app-lock", help="the GUI's app lock (off: a forgotten password)", parents=[common]
    )
    app_lock.add_argument("action", choices=["off"], help="off: turn the app lock off")

    roster = commands.add_parser(
        "roster", help="district: the member roster as Excel (.xlsx)", parents=[common]
    )
    roster_actions = roster.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, text in (
        ("export", "write the roster (members, assignments, teams)"),
        ("template", "write a blank roster workbook to fill in"),
    ):
        roster_out = roster_actions.add_parser(action, help=text, parents=[common])
        roster_out.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    roster_in = roster_actions.add_parser(
        "import", help="import a roster workbook, all or nothing", parents=[common]
    )
    roster_in.add_argument("file", metavar="XLSX", help="the .xlsx file to read")
    return parser


def _open(home: Home, *, verify: bool = True) -> Database:
    from desktop.db import open_database

    return open_database(home, verify=verify)


def _require_home(home: Home, command: str) -> None:
    """Only setup makes an installation folder: every other command refuses a missing one
    before touching it, so a mistyped --home leaves no folder or empty database behind."""
    root = home.root
    if root.exists() and not root.is_dir():
        raise CommandError(f"安装目录不是文件夹：{root}")
    if command == "setup":
        return
    if not root.is_dir():
        raise CommandError(f"安装目录不存在：{root}（请先运行 yishi setup）")
    if not home.database.is_file():
        raise CommandError(f"此目录还没有议事安装：{root}（请先运行 yishi setup）")


def _cmd_setup(args: argparse.Namespace, home: Home) -> int:
    if (
        args.kind == "room"
        and not args.enrollment
        and not (args.name and args.village and args.township)
    ):
        raise CommandError("请提供 --name、--village 和 --township，或用 --enrollment 指定登记文件")
    if home.database.exists():  # refused as a second setup, or an enrolment adopting it
        lines = _setup(args, home, target=home)
    else:
        from desktop.setup import staged_setup

        # Built aside and moved into place whole: a failed first setup (blank name, wrong
        # passphrase, Ctrl+C, a full disk) leaves the home as it was.
        with staged_setup(home) as staged:
            lines = _setup(args, staged.home, target=home, final=staged.final)
    for line in lines:
        print(line)
    return 0


def _same_path(path: Path) -> Path:
    return path


def _setup(
    args: argparse.Namespace,
    home: Home,
    *,
    target: Home,
    final: Callable[[Path], Path] = _same_path,
) -> list[str]:
    """Set up in `home`; the lines to print, naming where things are once in `target`."""
    from desktop.setup import setup_district, setup_room

    if args.kind == "room" and args.enrollment:
        return _setup_enrolled_room(args, home, target=target)
    db = _open(home)
    keys = None
    try:
        if args.kind == "district":
            from desktop.sync.identity import init_district_keys

            installation = setup_district(db, name=args.name)
            keys = init_district_keys(db, escrow_path=Path(args.escrow) if args.escrow else None)
        else:
            installation = setup_room(
                db, name=args.name, village=args.village, township=args.township
            )
    finally:
        db.close()
    lines = [
        f"已创建{installation.role.label}安装：{installation.name}",
        f"节点编号：{installation.node_id}",
        f"数据目录：{target.root}",
    ]
    if keys is not None:
        lines += [
            f"本机密钥指纹：{keys.fingerprint}",
            f"托管密钥（私钥，仅写出这一次）：{final(keys.escrow_path)}",
            f"托管密钥指纹：{keys.escrow_fingerprint}",
            "请把托管密钥文件抄存到离线介质并妥善保管，然后从本机删除",
        ]
    return lines


def _setup_enrolled_room(args: argparse.Namespace, home: Home, *, target: Home) -> list[str]:
    from desktop.sync.enrolment import read_enrolment
    from desktop.sync.late_enrolment import enrol_standalone_room

    passphrase = args.passphrase
    if passphrase is None:
        if not sys.stdin.isatty():
            raise CommandError("请用 --passphrase 提供区政协电话告知的登记口令")
        import getpass

        passphrase = getpass.getpass("登记口令（区政协电话告知）：")
    db = _open(home)
    try:
        # A room set up on its own earlier is adopted (its records kept) with the same checks
        # as from 同步: the same file again, another district's file, refused by name.
        enrolled = enrol_standalone_room(db, read_enrolment(Path(args.enrollment), passphrase))
    finally:
        db.close()
    verb = "已登记原有议事室（保留全部记录）" if enrolled.adopted else "已创建议事室安装"
    return [
        f"{verb}：{enrolled.installation.name}（{enrolled.code}）",
        f"节点编号：{enrolled.installation.node_id}",
        f"数据目录：{target.root}",
        f"区政协：{enrolled.district_name}，密钥指纹：{enrolled.district_fingerprint}",
        "请与区政协电话核对上面的指纹",
        f"本机密钥指纹：{enrolled.fingerprint}",
    ]


def _print_progress(done: int, total: int) -> None:
    end = "\n" if done >= total else ""
    print(f"\r生成进度：{done}/{total}", end=end, file=sys.stderr, flush=True)


def _cmd_demo(args: argparse.Namespace, home: Home) -> int:
    from desktop.demo import generate

    # The line rewritten in place is for someone watching; a pipe or a log gets the summary.
    watching = sys.stderr.isatty()
    db = _open(home)
    try:
        summary = generate(
            db,
            seed=args.seed,
            roster_only=args.roster_only,
            rooms=args.rooms,
            years=args.years,
            progress=_print_progress if watching else None,
        )
    except BaseException:
        if watching:
            print(file=sys.stderr)  # the error on a line of its own, not after the progress
        raise
    finally:
        db.close()
    print("已添加示例数据：")
    print(summary.describe())
    return 0


def _stats_period(args: argparse.Namespace) -> Period:
    from desktop.stats import Period

    if args.year is not None and (args.start is not None or args.end is not None):
        raise CommandError("--year 不能与 --from/--to 同时使用")
    if args.year is not None:
        return Period.of_year(args.year)
    if args.start is None and args.end is None:
        raise CommandError("缺少参数：--year（或 --from 与 --to）")
    if args.start is None or args.end is None:
        raise CommandError("--from 与 --to 须同时给出")
    return Period.between(args.start, args.end)


def _cmd_stats(args: argparse.Namespace, home: Home) -> int:
    from desktop import stats

    period = _stats_period(args)
    year = period.year
    if args.docx and year is None:
        # The draft is a year's summary set against the year before; a range has no such title.
        raise CommandError("--docx 须与 --year 同时使用：年度工作总结按自然年起草")
    db = _open(home)
    try:
        scope = stats.find_scope(db, township=args.township, room=args.room)
        if args.docx and year is not None:
            from desktop.documents.year_report import write_year_report

            written = write_year_report(db, year=year, scope=scope, path=Path(args.docx))
            print(f"已写入：{written}")
            return 0
        figures = stats.compute_stats(db, period=period, scope=scope)
        if args.pdf:
            from desktop.documents.stats_report import render_stats_report

            written = render_stats_report(db=db, stats=figures, path=Path(args.pdf))
            print(f"已写入：{written}")
    finally:
        db.close()
    if args.xlsx:
        from desktop.stats.excel import write_stats_workbook

        print(f"已写入：{write_stats_workbook(figures, Path(args.xlsx))}")
    elif args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    elif not args.pdf:
        print(stats.format_stats(figures))
    return 0


def _cmd_scores(args: argparse.Namespace, home: Home) -> int:
    from desktop.queries import duty

    db = _open(home)
    try:
        township = duty.township_named(db, args.township) if args.township else None
        scores = duty.score_year(db, args.year, township=township)
    finally:
        db.close()
    if args.xlsx:
        from desktop.documents.duty_scores import write_scores_workbook

        print(f"已写入：{write_scores_workbook(scores, Path(args.xlsx))}")
    elif args.json:
        print(json.dumps(scores.to_json(), ensure_ascii=False, indent=2))
    else:
        print(duty.format_scores(scores))
    return 0


def _cmd_check(_args: argparse.Namespace, home: Home) -> int:
    from desktop.checks import run_checks

    # The full integrity check is this command's own work: it lists what quick_check finds.
    db = _open(home, verify=False)
    try:
        problems = run_checks(db, today=clock.today())
    finally:
        db.close()
    for problem in problems:
        where = f"[{problem.table} {problem.record_id}] " if problem.table else ""
        print(f"✗ {where}{problem.message}")
    if problems:
        print(f"发现 {len(problems)} 个问题")
        return 1
    print("检查通过：数据库完整，外键与业务规则均满足")
    return 0


def _cmd_doc(args: argparse.Namespace, home: Home) -> int:
    from desktop.documents.commands import make_document

    db = _open(home)
    try:
        path = make_document(
            db,
            kind=args.kind,
            target=args.target,
            path=Path(args.output),
            layout=args.layout,
            year=args.year,
            mask=not args.no_mask,
        )
    finally:
        db.close()
    print(f"已生成：{path}")
    return 0


def _cmd_roster(args: argparse.Namespace, home: Home) -> int:
    from desktop import roster_excel

    if args.action == "import":
        db = _open(home)
        try:
            summary = roster_excel.import_roster(db, Path(args.file))
        finally:
            db.close()
        print(f"已导入名册：{summary.describe()}")
        return 0
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"名册文件须以 .xlsx 结尾：{output}")
    if args.action == "template":
        path = roster_excel.roster_template(output)
    else:
        db = _open(home)
        try:
            path = roster_excel.export_roster(db, output)
        finally:
            db.close()
    print(f"已生成：{path}")
    return 0


def _cmd_backup(args: argparse.Namespace, home: Home) -> int:
    from desktop.backups import list_backups, take_backup

    if args.action == "list":
        files = list_backups(home)
        if args.json:
            rows = [
                {
                    "path": str(f.path),
                    "created": f.written_at.isoformat(timespec="seconds"),
                    "size": f.size,
                    "reason": f.reason,
                }
                for f in files
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        if not files:
            print(f"还没有备份：{home.backups}")
            return 0
        print(f"{'时间':<17}\t{'原因':<4}\t{'大小（字节）':>10}\t文件")
        for f in files:
            print(f"{f.written_at:%Y-%m-%d %H:%M:%S}\t{f.reason_label}\t{f.size:>10}\t{f.path}")
        print(f"共 {len(files)} 个备份")
        return 0
    if args.json:
        raise CommandError("--json 只能用于 yishi backup list")
    db = _open(home)
    try:
        outcome = take_backup(db, "manual")
    finally:
        db.close()
    if outcome.warning:
        print(f"注意：{outcome.warning}", file=sys.stderr)
    print(f"已备份：{outcome.path}")
    return 0


def _cmd_restore(args: argparse.Namespace, home: Home) -> int:
    from desktop.backups import format_created, restore_into_home

    result = restore_into_home(home, Path(args.path))
    if result.warning:
        print(f"注意：{result.warning}", file=sys.stderr)
    print(f"已恢复到 {format_created(result.restored.created)} 的备份：{result.restored.path}")
    if result.safety_backup is not None:
        print(f"恢复前的数据已备份：{result.safety_backup}")
    if result.migrated:
        print("备份的数据库架构较旧，已升级到当前版本")
    return 0


def _cmd_app_lock(args: argparse.Namespace, home: Home) -> int:
    from desktop import app_lock

    db = _open(home)
    try:
        was_on = app_lock.reset(db)
    finally:
        db.close()
    print("应用锁已关闭，下次启动不再要求密码" if was_on else "应用锁本来就没有开启")
    return 0


COMMANDS = {
    "setup": _cmd_setup,
    "demo": _cmd_demo,
    "stats": _cmd_stats,
    "scores": _cmd_scores,
    "check": _cmd_check,
    "doc": _cmd_doc,
    "enroll": cli_sync.enroll,
    "export": cli_sync.export,
    "import": cli_sync.import_bundles,
    "quarantine": cli_sync.quarantine,
    "rooms": cli_sync.rooms,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "app-lock": _cmd_app_lock,
    "roster": _cmd_roster,
}


# Commands that only read run beside a window or another command without the installation
# lock; every other one (setup, demo, import, enroll, export, settling quarantine, backups
# and restores) takes it first. Keyed by (command, sub-action), so a new writing command is
# locked unless it is listed here.
READ_ONLY_COMMANDS = frozenset(
    {
        ("check", None),
        ("stats", None),
        ("scores", None),
        ("doc", None),
        ("quarantine", None),
        ("rooms", None),
        ("backup", "list"),
        ("roster", "export"),
        ("roster", "template"),
    }
)
# How long a writing command waits for another to finish before it refuses.
LOCK_WAIT_SECONDS = 10.0


def _writes(args: argparse.Namespace) -> bool:
    return (args.command, getattr(args, "action", None)) not in READ_ONLY_COMMANDS


@contextlib.contextmanager
def _installation_lock(args: argparse.Namespace, home: Home) -> Iterator[None]:
    """One writer per installation (desktop.instance_lock): wait a little, then refuse."""
    # Setup on a folder that does not exist yet builds it elsewhere and locks that.
    if not _writes(args) or not home.root.is_dir():
        yield
        return
    from desktop import instance_lock

    def tell(holder: instance_lock.Holder | None) -> None:
        print(instance_lock.waiting_message(holder), file=sys.stderr, flush=True)

    wait = instance_lock.wait_seconds(LOCK_WAIT_SECONDS)
    with instance_lock.acquire(home.root, instance_lock.CLI, wait=wait, on_wait=tell):
        yield


def _damage_hint(error: UserError, home: Home) -> str:
    """For a damaged database: the newest backup that is sound, and the command to restore it."""
    database = sys.modules.get("desktop.db")
    if database is None or not isinstance(error, database.DatabaseDamagedError):
        return ""
    from desktop.backups import newest_sound_backup

    backup = newest_sound_backup(home)
    if backup is None:
        return "；没有找到可用的备份"
    words = ["yishi", "--home", str(home.root), "restore", str(backup.path)]
    command = subprocess.list2cmdline(words) if os.name == "nt" else shlex.join(words)
    return (
        f"；最新的完好备份：{backup.path}（{backup.written_at:%Y-%m-%d %H:%M}），"
        f"恢复请运行：{command}"
    )


def _refuse(line: str) -> int:
    print(line, file=sys.stderr)
    return 2


def _crash(error: Exception) -> int:
    """A bug, not a refusal: one line for the user, the traceback in a log for whoever fixes it."""
    log = write_crash(error)
    details = f"，详情已写入 {log}" if log is not None else ""
    print(f"错误：意外故障（{crash_summary(error)}）{details}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_console()
    try:
        args = build_parser().parse_args(argv)
    except CommandError as exc:
        return _refuse(f"错误：{exc}")
    home = resolve_home(args.home)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(home=home, smoke=args.smoke)
    try:
        _require_home(home, args.command)
        with _installation_lock(args, home):
            return COMMANDS[args.command](args, home)
    except UserError as exc:
        return _refuse(f"错误：{exc}{_damage_hint(exc, home)}")
    except KeyboardInterrupt:
        return _refuse(INTERRUPTED)
    except Exception as exc:
        if (reason := storage_reason(exc)) is None:
            return _crash(exc)
        where = exc.filename if isinstance(exc, OSError) and exc.filename else home.database
        return _refuse(f"错误：{reason}：{where}")
