"""The Windows installer script (installer/yishi.iss) stays in step with the code.

Inno Setup runs only on Windows; these checks read the script as text on any machine: the
executables the spec builds, the bundle suffixes the importer reads, a per-user install, the
Chinese pages, an uninstall that never touches the user's records, one PyInstaller version.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from desktop import APP_NAME, APP_NAME_ZH, ORG_NAME
from desktop.sync.bundle import SUFFIX
from desktop.sync.pack_format import PACK_SUFFIX

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "yishi.iss"
BUILD_SCRIPT = INSTALLER / "build_windows.ps1"
SPEC = ROOT / "build_installer.spec"

# `Name: "x"; Flags: a b` → {"Name": "x", "Flags": "a b"}; "" inside quotes is one quote.
_PARAMETER = re.compile(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)')


def _lines() -> list[str]:
    """The script's lines without comments and blank lines."""
    text = ISS.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != ";"]


def _sections() -> dict[str, list[str]]:
    """Each [Section]'s entries, preprocessor lines left out."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in _lines():
        if header := re.fullmatch(r"\[(\w+)\]", line):
            current = sections.setdefault(header[1], [])
        elif not line.startswith("#"):
            current.append(line)
    return sections


def _defines() -> dict[str, str]:
    return {
        match[1]: match[2]
        for line in _lines()
        if (match := re.fullmatch(r'#define (\w+) "([^"]*)"', line))
    }


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _sections()["Setup"])


def _entries(section: str) -> list[dict[str, str]]:
    entries = []
    for line in _sections().get(section, []):
        entry = {}
        for key, value in _PARAMETER.findall(line):
            value = value.strip()
            if value.startswith('"'):
                value = value[1:-1].replace('""', '"')
            entry[key] = value
        entries.append(entry)
    return entries


def _expand(value: str) -> str:
    """`{#Name}` replaced by the script's #define, as the preprocessor does."""
    defines = _defines()
    return re.sub(r"\{#(\w+)\}", lambda match: defines[match[1]], value)


def test_names_and_executables_are_the_packages_and_the_specs() -> None:
    defines = _defines()
    assert defines["AppName"] == APP_NAME
    assert defines["AppNameZh"] == APP_NAME_ZH
    assert defines["Publisher"] == ORG_NAME
    assert defines["AppExe"] == f"{APP_NAME}.exe"
    assert defines["CliExe"] == f"{APP_NAME}-cli.exe"
    spec = SPEC.read_text(encoding="utf-8")
    # The Windows launchers and the folder they land in (dist\<APP_NAME>).
    assert "_executable(APP_NAME, console=False)" in spec
    assert '_executable(f"{APP_NAME}-cli", console=True)' in spec
    assert re.search(r"COLLECT\([^)]*\bname=APP_NAME,", spec, flags=re.S)
    assert '"..\\dist\\" + AppName' in ISS.read_text(encoding="utf-8")
    setup = _setup()
    # Windows finds the installed Yishi to upgrade or uninstall by it: written out, never made.
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["AppPublisher"] == "{#Publisher}"
    assert setup["UninstallDisplayIcon"] == "{app}\\{#AppExe}"
    assert (INSTALLER / setup["SetupIconFile"].replace("\\", "/")).is_file()


def test_version_is_passed_in_and_required() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^#ifndef AppVersion\n\s*#error ", text, flags=re.M)
    setup = _setup()
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["OutputBaseFilename"] == "{#AppName}-{#AppVersion}-setup"
    script = BUILD_SCRIPT.read_text(encoding="ascii")
    assert "/DAppVersion=$Version" in script
    assert "import desktop; print(desktop.__version__)" in script
    assert "dist\\Yishi-$Version-setup.exe" in script


def test_installs_per_user_without_administrator_rights_by_default() -> None:
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog commandline"
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"
    # HKA follows the install mode (HKCU per user); HKLM or HKCR would need an administrator.
    assert {entry["Root"] for entry in _entries("Registry")} == {"HKA"}


