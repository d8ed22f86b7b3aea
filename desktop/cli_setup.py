"""Commands that make and look after an installation: `setup`, `demo` and `check`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import clock
from desktop.cli_args import CommandError, check_db_option, open_db
from desktop.paths import Home


def setup(args: argparse.Namespace, home: Home) -> int:
    if (
        args.kind == "room"
        and not args.enrollment
        and not (args.name and args.village and args.township)
    ):
        raise CommandError("请提供 --name、--village 和 --township，或用 --enrollment 指定登记文件")
    url = args.db
    if url is not None:
        from desktop.db import server_url

        if args.kind == "room":
            raise CommandError(
                "议事室不能使用数据库服务器：--db 只用于区政协（district）或市政协（city）的"
                "安装，议事室的记录总在本机内置的数据库里"
            )
        server_url(url)  # a malformed address is refused before any folder is made
    # Refused as a second setup, or an enrolment adopting it.
    if home.database.exists() or home.database_url_file.exists():
        if url is not None:
            check_db_option(home, url)
        lines = _setup(args, home, target=home)
    else:
        from desktop.setup import staged_setup

        # Built aside and moved into place whole: a failed first setup (blank name, wrong
        # passphrase, Ctrl+C, a full disk) leaves the home as it was.
        with staged_setup(home) as staged:
            if url is not None:
                from desktop.db import remember_database_url

                # Remembered in the staged home first: its setup opens the server's database.
                remember_database_url(staged.home, url)
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
    from desktop.setup import setup_city, setup_district, setup_room

    if args.kind == "room" and args.enrollment:
        return _setup_enrolled_room(args, home, target=target)
    db = open_db(home)
    keys = None
    try:
        if args.kind in ("district", "city"):
            from desktop.sync.identity import init_district_keys

            make = setup_district if args.kind == "district" else setup_city
            installation = make(db, name=args.name)
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
    if db.engine.dialect.name != "sqlite":
        from desktop.db import server_label

        # The server and database only: the address may hold a password.
        lines.append(f"数据库：PostgreSQL 服务器 {server_label(db.engine.url)}")
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
    db = open_db(home)
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


def demo(args: argparse.Namespace, home: Home) -> int:
    from desktop.demo import generate

    # The line rewritten in place is for someone watching; a pipe or a log gets the summary.
    watching = sys.stderr.isatty()
    db = open_db(home)
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


def check(args: argparse.Namespace, home: Home) -> int:
    from desktop.checks import run_checks
    from desktop.checks.search import repair

    # The full integrity check is this command's own work: it lists what quick_check finds.
    db = open_db(home, verify=False)
    try:
        if args.action == "repair-search":
            print(f"已重建搜索索引：{repair(db)} 条记录")
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
