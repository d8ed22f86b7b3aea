"""The command line one level up (issue 20): `setup city`, `enroll --district-name`,
`join-city`, `export --city`, `export --district`, and the city's `stats`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop import clock
from desktop.cli import main
from desktop.sync import enrolment as enrolment_module
from tests.sync_pair import FastPassphrase


@pytest.fixture(autouse=True)
def _fast_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enrolment_module, "age_passphrase", FastPassphrase)


def _run(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> str:
    assert main(list(args)) == code, capsys.readouterr()
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def _stats(capsys: pytest.CaptureFixture[str], home: Path) -> dict[str, object]:
    # The demo's last full year, whatever day the suite runs on.
    year = clock.today().year - 1
    out = _run(capsys, "--home", str(home), "stats", "--year", str(year), "--json")
    figures: dict[str, object] = json.loads(out)
    return figures


def test_two_districts_forward_to_a_city_whose_statistics_are_their_sum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    city = tmp_path / "南通 市政协"
    usb = tmp_path / "U盘"
    usb.mkdir()
    out = _run(capsys, "--home", str(city), "setup", "city", "--name", "南通市政协")
    assert "已创建市政协安装：南通市政协" in out and "托管密钥" in out

    districts = {"崇川区政协": tmp_path / "崇川", "启东市政协": tmp_path / "启东"}
    for name, home in districts.items():
        _run(capsys, "--home", str(home), "setup", "district", "--name", name)
        # The same (default) seed in both: their records must still be distinct for the city.
        _run(capsys, "--home", str(home), "demo", "--rooms", "2")
        file = usb / f"{name}.enrol"
        out = _run(capsys, "--home", str(city), "enroll", "--district-name", name, "-o", str(file))
        assert f"已登记区政协：{name}" in out
        passphrase = re.search(r"登记口令：(\S+)", out)
        assert passphrase is not None
        # A wrong passphrase: said, nothing joined.
        err = _run(
            capsys,
            "--home",
            str(home),
            "join-city",
            str(file),
            "--passphrase",
            "1111-1111-1111-1111-1111-1111",
            code=2,
        )
        assert "口令错误" in err
        out = _run(
            capsys, "--home", str(home), "join-city", str(file), "--passphrase", passphrase[1]
        )
        assert "已登记到南通市政协" in out
        out = _run(capsys, "--home", str(home), "export", "--city", "--to", str(usb))
        bundle = out.strip().splitlines()[-1]
        assert Path(bundle).name.startswith(name)
        assert "✓" in _run(capsys, "--home", str(city), "import", bundle)

    figures = _stats(capsys, city)
    parts = [_stats(capsys, home) for home in districts.values()]
    assert figures["scope"] == "city"
    for key in ("meetings", "member_attendances", "topics", "outcomes", "activities"):
        assert figures[key] == sum(p[key] for p in parts), key  # type: ignore[misc]
    assert figures["meetings"]
    # Two districts' records side by side hold every rule; a city makes and scores nothing.
    assert "检查通过" in _run(capsys, "--home", str(city), "check")
    assert "转报" in _run(capsys, "--home", str(city), "demo", code=2)
    assert "市政协不计算委员得分" in _run(
        capsys, "--home", str(city), "scores", "--year", "2025", code=2
    )

    # The city answers one district at a time; the district imports the acknowledgement.
    err = _run(capsys, "--home", str(city), "export", "--to", str(usb), code=2)
    assert "--district" in err
    out = _run(capsys, "--home", str(city), "export", "--district", "崇川区政协", "--to", str(usb))
    answer = out.strip().splitlines()[-1]
    assert "0 条记录" in out
    assert "✓" in _run(capsys, "--home", str(districts["崇川区政协"]), "import", answer)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["enroll", "-o", "x.enrol"], "--district-name（市政协登记区政协）"),
        (
            ["enroll", "--district-name", "崇川区政协", "--room-name", "甲", "-o", "x.enrol"],
            "不能与议事室的选项同时使用",
        ),
        (["join-city", "missing.enrol", "--passphrase", "1"], "无法读取登记文件"),
        (["export", "--city", "--room", "R0001"], "--room"),
    ],
)
def test_bad_upward_commands_are_refused_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    home = tmp_path / "d"
    _run(capsys, "--home", str(home), "setup", "district", "--name", "崇川区政协")
    err = _run(capsys, "--home", str(home), *args, code=2)
    assert says in err and "Traceback" not in err


def test_a_district_cannot_enrol_a_district_nor_a_city_join_a_city(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    district, city = tmp_path / "d", tmp_path / "c"
    _run(capsys, "--home", str(district), "setup", "district", "--name", "崇川区政协")
    _run(capsys, "--home", str(city), "setup", "city", "--name", "南通市政协")
    file = tmp_path / "x.enrol"
    err = _run(
        capsys,
        "--home",
        str(district),
        "enroll",
        "--district-name",
        "海门区政协",
        "-o",
        str(file),
        code=2,
    )
    assert "只有市政协安装才能登记区政协" in err and not file.exists()
    out = _run(
        capsys, "--home", str(city), "enroll", "--district-name", "海门区政协", "-o", str(file)
    )
    passphrase = re.search(r"登记口令：(\S+)", out)
    assert passphrase is not None
    err = _run(
        capsys,
        "--home",
        str(city),
        "join-city",
        str(file),
        "--passphrase",
        passphrase[1],
        code=2,
    )
    assert "只有区政协安装才能登记到市政协" in err
    err = _run(
        capsys,
        "--home",
        str(city),
        "enroll",
        "--room-name",
        "甲",
        "--village",
        "甲村",
        "--township",
        "乙镇",
        "-o",
        str(tmp_path / "r.enrol"),
        code=2,
    )
    assert "只有区政协安装才能登记议事室" in err
