"""The command line, run in-process and as `python -m desktop` like a user would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main
from desktop.db import open_database
from desktop.models.enums import NodeRole
from desktop.paths import HOME_ENV, Home


def run(*args: str, env_home: Path | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ)
    if env_home is not None:
        env[HOME_ENV] = str(env_home)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


def test_version_is_the_same_through_both_entry_points(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"yishi {__version__}"
    assert run("--version").stdout.strip() == f"yishi {__version__}"


def test_setup_district_then_refuse_a_second_setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "district"
    assert main(["--home", str(home), "setup", "district", "--name", "崇川区政协"]) == 0
    out = capsys.readouterr().out
    assert "崇川区政协" in out and str(home) in out
    db = open_database(Home(home))
    installation = db.installation()
    db.close()
    assert installation is not None and installation.role is NodeRole.DISTRICT
    for sub in ("attachments", "keys", "backups"):
        assert (home / sub).is_dir()
    assert (
        main(
            [
                "--home",
                str(home),
                "setup",
                "room",
                "--name",
                "x",
                "--village",
                "y",
                "--township",
                "z",
            ]
        )
        == 2
    )
    assert "不能重复初始化" in capsys.readouterr().err


def test_home_after_the_subcommand_and_from_the_environment(tmp_path: Path) -> None:
    after = tmp_path / "after"
    result = run(
        "setup",
        "room",
        "--home",
        str(after),
        "--name",
        "城东社区协商议事室",
        "--village",
        "城东社区",
        "--township",
        "城东街道",
    )
    assert result.returncode == 0, result.stderr
    assert (after / "yishi.sqlite").exists()
    from_env = tmp_path / "env"
    result = run("setup", "district", "--name", "启东市政协", env_home=from_env)
    assert result.returncode == 0, result.stderr
    assert (from_env / "yishi.sqlite").exists()


def test_blank_name_is_refused_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(tmp_path), "setup", "district", "--name", "  "]) == 2
    assert "区政协名称不能为空" in capsys.readouterr().err


def test_damaged_database_is_reported_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "yishi.sqlite").write_bytes(b"garbage" * 1000)
    result = run("--home", str(tmp_path), "check")
    assert result.returncode == 2
    assert "已损坏" in result.stderr and "Traceback" not in result.stderr


def test_json_output_is_utf8(tmp_path: Path) -> None:
    assert run("--home", str(tmp_path), "setup", "district", "--name", "崇川区政协").returncode == 0
    result = run("--home", str(tmp_path), "stats", "--year", "2025", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meetings"] == 0


def test_doc_writes_minutes_and_refuses_a_bad_request(tmp_path: Path) -> None:
    home = str(tmp_path / "room")
    setup = ["--home", home, "setup", "room", "--name", "城东社区协商议事室"]
    assert run(*setup, "--village", "城东社区", "--township", "城东街道").returncode == 0
    assert run("--home", home, "demo", "--years", "0").returncode == 0
    pdf, docx = tmp_path / "记录.pdf", tmp_path / "记录.docx"
    for target, layout in ((pdf, "jiyao"), (docx, "record")):
        result = run(
            "--home", home, "doc", "minutes", "latest", "-o", str(target), "--layout", layout
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"已生成：{target}"
    assert pdf.read_bytes().startswith(b"%PDF") and docx.read_bytes().startswith(b"PK")
    refused = run("--home", home, "doc", "ledger", "123", "-o", str(tmp_path / "l.pdf"))
    assert refused.returncode == 2 and "--year" in refused.stderr
    assert not (tmp_path / "l.pdf").exists()


def test_sync_by_the_command_line_enrol_export_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    district, room, usb = tmp_path / "district", tmp_path / "room", tmp_path / "usb"
    usb.mkdir()
    escrow = tmp_path / "offline" / "escrow.txt"
    assert main(["--home", str(district), "setup", "district", "--name", "崇川区政协"]) == 0
    assert "托管密钥" in capsys.readouterr().out
    assert (
        main(
            [
                "--home",
                str(district),
                "setup",
                "district",
                "--name",
                "再来一次",
                "--escrow",
                str(escrow),
            ]
        )
        == 2
    )
    capsys.readouterr()
    enrolment = tmp_path / "room.enrol"
    enroll = ["--home", str(district), "enroll", "--room-name", "和平桥社区协商议事室"]
    enroll += ["--village", "和平桥社区", "--township", "和平桥街道", "-o", str(enrolment)]
    assert main(enroll) == 0
    out = capsys.readouterr().out
    assert "R0001" in out and "指纹" in out and "电话" in out
    passphrase_match = re.search(r"登记口令：(\d{4}(?:-\d{4}){5})", out)
    assert passphrase_match is not None
    passphrase = passphrase_match.group(1)
    assert passphrase.encode() not in enrolment.read_bytes()

    # A room set up on its own, then enrolled: an unenrolled room is told to enrol first.
    setup = ["--home", str(room), "setup", "room", "--name", "和平桥社区协商议事室"]
    assert main([*setup, "--village", "和平桥社区", "--township", "和平桥街道"]) == 0
    capsys.readouterr()
    assert main(["--home", str(room), "export", "--to", str(usb)]) == 2
    assert "请先完成登记" in capsys.readouterr().err
    enrol_room = ["--home", str(room), "setup", "room", "--enrollment", str(enrolment)]
    # No terminal to ask on (pytest's stdin), and a wrong passphrase: refused, nothing written.
    before = Home(room).database.read_bytes()
    assert main(enrol_room) == 2
    assert "--passphrase" in capsys.readouterr().err
    assert main([*enrol_room, "--passphrase", "1111-2222-3333-4444-5555-6666"]) == 2
    assert "口令错误或文件已损坏" in capsys.readouterr().err
    assert Home(room).database.read_bytes() == before
    assert main([*enrol_room, "--passphrase", passphrase]) == 0
    assert "保留全部记录" in capsys.readouterr().out

    assert main(["--home", str(room), "export", "--to", str(usb)]) == 0
    bundle = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert bundle.is_file() and bundle.name.endswith(".yishi")
    assert "_R0001_" in bundle.name and bundle.name.endswith("_000001.yishi")
    assert main(["--home", str(district), "import", str(bundle), "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert reports[0]["status"] == "imported" and reports[0]["new_peer_fingerprint"]
    assert main(["--home", str(district), "import", str(bundle)]) == 0
    assert "此前已导入" in capsys.readouterr().out

    assert main(["--home", str(district), "export", "--to", str(usb), "--room", "R0001"]) == 0
    back = Path(capsys.readouterr().out.strip().splitlines()[-1])
    damaged = tmp_path / "damaged.yishi"
    damaged.write_bytes(back.read_bytes()[:-10])
    assert main(["--home", str(room), "import", str(back), str(damaged)]) == 2
    out, err = capsys.readouterr()
    assert "新增" in out and "已拒绝" in err and "不完整" in err


def test_an_import_summary_names_the_tables_in_chinese() -> None:
    from desktop.cli_sync import describe_import

    counts = {"added": 2, "updated": 1, "unchanged": 0, "quarantined": 0}
    line = describe_import(
        {"status": "imported", "file": "R0001.yishi", "tables": {"topic": counts}}
    )
    assert "新增 2，更新 1，未变 0" in line
    assert "\n    议题：新增 2，更新 1" in line
