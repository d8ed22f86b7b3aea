"""The CLI's report commands: stats, scores and doc (see desktop.cli)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_args import CommandError, Parser, day, open_db, year
from desktop.paths import Home

if TYPE_CHECKING:
    from desktop.stats import Period


def add_parsers(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    stats = commands.add_parser(
        "stats", help="statistics of a year or a range of days", parents=[common]
    )
    # --year or --from/--to is checked in _cmd_stats, so the refusal names both.
    stats.add_argument("--year", type=year)
    stats.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="end", type=day, metavar="YYYY-MM-DD")
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
    scores.add_argument("--year", type=year, required=True)
    scores.add_argument("--township", metavar="NAME", help="members assigned in one township")
    scores_output = scores.add_mutually_exclusive_group()
    scores_output.add_argument("--json", action="store_true", help="machine-readable output")
    scores_output.add_argument("--xlsx", metavar="FILE", help="write the scores to Excel")

    # Kinds are literals so that building the parser does not import reportlab.
    doc = commands.add_parser(
        "doc", help="write a document (.pdf; .docx: minutes, sign-in, ledger)", parents=[common]
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
    doc.add_argument("--year", type=year, help="ledger, duty: the year (default: this year)")
    doc.add_argument("--no-mask", action="store_true", help="notices: full names and phone numbers")


def _period(args: argparse.Namespace) -> Period:
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


def stats(args: argparse.Namespace, home: Home) -> int:
    from desktop import stats as service

    period = _period(args)
    whole_year = period.year
    if args.docx and whole_year is None:
        # The draft is a year's summary set against the year before; a range has no such title.
        raise CommandError("--docx 须与 --year 同时使用：年度工作总结按自然年起草")
    db = open_db(home)
    try:
        scope = service.find_scope(db, township=args.township, room=args.room)
        if args.docx and whole_year is not None:
            from desktop.documents.year_report import write_year_report

            written = write_year_report(db, year=whole_year, scope=scope, path=Path(args.docx))
            print(f"已写入：{written}")
            return 0
        figures = service.compute_stats(db, period=period, scope=scope)
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
        print(service.format_stats(figures))
    return 0


def scores(args: argparse.Namespace, home: Home) -> int:
    from desktop.queries import duty

    db = open_db(home)
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


def doc(args: argparse.Namespace, home: Home) -> int:
    from desktop.documents.commands import make_document

    db = open_db(home)
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
