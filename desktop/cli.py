"""Command line: `yishi [--home DIR] <command>`; no subcommand starts the GUI, and
`yishi [--home DIR] FILE.yishi` (the Windows file association) starts it on that file.

Parsing and printing only: every command calls a Qt-free service.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop import APP_NAME_ZH, __version__, cli_admin, cli_reports, cli_setup, cli_sync
from desktop.cli_args import (
    CommandError,
    Parser,
    check_db_option,
    collector_paused_for_imports,
    has_installation,
    integer,
)
from desktop.crash_log import summary as crash_summary
from desktop.crash_log import write_crash
from desktop.errors import UserError, storage_reason
from desktop.paths import Home, resolve_home

# Ctrl+C ends a command like a refusal (exit 2): its unit of work rolls back, as on any error.
INTERRUPTED = "已中断：未完成的操作已撤销"


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


def _db_option(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="district, with setup: keep the records in this PostgreSQL database "
        "(postgresql+psycopg://user:password@server:port/database); the home remembers it",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="yishi",
        description=f"{APP_NAME_ZH} (Yishi): records for village and community consultation rooms.",
        epilog="yishi [--home DIR] FILE.yishi (or .yishipack) starts the GUI on its Sync page "
        "with that file selected to import.",
    )
    parser.add_argument("--version", action="version", version=f"yishi {__version__}")
    _home_option(parser, default=None)
    _db_option(parser, default=None)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the GUI, show the main window with its data and exit 0 once idle",
    )
    # Subcommands accept --home too; SUPPRESS keeps the global value unless given again.
    common = Parser(add_help=False)
    _home_option(common, default=argparse.SUPPRESS)
    _db_option(common, default=argparse.SUPPRESS)
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
    city = kinds.add_parser(
        "city", help="a city CPPCC office collecting its districts' bundles", parents=[common]
    )
    city.add_argument("--name", required=True, help="e.g. 南通市政协")
    city.add_argument(
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
    demo.add_argument("--seed", type=integer, default=1)
    demo.add_argument("--roster-only", action="store_true", help="district: roster, no rooms")
    demo.add_argument("--rooms", type=integer, default=16, help="district: rooms to make (16)")
    demo.add_argument("--years", type=integer, default=2, help="full past years to cover (2)")

    cli_reports.add_parsers(commands, common)
    check = commands.add_parser("check", help="integrity and domain checks", parents=[common])
    check.add_argument(
        "--repair-search",
        dest="action",
        action="store_const",
        const="repair-search",
        help="rebuild the search index from the records first",
    )

    enroll = commands.add_parser(
        "enroll",
        help="district: register a room (city: a district) and write its enrolment file",
        parents=[common],
    )
    enroll.add_argument("--room-name", help="district: e.g. 和平桥社区协商议事室")
    enroll.add_argument("--village", help="district: village or community")
    enroll.add_argument("--township", help="district: township or street")
    enroll.add_argument("--district-name", help="city: the district to enrol, e.g. 崇川区政协")
    enroll.add_argument("-o", "--output", required=True, help="enrolment file to write")

    join_city = commands.add_parser(
        "join-city",
        help="district: take the city's enrolment file, to forward bundles to the city",
        parents=[common],
    )
    join_city.add_argument("file", metavar="FILE", help="the city's enrolment file")
    join_city.add_argument(
        "--passphrase",
        metavar="P",
        help="the enrolment file's passphrase, read out by the city (asked if omitted)",
    )

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
        "--city",
        action="store_true",
        help="district: everything it holds, its rooms' records too, for its city",
    )
    target.add_argument(
        "--district",
        metavar="NAME_OR_ID",
        help="city: the district to acknowledge (name, code or node id)",
    )
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
    migrate_db = commands.add_parser(
        "migrate-db",
        help="district: copy the database onto a PostgreSQL server and use it from then on",
        parents=[common],
    )
    migrate_db.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="an empty database, e.g. postgresql+psycopg://user:password@host/yishi",
    )
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


def split_bundle_file(argv: Sequence[str]) -> tuple[list[str], Path | None]:
    """`yishi [--home DIR] FILE.yishi`: the arguments without the file, and the file made
    absolute against the current folder. argparse cannot take an optional positional beside
    subcommands, so it is taken out first; a first positional that is a command, or has no
    bundle suffix, stays for argparse to read or refuse as usual."""
    words = list(argv)
    index = 0
    while index < len(words) and words[index].startswith("-") and words[index] != "-":
        # --home, --db and their abbreviations take the next word (--home=DIR is one word).
        word = words[index]
        takes_value = len(word) > 2 and ("--home".startswith(word) or "--db".startswith(word))
        index += 2 if takes_value else 1
    if index >= len(words) or words[index] in COMMANDS:
        return words, None
    # Here only: the GUI's plain start must not load the sync crypto for the suffixes.
    from desktop.sync.bundle import SUFFIX
    from desktop.sync.pack_format import PACK_SUFFIX

    if Path(words[index]).suffix.lower() not in (SUFFIX, PACK_SUFFIX):
        return words, None
    return words[:index] + words[index + 1 :], Path(os.path.abspath(words[index]))


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
    if not has_installation(home):
        raise CommandError(f"此目录还没有议事安装：{root}（请先运行 yishi setup）")


COMMANDS = {
    "setup": cli_setup.setup,
    "demo": cli_setup.demo,
    "stats": cli_reports.stats,
    "scores": cli_reports.scores,
    "check": cli_setup.check,
    "doc": cli_reports.doc,
    "enroll": cli_sync.enroll,
    "join-city": cli_sync.join_city,
    "export": cli_sync.export,
    "import": cli_sync.import_bundles,
    "quarantine": cli_sync.quarantine,
    "rooms": cli_sync.rooms,
    "backup": cli_admin.backup,
    "restore": cli_admin.restore,
    "app-lock": cli_admin.app_lock,
    "migrate-db": cli_admin.migrate_db,
    "roster": cli_admin.roster,
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


def _reader_gone() -> int:
    """The output's reader went away (`yishi stats … | head`): not a fault of ours, so no
    crash report; stdout goes nowhere, or the interpreter's flush at exit fails again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, as a shell reports a command whose reader went away


