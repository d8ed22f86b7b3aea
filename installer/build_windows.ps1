# Builds the Windows installer, dist\Yishi-<version>-setup.exe, on a Windows machine:
#   1. a build venv (build\venv) with Yishi and the pinned PyInstaller,
#   2. the one-folder build, dist\Yishi\ (build_installer.spec: Yishi.exe and Yishi-cli.exe),
#   3. Inno Setup's compiler on installer\yishi.iss, with the version of the package.
#
# Needs Python 3.11+ (python.org, with the py launcher) and Inno Setup 6.5+ (for its
# Simplified Chinese pages). From the project folder, in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
#
# -Python picks another interpreter (e.g. C:\Python312\python.exe), -Iscc another compiler.
# Kept to ASCII: Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page.

[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = ""
)

$ErrorActionPreference = "Stop"

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Step([string]$What, [scriptblock]$Command) {
    Write-Host "== $What"
    & $Command
    # Windows PowerShell does not stop on a native program's exit code by itself.
    if ($LASTEXITCODE -ne 0) {
        throw "$What failed (exit code $LASTEXITCODE)"
    }
}

$Venv = Join-Path $Root "build\venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) {
        Invoke-Step "Creating $Venv" { & $Python -m venv $Venv }
    } else {
        Invoke-Step "Creating $Venv" { & py -3 -m venv $Venv }
    }
}

# ".[build]": the PyInstaller pinned in pyproject.toml, the one .ci/frozen_app builds with.
Invoke-Step "Installing Yishi and the pinned PyInstaller" {
    & $VenvPython -m pip install --quiet --upgrade pip
    if ($LASTEXITCODE -eq 0) {
        & $VenvPython -m pip install --quiet ".[build]"
    }
}

$Version = (& $VenvPython -c "import desktop; print(desktop.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) {
    throw "Could not read desktop.__version__"
}
# Explorer's file version takes four numbers: 0.1.0rc2 becomes 0.1.0.2.
$Numbers = @([regex]::Matches($Version, "\d+") | Select-Object -First 4 | ForEach-Object { $_.Value })
while ($Numbers.Count -lt 4) { $Numbers += "0" }
$FileVersion = $Numbers -join "."

Invoke-Step "Building dist\Yishi (PyInstaller)" {
    & $VenvPython -m PyInstaller --noconfirm --clean build_installer.spec
}

if (-not $Iscc) {
    $Found = Get-Command iscc.exe -ErrorAction SilentlyContinue
    if ($Found) {
        $Iscc = $Found.Source
    } else {
        $Candidates = @(
            (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
            (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
            (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
        )
        $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
    }
}
if (-not $Iscc -or -not (Test-Path $Iscc)) {
    throw "Inno Setup's ISCC.exe not found: install Inno Setup 6.5 or later, or pass -Iscc <path>"
}

Invoke-Step "Building the installer (Inno Setup, version $Version)" {
    & $Iscc "/DAppVersion=$Version" "/DFileVersion=$FileVersion" "installer\yishi.iss"
}

$Setup = Join-Path $Root "dist\Yishi-$Version-setup.exe"
if (-not (Test-Path $Setup)) {
    throw "Inno Setup finished but $Setup is missing"
}
Write-Host "Installer: $Setup"
