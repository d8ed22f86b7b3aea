"""The CLI's sync commands: enroll, rooms, export, import and quarantine (see desktop.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_args import CommandError, open_db
from desktop.errors import UserError, os_reason
from desktop.formatting import TABLE_LABELS
from desktop.paths import Home

if TYPE_CHECKING:
    from desktop.queries.rooms import RoomStanding
    from desktop.sync.quarantine import QuarantineEntry


def enroll(args: argparse.Namespace, home: Home) -> int:
    from desktop.sync.enrolment import enroll_room

    room_options = (args.room_name, args.village, args.township)
    if args.district_name is not None:
        if any(option is not None for option in room_options):
            raise CommandError("--district-name（市政协登记区政协）不能与议事室的选项同时使用")
        return _enroll_district(args, home)
    if any(option is None for option in room_options):
        raise CommandError(
            "请提供 --room-name、--village 和 --township（区政协登记议事室），"
            "或 --district-name（市政协登记区政协）"
        )
    db = open_db(home)
    try:
        enrolment = enroll_room(
            db,
            room_name=args.room_name,
            village=args.village,
            township=args.township,
            output=Path(args.output),
        )
    finally:
        db.close()
    print(f"已登记议事室：{args.room_name.strip()}（{enrolment.code}）")
    print(f"区政协密钥指纹：{enrolment.fingerprint}（请议事室设置时电话核对）")
    print(f"登记文件：{enrolment.path}")
    print(f"登记口令：{enrolment.passphrase}")
    print("请在议事室设置时电话读给对方，切勿写在U盘上或与登记文件放在一起")
    return 0


def _enroll_district(args: argparse.Namespace, home: Home) -> int:
    from desktop.sync.upward import enroll_district

    db = open_db(home)
    try:
        enrolment = enroll_district(db, name=args.district_name, output=Path(args.output))
    finally:
        db.close()
    print(f"已登记区政协：{enrolment.name}")
    print(f"市政协密钥指纹：{enrolment.fingerprint}（请区政协登记时电话核对）")
    print(f"登记文件：{enrolment.path}")
    print(f"登记口令：{enrolment.passphrase}")
    print("请在区政协登记时电话读给对方，切勿写在U盘上或与登记文件放在一起")
    return 0


def join_city(args: argparse.Namespace, home: Home) -> int:
    from desktop.sync.upward import join_city as join

    passphrase = args.passphrase
    if passphrase is None:
        if not sys.stdin.isatty():
            raise CommandError("请用 --passphrase 提供市政协电话告知的登记口令")
        import getpass

        passphrase = getpass.getpass("登记口令（市政协电话告知）：")
    db = open_db(home)
    try:
        joined = join(db, Path(args.file), passphrase)
    finally:
        db.close()
    print(f"已登记到{joined.name}，密钥指纹：{joined.fingerprint}")
    print("请与市政协电话核对上面的指纹；之后用 yishi export --city 导出给市政协的数据包")
    return 0


def rooms(args: argparse.Namespace, home: Home) -> int:
    """District: every room with township, enrolled, last bundle, days silent, overdue outcomes."""
    from desktop import clock
    from desktop.models.enums import NodeRole
    from desktop.queries.rooms import read_rooms_overview

    db = open_db(home)
    try:
        installation = db.installation()
        if installation is None or installation.role is not NodeRole.DISTRICT:
            raise UserError("只有区政协安装才有议事室列表")
        overview = read_rooms_overview(db, today=clock.today())
    finally:
        db.close()
    if args.json:
        print(json.dumps([_room_json(r) for r in overview.rooms], ensure_ascii=False, indent=2))
        return 0
    if not overview.rooms:
        print("还没有议事室；用 yishi enroll 登记")
        return 0
    from desktop.stats import format_table

    headers = ["镇（街道）", "议事室", "登记", "最近数据包", "未联系天数", "逾期成果"]
    table_rows = []
    for room in overview.rooms:
        enrolled = "已停用" if room.retired else ("已登记" if room.enrolled else "未登记")
        days = "" if room.days_silent is None else str(room.days_silent)
        if room.silent:
            days += " 失联"
        last = room.last_bundle_on.isoformat() if room.last_bundle_on else "—"
        table_rows.append(
            [room.township, room.name, enrolled, last, days, str(room.overdue_outcomes)]
        )
    table = format_table(headers, table_rows, numeric_from=len(headers) - 1)
    print("\n".join(line.rstrip() for line in table.splitlines()))
    silent = len(overview.silent)
    if silent:
        print(f"{silent} 个议事室已超过 {overview.silent_days} 天未发来数据包")
    return 0


def _room_json(room: RoomStanding) -> dict[str, object]:
    return {
        "room_id": room.room_id,
        "code": room.code,
        "name": room.name,
        "village": room.village,
        "township": room.township,
        "area": room.area,
        "enrolled": room.enrolled,
        "retired_on": room.retired_on.isoformat() if room.retired_on else None,
        "last_bundle": room.last_bundle_on.isoformat() if room.last_bundle_on else None,
        "last_bundle_file": room.last_bundle_file or None,
        "days_silent": room.days_silent,
        "silent": room.silent,
        "records": room.records,
        "overdue_outcomes": room.overdue_outcomes,
        "fingerprint": room.fingerprint,
    }


def export(args: argparse.Namespace, home: Home) -> int:
    from desktop.sync.export import export_bundle

    if args.township is not None:
        return _export_pack(args, home)
    db = open_db(home)
    try:
        result = export_bundle(
            db,
            to_dir=Path(args.to),
            full=args.full,
            room=args.room,
            city=args.city,
            district=args.district,
        )
    finally:
        db.close()
    total = sum(result.counts.values())
    kind = "全部数据" if result.full else "自上次确认以来的变更"
    print(f"已导出{kind}：{total} 条记录，序号 {result.sequence}")
    print(result.path)
    for item in result.held_back:
        print(item.message)
    if result.held_back:
        print("以上附件暂未发送，其余记录已正常导出")
    return 0


def _export_pack(args: argparse.Namespace, home: Home) -> int:
    """District: one file for a township's rooms; the file's path is the last line, as above."""
    from desktop.sync.pack import export_pack

    db = open_db(home)
    try:
        result = export_pack(db, to_dir=Path(args.to), township=args.township, full=args.full)
    finally:
        db.close()
    kind = "全部数据" if result.full else "自上次确认以来的变更"
    print(f"已导出{result.township}的下发数据包（{kind}）：{len(result.rooms)} 个议事室")
    for room in result.rooms:
        total = sum(room.bundle.counts.values())
        print(f"  {room.code} {room.name}：{total} 条记录，序号 {room.bundle.sequence}")
        for item in room.bundle.held_back:
            print(f"    {item.message}")
    if result.skipped:
        print(f"未包含 {len(result.skipped)} 个议事室：")
        for skipped in result.skipped:
            print(f"  {skipped.message}")
    print(result.path)
    return 0


def import_bundles(args: argparse.Namespace, home: Home) -> int:
    from desktop.sync.importer import ImportBatch
    from desktop.sync.pack import NotForThisRoom, import_file

    escrow_key = Path(args.escrow_key) if args.escrow_key else None
    db = open_db(home)
    reports: list[dict[str, object]] = []
    refused = 0
    batch = ImportBatch()  # the files given together share one backup
    try:
        if escrow_key is not None:
            from desktop.sync.identity import escrow_identity

            escrow_identity(db, escrow_key)  # a wrong key file is one error, not one per bundle
        for name in args.files:
            try:
                # A township pack (.yishipack) gives this room's bundle from it.
                result = import_file(db, Path(name), escrow_key=escrow_key, batch=batch)
            except NotForThisRoom as exc:
                # Nothing for this room in a township's pack: nothing done, nothing wrong.
                reports.append({"file": name, "status": "not_for_us", "reason": str(exc)})
                continue
            except (UserError, OSError) as exc:
                # Each file on its own, as the sync page does: one bad file never ends the batch.
                refused += 1
                reason = f"无法读写：{os_reason(exc)}" if isinstance(exc, OSError) else str(exc)
                reports.append({"file": name, "status": "refused", "reason": reason})
                continue
            reports.append(
                {
                    "file": name,
                    "status": "already_imported" if result.already_imported else "imported",
                    "bundle_id": result.bundle_id,
                    "sequence": result.sequence,
                    "tables": {t: c.__dict__ for t, c in sorted(result.tables.items())},
                    "new_peer_fingerprint": result.new_peer_fingerprint,
                }
            )
    finally:
        db.close()
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            refusal = report["status"] == "refused"
            print(describe_import(report), file=sys.stderr if refusal else sys.stdout)
    return 2 if refused else 0


def describe_import(report: dict[str, object]) -> str:
    if report["status"] == "refused":
        return f"✗ {report['file']}：已拒绝，{report['reason']}"
    if report["status"] == "not_for_us":
        return f"– {report['file']}：{report['reason']}"
    if report["status"] == "already_imported":
        return f"✓ {report['file']}：此前已导入，未做任何更改"
    tables = report["tables"]
    assert isinstance(tables, dict)
    totals = {"added": 0, "updated": 0, "unchanged": 0, "quarantined": 0}
    for counts in tables.values():
        for key in totals:
            totals[key] += counts[key]
    line = (
        f"✓ {report['file']}：新增 {totals['added']}，更新 {totals['updated']}，"
        f"未变 {totals['unchanged']}"
    )
    if totals["quarantined"]:
        line += f"，冲突待查 {totals['quarantined']}（用 yishi quarantine 查看和处理）"
    if report.get("new_peer_fingerprint"):
        line += (
            f"\n    首次收到该议事室的数据包，已记录其密钥，指纹 {report['new_peer_fingerprint']}"
        )
        line += "（请与议事室电话核对）"
    for table, counts in tables.items():
        parts = [f"{label} {counts[key]}" for key, label in _COUNT_LABELS if counts[key]]
        if parts:
            line += f"\n    {TABLE_LABELS.get(table, table)}：" + "，".join(parts)
    return line


_COUNT_LABELS = (
    ("added", "新增"),
    ("updated", "更新"),
    ("unchanged", "未变"),
    ("quarantined", "冲突待查"),
)


def quarantine(args: argparse.Namespace, home: Home) -> int:
    from desktop.sync import quarantine as records

    db = open_db(home)
    try:
        if args.action == "resolve":
            if not args.id.isdigit():
                raise UserError(f"编号应为列表中的数字：{args.id}")
            choice = (
                records.Resolution.KEEP_LOCAL
                if args.keep_local
                else records.Resolution.TAKE_INCOMING
            )
            entry = records.resolve(db, int(args.id), choice)
            print(f"已处理第 {entry.id} 条：{choice.label}（{_quarantined_record(entry)}）")
            return 0
        entries = records.list_quarantined(db, include_resolved=args.all)
    finally:
        db.close()
    if args.json:
        print(json.dumps([_quarantine_json(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("没有待核对的记录")
        return 0
    from desktop.stats import format_table

    headers = ["编号", "时间", "数据包", "数据表", "记录", "不同的字段"]
    if args.all:
        headers.append("处理")
    rows = []
    for entry in entries:
        row = [
            str(entry.id),
            _local_moment(entry.at),
            entry.file_name or entry.bundle_id,
            entry.table_label,
            entry.record_id[:8],
            records.describe_fields(entry.differences),
        ]
        if args.all:
            row.append(entry.resolution.label if entry.resolution else "待核对")
        rows.append(row)
    table = format_table(headers, rows, numeric_from=len(headers))
    print("\n".join(line.rstrip() for line in table.splitlines()))
    print(
        "处理：yishi quarantine resolve 编号 --keep-local（保留本机）或 --take-incoming（采用对方）"
    )
    return 0


def _local_moment(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M}"


def _quarantined_record(entry: QuarantineEntry) -> str:
    return f"{entry.table_label} {entry.record_id[:8]}"


def _quarantine_json(entry: QuarantineEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "bundle_id": entry.bundle_id,
        "file": entry.file_name,
        "sender": entry.sender,
        "table": entry.table,
        "table_label": entry.table_label,
        "record_id": entry.record_id,
        "revision": entry.revision,
        "local_revision": entry.local_revision,
        "owned_here": entry.owned_here,
        "can_take_incoming": entry.can_take_incoming,
        "take_refusal": entry.take_refusal,
        "differences": [
            {"field": d.field, "label": d.label, "local": d.local, "incoming": d.incoming}
            for d in entry.differences
        ],
        "resolution": entry.resolution.value if entry.resolution else None,
        "resolved_at": entry.resolved_at.isoformat() if entry.resolved_at else None,
        "resolved_by": entry.resolved_by,
    }
