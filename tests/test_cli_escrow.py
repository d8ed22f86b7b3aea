"""`yishi import --escrow-key`: bundles still import when this installation's key is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyrage
import pytest

from desktop.cli import main
from desktop.sync.export import export_bundle
from tests.sync_pair import Pair, add_topic


def test_import_with_the_escrow_key_and_a_wrong_one_refused(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    escrow = tmp_path / "homes" / "escrow.txt"  # where open_pair had setup write it
    add_topic(pair.room, "路灯不亮")
    bundle = export_bundle(pair.room, to_dir=tmp_path).path
    home = str(pair.district.home.root)
    shutil.rmtree(pair.district.home.keys)
    assert main(["--home", home, "import", str(bundle)]) == 2
    assert "没有同步密钥" in capsys.readouterr().err

    wrong = tmp_path / "other-escrow.txt"
    wrong.write_text(str(pyrage.x25519.Identity.generate()) + "\n")
    assert main(["--home", home, "import", "--escrow-key", str(wrong), str(bundle)]) == 2
    assert capsys.readouterr().err.startswith("错误：这不是本区的托管密钥")

    assert main(["--home", home, "import", "--escrow-key", str(escrow), str(bundle)]) == 0
    assert "新增" in capsys.readouterr().out