def _crash(error: Exception) -> int:
    """A bug, not a refusal: one line for the user, the traceback in a log for whoever fixes it."""
    log = write_crash(error)
    details = f"，详情已写入 {log}" if log is not None else ""
    print(f"错误：意外故障（{crash_summary(error)}）{details}", file=sys.stderr)
    return 1


def _where(home: Home) -> object:
    """What a storage refusal names: the database file, or the home of one on a server."""
    return home.root if home.database_url_file.exists() else home.database


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_console()
    words, bundle = split_bundle_file(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(words)
    except CommandError as exc:
        return _refuse(f"错误：{exc}")
    if bundle is not None and args.command is not None:
        return _refuse(f"错误：打开文件 {bundle.name} 时不能同时运行命令 {args.command}")
    home = resolve_home(args.home)
    if args.db is not None and args.command != "setup":
        try:
            check_db_option(home, args.db)
        except UserError as exc:
            return _refuse(f"错误：{exc}")
    if args.command is None:
        # The GUI's imports (SQLAlchemy, the models, Qt) without the collector walking them,
        # then or later.
        with collector_paused_for_imports(argv is None, freeze=True):
            from desktop.db import load_driver

            load_driver(home)
            from desktop.app import run_gui

        return run_gui(home=home, smoke=args.smoke, bundle=bundle)
    try:
        _require_home(home, args.command)
        with _installation_lock(args, home), collector_paused_for_imports(argv is None):
            return COMMANDS[args.command](args, home)
    except UserError as exc:
        return _refuse(f"错误：{exc}{_damage_hint(exc, home)}")
    except KeyboardInterrupt:
        return _refuse(INTERRUPTED)
    except BrokenPipeError:
        return _reader_gone()
    except Exception as exc:
        if (reason := storage_reason(exc)) is None:
            return _crash(exc)
        where = exc.filename if isinstance(exc, OSError) and exc.filename else _where(home)
        return _refuse(f"错误：{reason}：{where}")
