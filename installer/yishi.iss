; Inno Setup script for Yishi (议事) on Windows: wraps PyInstaller's one-folder build
; (dist\Yishi\ from build_installer.spec: windowed Yishi.exe, console Yishi-cli.exe) into
; dist\Yishi-<version>-setup.exe. installer\build_windows.ps1 runs every step; by hand, after
; `pyinstaller build_installer.spec` on Windows:
;
;   iscc /DAppVersion=0.1.0 installer\yishi.iss
;
; It lives in installer\ with its build script, not beside the spec: the spec must stay at the
; root (PyInstaller takes the project folder from SPECPATH), and the .iss reaches ..\dist and
; ..\resources from here. tests/test_installer_script.py keeps it in step with the code.
;
; The installed program and the user's data never share a folder: the program goes into {app}
; (per user: %LOCALAPPDATA%\Programs\Yishi), the records into the user data folder that
; desktop/paths.py asks platformdirs for (%LOCALAPPDATA%\Yishi\Yishi: database, attachments,
; keys, backups). Nothing here deletes in the data folder, on install or on uninstall: an
; upgrade keeps the records (the new version migrates them on its first start, after a
; backup), and an uninstall leaves them for a later install.

#ifndef AppVersion
  #error AppVersion is not set: pass the package's version, e.g. iscc /DAppVersion=0.1.0 installer\yishi.iss (installer\build_windows.ps1 reads it from desktop.__version__)
#endif

; desktop.APP_NAME (the folder and the executables of build_installer.spec) and ORG_NAME.
#define AppName "Yishi"
#define AppNameZh "议事"
#define Publisher "Yishi"
#define AppExe "Yishi.exe"
#define CliExe "Yishi-cli.exe"
#define BuildDir AddBackslash(SourcePath) + "..\dist\" + AppName

; Inno Setup ships Simplified Chinese messages from 6.5.0 on (Languages\ChineseSimplified.isl,
; maintained upstream); an older compiler stops here instead of building English pages.
#define ChineseMessages AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
#if !FileExists(ChineseMessages)
  #error Inno Setup 6.5 or later is needed: its Languages\ChineseSimplified.isl gives the installer Chinese pages
#endif
#if !FileExists(BuildDir + "\" + AppExe) || !FileExists(BuildDir + "\" + CliExe)
  #error dist\Yishi\ has no Yishi.exe and Yishi-cli.exe: run `pyinstaller build_installer.spec` on Windows first
#endif

[Setup]
; Fixed for good: Windows knows an installed Yishi (upgrade, uninstall) by this id.
AppId={{BCBBD1F4-9E50-42E9-BC89-95066B089D8A}
AppName={#AppNameZh}
AppVersion={#AppVersion}
AppPublisher={#Publisher}
UninstallDisplayName={#AppNameZh}（{#AppName}）
UninstallDisplayIcon={app}\{#AppExe}
#ifdef FileVersion
VersionInfoVersion={#FileVersion}
#endif
VersionInfoProductName={#AppName} {#AppNameZh}
VersionInfoDescription={#AppNameZh} 安装程序
; Per user, no administrator rights: a village PC's secretary seldom has them. Whoever does
; may still choose an install for all users (the dialog, or /ALLUSERS on the command line).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
; Per user {autopf} is %LOCALAPPDATA%\Programs; for all users, Program Files.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
; PySide6 6.x runs on 64-bit Windows 10 and later only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
ShowLanguageDialog=no
WizardStyle=modern
SetupIconFile=..\resources\icons\yishi.ico
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Messages]
; The standard closing line, plus where the records stayed (they are not the program's files).
UninstalledAll=已从您的计算机中移除 %1。%n%n您的议事数据（数据库、附件、备份和密钥）没有删除，仍在 %%LOCALAPPDATA%%\Yishi\Yishi；重新安装议事后即可继续使用。

[CustomMessages]
BundleFileType=议事数据包
PackFileType=议事街道数据包
AssociateGroup=文件关联：
AssociateBundles=双击 .yishi 和 .yishipack 数据包时用议事打开导入(&F)
CommandLine=议事命令行

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "associate"; Description: "{cm:AssociateBundles}"; GroupDescription: "{cm:AssociateGroup}"

[InstallDelete]
; An upgrade replaces the whole bundle: a file the older version shipped and the newer one no
; longer does (a migration renamed, a Qt plugin dropped) must not linger beside the new ones.
; Only inside {app}; the records are elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"
; Yishi-cli.exe is not put on PATH (undoing a PATH edit on uninstall needs code of its own):
; this shortcut opens a console in {app}, where `Yishi-cli stats --year 2025` and the other
; commands run as they are; elsewhere, call it by its full path.
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k {#CliExe} --help"; WorkingDir: "{app}"; IconFilename: "{app}\{#CliExe}"
Name: "{group}\{cm:UninstallProgram,{#AppNameZh}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Bundles (desktop.sync.bundle.SUFFIX) and township packs (desktop.sync.pack_format.PACK_SUFFIX)
; open in Yishi, which offers to import them. HKA is HKCU\Software\Classes for a per-user
; install (no administrator rights needed) and HKLM for an install for all users.
Root: HKA; Subkey: "Software\Classes\.yishi"; ValueType: string; ValueName: ""; ValueData: "Yishi.Bundle"; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.yishi\OpenWithProgids"; ValueType: string; ValueName: "Yishi.Bundle"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Yishi.Bundle"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Yishi.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Yishi.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.yishipack"; ValueType: string; ValueName: ""; ValueData: "Yishi.Pack"; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.yishipack\OpenWithProgids"; ValueType: string; ValueName: "Yishi.Pack"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Yishi.Pack"; ValueType: string; ValueName: ""; ValueData: "{cm:PackFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Yishi.Pack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Yishi.Pack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".yishi"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".yishipack"; ValueData: ""; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Code]: the uninstaller removes what it installed into {app}
; and the registry entries above, never the user data folder.
