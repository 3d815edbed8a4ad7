<#
.SYNOPSIS
  Builds the double-clickable Connection Doctor for Windows with PyInstaller.

.DESCRIPTION
  Uses a build venv of its own (never the project's .venv): installs the project and PyInstaller,
  builds the Qt translations, runs packaging\pyinstaller\conndoctor.spec and zips the folder.
  Output: dist\ConnDoctor\ConnDoctor.exe (the wizard, no console window),
  dist\ConnDoctor\conndoctor-cli.exe (the command line, same folder) and
  dist\ConnDoctor-<version>-windows-<arch>.zip.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Python "C:\Python311\python.exe"
#>
param(
    [string]$Python = "",
    [string]$BuildVenv = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$Root = (Get-Location).Path
if (-not $BuildVenv) { $BuildVenv = Join-Path $Root "build\venv" }
$Py = Join-Path $BuildVenv "Scripts\python.exe"

function Invoke-Step {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed (exit $LASTEXITCODE)" }
}

Write-Host "== build venv: $BuildVenv"
if (-not (Test-Path $Py)) {
    if ($Python) { Invoke-Step $Python @("-m", "venv", $BuildVenv) }
    else { Invoke-Step "py" @("-3.11", "-m", "venv", $BuildVenv) }
}
$Pip = @("-m", "pip", "install", "-q", "--disable-pip-version-check")
Invoke-Step $Py ($Pip + @("pyinstaller>=6.6,<7", $Root))
# Always the checkout as it is now (pip may keep an installed copy of the same version).
Invoke-Step $Py ($Pip + @("--no-deps", "--force-reinstall", $Root))

Write-Host "== Qt translations (.qm) into the installed package"
# pyside6-lrelease.exe lives in the venv's Scripts folder.
$env:PATH = (Join-Path $BuildVenv "Scripts") + [IO.Path]::PathSeparator + $env:PATH
Invoke-Step $Py @("-m", "conndoctor.ui.translations", "build")

Write-Host "== PyInstaller"
Remove-Item -Recurse -Force (Join-Path $Root "dist\ConnDoctor") -ErrorAction SilentlyContinue
Invoke-Step $Py @(
    "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--workpath", (Join-Path $Root "build\pyinstaller"), "--distpath", (Join-Path $Root "dist"),
    (Join-Path $Root "packaging\pyinstaller\conndoctor.spec")
)

Write-Host "== zip"
$Version = (& $Py -c "import importlib.metadata as m; print(m.version('conndoctor'))").Trim()
$Arch = if ([Environment]::Is64BitOperatingSystem) { "x64" } else { "x86" }
$Zip = Join-Path $Root "dist\ConnDoctor-$Version-windows-$Arch.zip"
Compress-Archive -Path (Join-Path $Root "dist\ConnDoctor") -DestinationPath $Zip -Force
Write-Host "== done: dist\ConnDoctor\ConnDoctor.exe, dist\ConnDoctor\conndoctor-cli.exe, $Zip (not signed; see packaging\README.md)"
