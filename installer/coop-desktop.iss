; Inno Setup script for Coop Desktop: installs the one-folder build (dist\coop-desktop\) made by
; build.spec. Compile it on Windows with Inno Setup 6.3 or newer, from the repository root:
;
;     py scripts\build.py
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" installer\coop-desktop.iss
;
; which writes dist\installer\coop-desktop-<version>-setup.exe. See installer\README.md.
;
; - Per-user (no administrator needed, the default) or per-machine: the first page asks.
; - Start-menu shortcut, and a desktop shortcut when the box is ticked.
; - Setup in Chinese or English (chosen from Windows' language, or asked).
; - Uninstalling removes the program folder only. The user's records (database, backups, logs
;   and reports) live in the data folder, %LOCALAPPDATA%\coop-desktop, which neither setup nor
;   uninstall ever touches: a reinstall or an upgrade finds them where they were.

#define AppName "Coop Desktop"
#define AppNameZh "合作社桌面"
#define AppExe "coop-desktop.exe"
#define SourceDir AddBackslash(SourcePath) + "..\dist\coop-desktop"
#if !FileExists(SourceDir + "\" + AppExe)
  #error dist\coop-desktop\coop-desktop.exe is missing: run "py scripts\build.py" first
#endif
#ifndef AppVersion
  ; The version resource build.spec gives the executable (coop_desktop.__version__), or
  ; ISCC /DAppVersion=1.2.3 to say it.
  #define AppVersion GetVersionNumbersString(SourceDir + "\" + AppExe)
#endif

[Setup]
; The AppId names this program to Windows: never change it, or upgrades install beside.
AppId={{76BE882D-7632-4C7B-A854-42FD5C59AF3D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Coop Desktop engineers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default; the dialog lets an administrator install for every user of the PC.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\resources\icons\coop-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\dist\installer
OutputBaseFilename=coop-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Setup closes a running Coop Desktop before replacing its files, and starts it again after.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Recent Inno Setup releases ship the Chinese (Simplified) messages; with one that does not,
; put ChineseSimplified.isl from Inno Setup's translations page beside this script.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#endif

[CustomMessages]
english.AppTitle={#AppName}
chinesesimplified.AppTitle={#AppNameZh}
english.AppComment=Records, labels, trace and recall for farmers' cooperatives
chinesesimplified.AppComment=合作社生产记录、标签、追溯与召回
english.CommandLine={#AppName} command line (for IT staff)
chinesesimplified.CommandLine={#AppNameZh} 命令行（供技术人员使用）

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build: both executables and _internal\ (Python, Qt, ui, resources, db,
; devices). Nothing is written into {app} at run time, so uninstall leaves nothing behind.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries whole: no stale module from an older build stays.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autoprograms}\{cm:CommandLine}"; Filename: "{cmd}"; \
    Parameters: "/k coop-desktop-cli.exe --help"; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; \
    Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; \
    Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program's own folder; the data folder (%LOCALAPPDATA%\coop-desktop) is kept.
Type: dirifempty; Name: "{app}"
