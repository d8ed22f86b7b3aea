"""The CLI's housekeeping commands: roster, backup, restore and app-lock (see desktop.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.cli_args import CommandError, open_db
from desktop.paths import Home


def roster(args: argparse.Namespace, home: Home) -> int:
    from desktop import roster_excel

    if args.action == "import":
        db = open_db(home)
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
        db = open_db(home)
        try:
            path = roster_excel.export_roster(db, output)
        finally:
            db.close()
    print(f"已生成：{path}")
    return 0


def backup(args: argparse.Namespace, home: Home) -> int:
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
    db = open_db(home)
    try:
        outcome = take_backup(db, "manual")
    finally:
        db.close()
    if outcome.warning:
        print(f"注意：{outcome.warning}", file=sys.stderr)
    print(f"已备份：{outcome.path}")
    return 0


def restore(args: argparse.Namespace, home: Home) -> int:
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


def app_lock(args: argparse.Namespace, home: Home) -> int:
    from desktop import app_lock

    db = open_db(home)
    try:
        was_on = app_lock.reset(db)
    finally:
        db.close()
    print("应用锁已关闭，下次启动不再要求密码" if was_on else "应用锁本来就没有开启")
    return 0


def migrate_db(args: argparse.Namespace, home: Home) -> int:
    """District: copy the SQLite database onto a PostgreSQL server, verify, then use it."""
    from desktop.db import remembered_database_url, server_label, server_url
    from desktop.migrate_db import migrate_to_server

    if (current := remembered_database_url(home)) is not None:
        raise CommandError(
            f"此安装已在使用数据库服务器 {server_label(server_url(current))}，无需再迁移"
        )
    shown: dict[str, int] = {}

    def progress(table: str, copied: int) -> None:
        # A line per table and per 50 000 rows: a ten-year district has millions.
        if table not in shown or copied - shown[table] >= 50_000:
            shown[table] = copied
            print(f"  正在复制 {table}：{copied} 行", file=sys.stderr, flush=True)

    result = migrate_to_server(home, args.to, progress=progress)
    print(
        f"已迁移到 PostgreSQL 服务器 {result.server}：{result.rows} 条记录、"
        f"{len(result.tables)} 张表，逐表核对行数与校验和一致"
    )
    if result.search_rows is None:
        print("注意：服务器上的搜索索引未能建立，请运行 yishi check --repair-search")
    print(f"原数据库文件未改动，仍在：{home.database}（此后议事使用服务器上的数据库）")
    return 0
