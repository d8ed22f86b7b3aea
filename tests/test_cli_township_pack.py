"""`yishi export --township` writes a township's pack; `yishi import` takes it at a room."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db import Database
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.sync_pair import Pair, add_topic


def _home(db: Database) -> str:
    return str(db.home.root)


def test_export_a_township_pack_and_import_it_at_the_room(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    district, room = _home(pair.district), _home(pair.room)
    usb = tmp_path / "usb"
    usb.mkdir()
    # Before the room's first bundle there is nobody to send to: said, nothing written.
    assert main(["--home", district, "export", "--township", "和平桥街道", "--to", str(usb)]) == 2
    assert "没有可以下发的议事室" in capsys.readouterr().err
    assert list(usb.iterdir()) == []

    add_topic(pair.room, "路灯不亮")
    import_bundle(pair.district, export_bundle(pair.room, to_dir=tmp_path).path)
    args = ["--home", district, "export", "--township", "和平桥街道", "--to", str(usb), "--full"]
    assert main(args) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0] == "已导出和平桥街道的下发数据包（全部数据）：1 个议事室"
    assert out[1].startswith("  R0001 和平桥社区协商议事室：") and "序号 1" in out[1]
    pack = Path(out[-1])
    assert pack.parent == usb and pack.name.startswith("和平桥街道_下发_")
    assert pack.suffix == ".yishipack" and pack.is_file()

    assert main(["--home", room, "import", str(pack)]) == 0
    assert f"✓ {pack}：新增" in capsys.readouterr().out
    assert main(["--home", room, "import", str(pack)]) == 0
    assert "此前已导入" in capsys.readouterr().out
    # The district never imports a pack: told what it is.
    assert main(["--home", district, "import", str(pack)]) == 2
    assert "只能在议事室导入" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--township", "不存在街道"], "找不到镇（街道）：不存在街道（已有：和平桥街道）"),
        (["--township", " "], "请指定镇（街道）"),
        (["--room", "R0001", "--township", "和平桥街道"], "--township 不能与 --room 同时使用"),
        (["--township"], "--township 后面缺少取值"),
    ],
)
def test_a_bad_township_is_refused(
    pair: Pair,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    says: str,
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["--home", _home(pair.district), "export", "--to", str(usb), *extra]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert list(usb.iterdir()) == []


def test_a_room_cannot_export_a_township_pack(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--home", _home(pair.room), "export", "--township", "和平桥街道", "--to", str(tmp_path)]
    assert main(args) == 2
    assert "只有区政协" in capsys.readouterr().err


def test_a_pack_with_nothing_for_this_room_is_not_a_refusal(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import zipfile

    pack = tmp_path / "城东街道_下发_20261205.yishipack"
    index = {
        "format": "yishi-pack",
        "format_version": 1,
        "township": {"id": "11111111-1111-4111-8111-111111111111", "name": "城东街道"},
        "created_at": "2026-12-05T08:00:00+00:00",
        "entries": [],
    }
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("pack.json", json.dumps(index))
    assert main(["--home", _home(pair.room), "import", str(pack), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report[0]["status"] == "not_for_us"
    assert "此文件中没有发给本议事室的数据包" in report[0]["reason"]
    garbage = tmp_path / "坏的.yishipack"
    garbage.write_bytes(b"not a zip")
    assert main(["--home", _home(pair.room), "import", str(garbage)]) == 2
    assert "已拒绝，不是有效的街道数据包" in capsys.readouterr().err
