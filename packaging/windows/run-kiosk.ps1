<#
.SYNOPSIS
    Runs the memorial kiosk and keeps it running (Windows).

.DESCRIPTION
    Started at sign-in of the kiosk account, by Task Scheduler or by Shell Launcher (see
    INSTALL.md). It starts kiosk.exe and starts it again when it ends, however it ends, except
    after the admin's "Exit kiosk" (exit code 64). It also restarts the kiosk when its window has
    not responded for HangSeconds: on Linux systemd's watchdog does that, here this script does.

    Each start it also turns off, for this account, what Windows may put over the exhibit: the
    screen saver and toast notifications (settings a normal account may change itself; install.ps1
    sets the machine-wide ones).

    Its own log: %LOCALAPPDATA%\memorial-kiosk\logs\supervisor.log (the kiosk's log is beside it).

.PARAMETER SeedBundle
    The content bundle to write into the kiosk's settings (%LOCALAPPDATA%\memorial-kiosk\kiosk.toml,
    "bundle = ...") when the account has no settings file yet. An existing file is never changed.

.PARAMETER AdminExitCode
    What this script exits with after the admin's "Exit kiosk": 64 for Shell Launcher (its
    configuration maps 64 to "do nothing"), 0 for Task Scheduler (so it does not count as a failure
    to restart).
#>
param(
    [string]$Program = (Join-Path $PSScriptRoot 'kiosk.exe'),
    [string[]]$KioskArguments = @(),
    [int]$HangSeconds = 30,
    [string]$SeedBundle = '',
    [int]$AdminExitCode = 64
)

$ErrorActionPreference = 'Stop'
$KioskAdminExit = 64   # the kiosk's own exit code for "Exit kiosk" (kiosk.ui.backend.admin.ADMIN_EXIT_CODE)

$logDir = Join-Path $env:LOCALAPPDATA 'memorial-kiosk\logs'
New-Item -ItemType Directory -Force -Path $logDir | Out-Null
$logFile = Join-Path $logDir 'supervisor.log'

function Write-Log([string]$Message) {
    $line = '{0:yyyy-MM-dd HH:mm:ss} {1}' -f (Get-Date), $Message
    try {
        if ((Test-Path $logFile) -and (Get-Item $logFile).Length -gt 1MB) {
            Move-Item -Force $logFile "$logFile.1"
        }
        Add-Content -Path $logFile -Value $line -Encoding UTF8
    } catch {
        # A full disk must not stop the kiosk.
    }
}

function Set-QuietDesktop {
    try {
        Set-ItemProperty -Path 'HKCU:\Control Panel\Desktop' -Name ScreenSaveActive -Value '0'
        $push = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\PushNotifications'
        New-Item -Path $push -Force | Out-Null
        Set-ItemProperty -Path $push -Name ToastEnabled -Value 0 -Type DWord
    } catch {
        Write-Log "could not turn off the screen saver or notifications: $_"
    }
}

function Set-FirstSettings {
    $settings = Join-Path $env:LOCALAPPDATA 'memorial-kiosk\kiosk.toml'
    if ($SeedBundle -and -not (Test-Path $settings)) {
        try {
            New-Item -ItemType Directory -Force -Path (Split-Path $settings) | Out-Null
            # A TOML literal string ('...') keeps the backslashes of a Windows path as they are.
            $text = "# The kiosk's settings (see INSTALL.md). Written at the first start; yours to edit.`r`n" +
                    "# The bundle the kiosk shows; publish a new one here with kiosk-content publish.`r`n" +
                    "bundle = '$SeedBundle'`r`n"
            [IO.File]::WriteAllText($settings, $text)   # UTF-8 without a byte-order mark
            Write-Log "settings written to $settings (bundle = $SeedBundle)"
        } catch {
            Write-Log "could not write $settings : $_"
        }
    }
}

if (-not (Test-Path $Program)) {
    Write-Log "no kiosk program at $Program"
    exit 1
}
Set-QuietDesktop
Set-FirstSettings
Write-Log "supervisor started for $Program"

$quickEnds = 0
while ($true) {
    $started = Get-Date
    $options = @{ FilePath = $Program; PassThru = $true; NoNewWindow = $true }
    if ($KioskArguments.Count -gt 0) { $options.ArgumentList = $KioskArguments }
    try {
        $process = Start-Process @options
    } catch {
        Write-Log "could not start the kiosk: $_"
        Start-Sleep -Seconds 10
        continue
    }
    $null = $process.Handle   # keep the handle, or ExitCode is lost when the process ends
    Write-Log "kiosk started (process $($process.Id))"

    $silentSince = $null
    while (-not $process.WaitForExit(5000)) {
        $process.Refresh()
        # Responding asks the window whether it handles messages; a hung GUI thread does not.
        if ($process.MainWindowHandle -ne [IntPtr]::Zero -and -not $process.Responding) {
            if ($null -eq $silentSince) {
                $silentSince = Get-Date
            } elseif (((Get-Date) - $silentSince).TotalSeconds -ge $HangSeconds) {
                Write-Log "kiosk window not responding for $HangSeconds s: ending it"
                try { $process.Kill() } catch { }
                $null = $process.WaitForExit(10000)
                break
            }
        } else {
            $silentSince = $null
        }
    }

    $code = if ($process.HasExited) { $process.ExitCode } else { -1 }
    if ($code -eq $KioskAdminExit) {
        Write-Log 'kiosk closed from its admin screen: not starting it again'
        exit $AdminExitCode
    }
    Write-Log "kiosk ended (exit code $code): starting it again"
    # Back off when it keeps ending at once (a broken install must not spin the CPU).
    if (((Get-Date) - $started).TotalSeconds -lt 60) { $quickEnds++ } else { $quickEnds = 0 }
    Start-Sleep -Seconds ([Math]::Min(30, 2 * [Math]::Max(1, $quickEnds)))
}
