<#
.SYNOPSIS
  Builds the double-clickable Connection Doctor for Windows with PyInstaller and Inno Setup.

.DESCRIPTION
  Uses a build venv of its own (never the project's .venv): installs the project and PyInstaller,
  builds the Qt translations, runs packaging\pyinstaller\conndoctor.spec, zips the folder, makes
  the per-user installer with Inno Setup (when ISCC.exe is found) and runs the smoke test.
  Output: dist\ConnDoctor\ConnDoctor.exe (the wizard, no console window),
  dist\ConnDoctor\conndoctor-cli.exe (the command line, same folder),
  dist\ConnDoctor-<version>-windows-<arch>.zip and dist\ConnDoctor-<version>-windows-<arch>-setup.exe,
  each with a .sha256 file beside it. The architecture is the build Python's, not the OS's.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1
  powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Python "C:\Python312\python.exe" -SkipSmokeTest
#>
param(
    [string]$Python = "",
    [string]$BuildVenv = "",
    [switch]$SkipSmokeTest
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$Root = (Get-Location).Path
$Started = Get-Date
if (-not $BuildVenv) { $BuildVenv = Join-Path $Root "build\venv" }
$Py = Join-Path $BuildVenv "Scripts\python.exe"

function Invoke-Step {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed (exit $LASTEXITCODE)" }
}

function Write-Sha256 {
    param([string]$File)
    $Hash = (Get-FileHash -Algorithm SHA256 $File).Hash.ToLower()
    "$Hash  $(Split-Path -Leaf $File)" | Out-File -Encoding ascii "$File.sha256"
}

Write-Host "== build venv: $BuildVenv"
if (-not (Test-Path $Py)) {
    # Any Python 3.11 or newer: the one given, else the newest the py launcher knows, else python.
    if ($Python) { Invoke-Step $Python @("-m", "venv", $BuildVenv) }
    elseif (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Step "py" @("-3", "-m", "venv", $BuildVenv) }
    else { Invoke-Step "python" @("-m", "venv", $BuildVenv) }
}
$Pip = @("-m", "pip", "install", "-q", "--disable-pip-version-check")
Invoke-Step $Py ($Pip + @("pyinstaller>=6.6,<7", "pypdf>=4", $Root))
# Always the checkout as it is now (pip may keep an installed copy of the same version).
Invoke-Step $Py ($Pip + @("--no-deps", "--force-reinstall", $Root))
$Version = (& $Py -c "import importlib.metadata as m; print(m.version('conndoctor'))").Trim()
# The architecture of the Python that builds (an x64 Python on ARM Windows builds x64).
$Machine = (& $Py -c "import platform; print(platform.machine())").Trim().ToLower()
$Arch = @{ "amd64" = "x64"; "x86_64" = "x64"; "arm64" = "arm64"; "x86" = "x86" }[$Machine]
if (-not $Arch) { $Arch = $Machine }

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
if ($env:WINDOWS_CERTIFICATE_PFX_PATH) {
    Write-Host "== signing the programs (Authenticode)"
    foreach ($Exe in @("ConnDoctor.exe", "conndoctor-cli.exe")) {
        Invoke-Step "signtool" @("sign", "/fd", "SHA256", "/tr", "http://timestamp.digicert.com", "/td", "SHA256",
            "/f", $env:WINDOWS_CERTIFICATE_PFX_PATH, "/p", $env:WINDOWS_CERTIFICATE_PASSWORD,
            (Join-Path $Root "dist\ConnDoctor\$Exe"))
    }
}

Write-Host "== zip"
$Zip = Join-Path $Root "dist\ConnDoctor-$Version-windows-$Arch.zip"
Compress-Archive -Path (Join-Path $Root "dist\ConnDoctor") -DestinationPath $Zip -Force
Write-Sha256 $Zip

Write-Host "== installer (Inno Setup)"
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if ($Iscc) {
    Invoke-Step $Iscc @("/Q", "/DAppVersion=$Version", "/DAppArch=$Arch", (Join-Path $Root "packaging\windows\conndoctor.iss"))
    Write-Sha256 (Join-Path $Root "dist\ConnDoctor-$Version-windows-$Arch-setup.exe")
} else {
    Write-Host "   Inno Setup 6 not found: no installer (choco install innosetup, or jrsoftware.org)"
}

if (-not $SkipSmokeTest) {
    Write-Host "== smoke test"
    Invoke-Step $Py @((Join-Path $Root "packaging\smoke_test.py"), (Join-Path $Root "dist\ConnDoctor\conndoctor-cli.exe"),
        "--wizard", (Join-Path $Root "dist\ConnDoctor\ConnDoctor.exe"))
}
$Seconds = [int]((Get-Date) - $Started).TotalSeconds
Write-Host "== done in $Seconds s: dist\ConnDoctor\, $Zip (not signed unless WINDOWS_CERTIFICATE_PFX_PATH is set)"
