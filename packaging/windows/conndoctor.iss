; Inno Setup script of Connection Doctor (接続ドクター) for Windows: a per-user install that
; needs no administrator, a Start-menu entry, a clean uninstaller (Settings > Apps), and the
; `conndoctor` command for help desks. Built by packaging\build.ps1 after PyInstaller:
;   ISCC.exe /DAppVersion=<pyproject version> /DAppArch=x64 packaging\windows\conndoctor.iss
; Output: dist\ConnDoctor-<version>-windows-<arch>-setup.exe
#ifndef AppVersion
  ; The same as [project] version in pyproject.toml (tests/test_release.py checks it).
  #define AppVersion "0.1.0"
#endif
#ifndef AppArch
  #define AppArch "x64"
#endif

[Setup]
AppId={{6E1B0F0C-2D0B-4C73-9C43-6B1C2A4E7C11}
AppName=Connection Doctor
AppVerName=Connection Doctor {#AppVersion}
AppVersion={#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=Connection Doctor project
AppCopyright=MIT License
; Per user, never asks for administrator rights: {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={autopf}\ConnDoctor
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayName=Connection Doctor (接続ドクター)
UninstallDisplayIcon={app}\ConnDoctor.exe
SetupIconFile=..\..\build\icons\ConnDoctor.ico
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesEnvironment=yes
OutputDir=..\..\dist
OutputBaseFilename=ConnDoctor-{#AppVersion}-windows-{#AppArch}-setup
#if AppArch == "arm64"
ArchitecturesAllowed=arm64
ArchitecturesInstallIn64BitMode=arm64
#else
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
#endif

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.AddToPath=コマンド「conndoctor」を使えるようにする (サポート窓口向け)
english.AddToPath=Make the "conndoctor" command available (for help desks)
japanese.AppComment=「安全な接続を確立できませんでした」の原因を調べます
english.AppComment=Find out why a secure connection fails

[Tasks]
Name: "addtopath"; Description: "{cm:AddToPath}"; Flags: unchecked

[Files]
; The PyInstaller folder: ConnDoctor.exe (the wizard, windowed: no console window) and
; conndoctor-cli.exe (the console program, same files).
Source: "..\..\dist\ConnDoctor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; `conndoctor` on the command line: Windows names ignore case, so a conndoctor.exe cannot sit
; beside ConnDoctor.exe; this one-line launcher in its own folder starts the console program.
Source: "conndoctor.cmd"; DestDir: "{app}\bin"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\Connection Doctor"; Filename: "{app}\ConnDoctor.exe"; Comment: "{cm:AppComment}"

[Run]
Filename: "{app}\ConnDoctor.exe"; Description: "{cm:LaunchProgram,Connection Doctor}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; What the app itself writes inside its folder (Python's caches); the person's settings and
; reports live elsewhere and stay.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
const
  EnvironmentKey = 'Environment';

function PathHas(Path, Folder: string): Boolean;
begin
  Result := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Path) + ';') > 0;
end;

procedure AddToUserPath(Folder: string);
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, EnvironmentKey, 'Path', Path) then
    Path := '';
  if PathHas(Path, Folder) then
    exit;
  if (Path <> '') and (Copy(Path, Length(Path), 1) <> ';') then
    Path := Path + ';';
  RegWriteExpandStringValue(HKCU, EnvironmentKey, 'Path', Path + Folder);
end;

procedure RemoveFromUserPath(Folder: string);
var
  Path: string;
  Start: Integer;
begin
  if not RegQueryStringValue(HKCU, EnvironmentKey, 'Path', Path) then
    exit;
  Path := ';' + Path + ';';
  Start := Pos(';' + Uppercase(Folder) + ';', Uppercase(Path));
  if Start = 0 then
    exit;
  Delete(Path, Start, Length(Folder) + 1);
  Path := Copy(Path, 2, Length(Path) - 2);
  RegWriteExpandStringValue(HKCU, EnvironmentKey, 'Path', Path);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToUserPath(ExpandConstant('{app}\bin'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromUserPath(ExpandConstant('{app}\bin'));
end;
