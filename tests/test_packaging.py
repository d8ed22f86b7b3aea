"""What `pip install .` ships: every package, and the resources inside the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import desktop
from desktop.paths import resources_dir

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(desktop.__file__).parent


def _pyproject() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_every_package_under_desktop_is_listed_for_the_wheel() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in PACKAGE_DIR.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found | {"desktop.resources"} == set(setuptools["packages"])
    assert setuptools["package-dir"] == {"desktop.resources": "resources"}


def test_resources_are_found_through_the_package_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = resources_dir()
    assert folder.is_absolute()
    for name in ("fonts/uming.ttc", "icons/yishi.svg", "translations/yishi_zh_CN.qm"):
        assert (folder / name).is_file(), name


def test_shipped_data_files_cover_what_the_code_reads() -> None:
    data = _pyproject()["tool"]["setuptools"]["package-data"]["desktop.resources"]  # type: ignore[index]
    shipped = {
        p.relative_to(REPO / "resources").as_posix() for p in (REPO / "resources").rglob("*")
    }
    for needed in (
        "fonts/uming.ttc",
        "fonts/LICENSE-uming.txt",
        "fonts/ukai.ttc",
        "fonts/LICENSE-ukai.txt",
        "icons/yishi.ico",
    ):
        assert needed in shipped
        assert any(Path(needed).match(pattern) for pattern in data), needed