def test_shortcuts_start_menu_and_optional_desktop_icon() -> None:
    icons = {_expand(entry["Name"]): entry for entry in _entries("Icons")}
    start_menu = icons[f"{{group}}\\{APP_NAME_ZH}"]
    assert _expand(start_menu["Filename"]) == f"{{app}}\\{APP_NAME}.exe"
    desktop_icon = icons[f"{{autodesktop}}\\{APP_NAME_ZH}"]
    assert desktop_icon["Tasks"] == "desktopicon"
    (task,) = [entry for entry in _entries("Tasks") if entry["Name"] == "desktopicon"]
    assert "unchecked" not in task.get("Flags", "")


def test_associates_exactly_the_bundle_and_pack_suffixes_with_the_app() -> None:
    registry = _entries("Registry")
    assert _setup()["ChangesAssociations"] == "yes"
    extensions = {
        match[1]
        for entry in registry
        if (match := re.fullmatch(r"Software\\Classes\\(\.\w+)", entry["Subkey"]))
    }
    assert extensions == {SUFFIX, PACK_SUFFIX}
    for extension in extensions:
        (default,) = [
            entry
            for entry in registry
            if entry["Subkey"] == f"Software\\Classes\\{extension}" and entry["ValueName"] == ""
        ]
        program = default["ValueData"]
        commands = [
            entry
            for entry in registry
            if entry["Subkey"] == f"Software\\Classes\\{program}\\shell\\open\\command"
        ]
        assert [_expand(entry["ValueData"]) for entry in commands] == [
            f'"{{app}}\\{APP_NAME}.exe" "%1"'
        ]
        icon = f"Software\\Classes\\{program}\\DefaultIcon"
        assert [_expand(e["ValueData"]) for e in registry if e["Subkey"] == icon] == [
            f"{{app}}\\{APP_NAME}.exe,0"
        ]


def test_pages_are_in_simplified_chinese() -> None:
    (language,) = _entries("Languages")
    assert language["MessagesFile"] == "compiler:Languages\\ChineseSimplified.isl"
    # A compiler without that file (Inno Setup before 6.5) stops instead of building English.
    text = ISS.read_text(encoding="utf-8")
    guard = re.search(r'#define ChineseMessages AddBackslash\(CompilerPath\) \+ "([^"]+)"', text)
    assert guard and guard[1] == "Languages\\ChineseSimplified.isl"
    assert re.search(r"#if !FileExists\(ChineseMessages\)\n\s*#error ", text)
    assert _setup()["ShowLanguageDialog"] == "no"


def test_install_and_uninstall_never_delete_the_user_data() -> None:
    sections = _sections()
    # Only the program folder is ever deleted from; [Code] could delete anything, so none.
    assert "Code" not in sections
    assert "UninstallDelete" not in sections
    for entry in _entries("InstallDelete"):
        assert entry["Name"].startswith("{app}\\"), entry
    # The records live in platformdirs' user data folder (%LOCALAPPDATA%\<ORG>\<APP>).
    for line in _lines():
        lowered = line.lower()
        for folder in ("{localappdata}", "{userappdata}", "{commonappdata}", "{%localappdata"):
            assert folder not in lowered, line


def test_build_script_builds_with_the_pyinstaller_ci_uses() -> None:
    """One pin, in pyproject's `build` extra: the Windows build and .ci/frozen_app install it."""
    script = BUILD_SCRIPT.read_text(encoding="ascii")
    assert 'pip install --quiet ".[build]"' in script
    assert "pyinstaller==" not in script.lower()
    assert '".[build]"' in (ROOT / ".ci" / "frozen_app").read_text("utf-8")
    with (ROOT / "pyproject.toml").open("rb") as handle:
        build = tomllib.load(handle)["project"]["optional-dependencies"]["build"]
    assert (
        [pin for pin in build if pin.lower().startswith("pyinstaller")]
        == [pin for pin in build if re.fullmatch(r"pyinstaller==\d+(\.\d+)+", pin)]
        != []
    )
