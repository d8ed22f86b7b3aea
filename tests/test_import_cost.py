"""The command line imports only what a command needs: `yishi doc` starts in well under a
second only if Qt, Alembic, Excel, Word and the sync crypto stay out of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.db import Database
from tests.documents.document_builders import build_meeting

# Packages no document command needs: the GUI, migrations (the database is at head), Excel
# (rosters, statistics workbooks), the sync bundles' encryption, pinyin (search by names), and
# our own search and similar-slip queries (desktop.db loads only the search index's triggers
# and queue, desktop.search_index, which must not load pypinyin until a name is read).
NEVER_FOR_DOCUMENTS = (
    "PySide6",
    "shiboken6",
    "alembic",
    "mako",
    "openpyxl",
    "cryptography",
    "pypinyin",
    "desktop.pinyin",
    "desktop.queries.search",
    "desktop.queries.similar_slips",
)

# Runs `desktop.cli.main` (or only its parser) in a fresh interpreter, then prints which of
# the watched packages (top-level, or a module by its full name) got loaded on its last line.
_PROBE = """
import sys
from desktop import cli
watched = set(sys.argv[1].split(","))
if sys.argv[2] == "parse":
    cli.build_parser().parse_args(sys.argv[3:])
    status = 0
else:
    status = cli.main(sys.argv[3:])
loaded = {name.split(".")[0] for name in sys.modules} | set(sys.modules)
print("loaded:", ",".join(sorted(loaded & watched)))
sys.exit(status)
"""


def _loaded(watched: tuple[str, ...], mode: str, *argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, ",".join(watched), mode, *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("loaded:"), result.stdout
    return {name for name in last.removeprefix("loaded:").strip().split(",") if name}


def test_parsing_a_doc_command_loads_no_database_or_printing_code(tmp_path: Path) -> None:
    watched = (*NEVER_FOR_DOCUMENTS, "docx", "sqlalchemy", "reportlab")
    argv = ("doc", "minutes", "latest", "-o", str(tmp_path / "x.pdf"))
    assert _loaded(watched, "parse", *argv) == set()


def test_minutes_as_pdf_load_neither_word_nor_migrations(room_db: Database, tmp_path: Path) -> None:
    meeting_id = build_meeting(room_db).meeting_id
    target = tmp_path / "minutes.pdf"
    watched = (*NEVER_FOR_DOCUMENTS, "docx", "reportlab")
    argv = ("--home", str(room_db.home.root), "doc", "minutes", meeting_id, "-o", str(target))
    # reportlab is watched too, to show the probe sees what the command does load.
    assert _loaded(watched, "run", *argv) == {"reportlab"}
    assert target.read_bytes().startswith(b"%PDF")


def test_minutes_as_word_load_no_migrations_or_excel(room_db: Database, tmp_path: Path) -> None:
    meeting_id = build_meeting(room_db).meeting_id
    target = tmp_path / "minutes.docx"
    watched = (*NEVER_FOR_DOCUMENTS, "docx")
    argv = ("--home", str(room_db.home.root), "doc", "minutes", meeting_id, "-o", str(target))
    assert _loaded(watched, "run", *argv) == {"docx"}
    assert target.stat().st_size > 0


# As the `yishi` script runs it (main() reading sys.argv), or as the tests call main(argv).
_COLLECTOR_PROBE = """
import gc, sys
from desktop import cli
if sys.argv[1] == "process":
    sys.argv = ["yishi", *sys.argv[2:]]
    status = cli.main()
else:
    status = cli.main(sys.argv[2:])
print("collector:", gc.isenabled(), gc.get_freeze_count() > 0)
sys.exit(status)
"""


def _collector_after(mode: str, *argv: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _COLLECTOR_PROBE, mode, *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_collector_pauses_for_start_up_only_in_a_command_process(
    room_db: Database, tmp_path: Path
) -> None:
    meeting_id = build_meeting(room_db).meeting_id
    home = str(room_db.home.root)
    argv = ("--home", home, "doc", "minutes", meeting_id, "-o", str(tmp_path / "m.pdf"))
    # Back on once the database is open, with the start-up objects frozen out of it.
    assert _collector_after("process", *argv) == "collector: True True"
    assert _collector_after("call", *argv) == "collector: True False"


def test_the_gui_freezes_its_imports_out_of_the_collector(room_db: Database) -> None:
    # Two full collections walking SQLAlchemy, the models and Qt cost the start 80 ms.
    argv = ("--home", str(room_db.home.root), "--smoke")
    assert _collector_after("process", *argv) == "collector: True True"
    assert _collector_after("call", *argv) == "collector: True False"
