<#
.SYNOPSIS
    Installs (or updates, or removes) the memorial exhibit kiosk on a Windows 10/11 PC.

.DESCRIPTION
    Run it in an administrator PowerShell from the unpacked archive:

        powershell -ExecutionPolicy Bypass -File .\install\install.ps1
        powershell -ExecutionPolicy Bypass -File .\install\install.ps1 -Mode ShellLauncher
        powershell -ExecutionPolicy Bypass -File .\install\install.ps1 -Uninstall

    It copies the program to InstallDir (keeping the one before as InstallDir.previous), creates
    the kiosk account if it does not exist (it asks for a password), seeds the content folder with
    the default exhibit, turns off sleep, screen off, edge swipes, tips and automatic restarts for
    updates while someone is signed in, and makes the kiosk start at the kiosk account's sign-in:
    with Task Scheduler (any edition; the default) or as the account's shell with Shell Launcher
    (Enterprise, Education, IoT Enterprise). Signing the account in automatically is one more step
    (Sysinternals Autologon), see INSTALL.md.

.PARAMETER Mode
    TaskScheduler (default), ShellLauncher, or None (install only).
#>
[CmdletBinding()]
param(
    [string]$Program = (Join-Path $PSScriptRoot '..\kiosk'),
    [string]$InstallDir = 'C:\Program Files\MemorialKiosk',
    [string]$KioskUser = 'kiosk',
    [string]$ContentDir = 'C:\MemorialKiosk\content',
    [ValidateSet('TaskScheduler', 'ShellLauncher', 'None')]
    [string]$Mode = 'TaskScheduler',
    [switch]$Uninstall,
    [switch]$Purge
)

$ErrorActionPreference = 'Stop'
$TaskName = 'Memorial kiosk'
$DefaultInstallDir = 'C:\Program Files\MemorialKiosk'
$PowerShellExe = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'

function Say([string]$Message) { Write-Host "install.ps1: $Message" }

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script in an administrator PowerShell (right-click > Run as administrator).'
}

function Stop-Kiosk {
    Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue | Stop-ScheduledTask -ErrorAction SilentlyContinue
    # The supervisor first (or it would start the kiosk again), then the kiosk.
    Get-CimInstance Win32_Process -Filter "Name = 'powershell.exe'" |
        Where-Object { $_.CommandLine -like '*run-kiosk.ps1*' } |
        ForEach-Object { Stop-Process -Id $_.ProcessId -Force -ErrorAction SilentlyContinue }
    Get-Process -Name kiosk -ErrorAction SilentlyContinue |
        Where-Object { $_.Path -and $_.Path.StartsWith($InstallDir, [StringComparison]::OrdinalIgnoreCase) } |
        Stop-Process -Force -ErrorAction SilentlyContinue
    Start-Sleep -Seconds 2
}

function Set-Dword([string]$Path, [string]$Name, [int]$Value) {
    New-Item -Path $Path -Force | Out-Null
    New-ItemProperty -Path $Path -Name $Name -Value $Value -PropertyType DWord -Force | Out-Null
}

function Get-ProfilePath([string]$User) {
    try {
        $sid = (New-Object Security.Principal.NTAccount($User)).Translate([Security.Principal.SecurityIdentifier]).Value
    } catch {
        return $null
    }
    $userProfile = Get-CimInstance Win32_UserProfile | Where-Object { $_.SID -eq $sid }
    if ($userProfile) { return $userProfile.LocalPath }
    return $null
}

function Remove-ShellLauncherConfig {
    try {
        $mdm = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess' -ErrorAction Stop
        if ($mdm.ShellLauncher) {
            $mdm.ShellLauncher = $null
            Set-CimInstance -CimInstance $mdm
            Say 'Shell Launcher configuration removed'
        }
    } catch {
        # Not SYSTEM, or not an edition with Shell Launcher: nothing to remove here.
    }
}

if ($Uninstall) {
    Stop-Kiosk
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
    Remove-ShellLauncherConfig
    foreach ($dir in @($InstallDir, "$InstallDir.previous", "$InstallDir.new")) {
        if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
    }
    Remove-ItemProperty -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\EdgeUI' -Name AllowEdgeSwipe -ErrorAction SilentlyContinue
    if ($Purge) {
        if (Test-Path $ContentDir) { Remove-Item -Recurse -Force $ContentDir }
        $userProfile = Get-ProfilePath $KioskUser
        if ($userProfile -and (Test-Path "$userProfile\AppData\Local\memorial-kiosk")) {
            Remove-Item -Recurse -Force "$userProfile\AppData\Local\memorial-kiosk"
        }
        Say "removed the program, $ContentDir and the kiosk's settings, logs and statistics (the account '$KioskUser' is kept; remove it in Settings > Accounts)"
    } else {
        Say "removed the program and its start-up; kept $ContentDir and the kiosk's settings, logs and statistics (-Purge removes them)"
    }
    exit 0
}

# --- the program ------------------------------------------------------------------------------
$Program = (Resolve-Path $Program).Path
if (-not (Test-Path (Join-Path $Program 'kiosk.exe'))) {
    throw "$Program does not look like the kiosk program (no kiosk.exe)"
}
Stop-Kiosk
$staging = "$InstallDir.new"
if (Test-Path $staging) { Remove-Item -Recurse -Force $staging }
New-Item -ItemType Directory -Force -Path $staging | Out-Null
Copy-Item -Path (Join-Path $Program '*') -Destination $staging -Recurse -Force
Copy-Item -Path (Join-Path $PSScriptRoot 'run-kiosk.ps1') -Destination $staging -Force
$notes = Join-Path $PSScriptRoot '..\INSTALL.md'
if (Test-Path $notes) { Copy-Item -Path $notes -Destination $staging -Force }
if (Test-Path $InstallDir) {
    if (Test-Path "$InstallDir.previous") { Remove-Item -Recurse -Force "$InstallDir.previous" }
    Rename-Item -Path $InstallDir -NewName (Split-Path -Leaf "$InstallDir.previous")
}
Rename-Item -Path $staging -NewName (Split-Path -Leaf $InstallDir)
Say "program installed in $InstallDir"

# --- the kiosk account ----------------------------------------------------------------------------
if (-not (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue)) {
    Say "creating the local account '$KioskUser' (a standard user; the kiosk runs as it)"
    $password = Read-Host -AsSecureString "Password for '$KioskUser' (needed for automatic sign-in)"
    New-LocalUser -Name $KioskUser -Password $password -FullName 'Memorial exhibit kiosk' `
        -Description 'Runs the memorial exhibit kiosk' -PasswordNeverExpires -UserMayNotChangePassword | Out-Null
    $usersGroup = (New-Object Security.Principal.SecurityIdentifier('S-1-5-32-545')).Translate([Security.Principal.NTAccount]).Value.Split('\')[-1]
    Add-LocalGroupMember -Group $usersGroup -Member $KioskUser -ErrorAction SilentlyContinue
}

# --- the content folder ---------------------------------------------------------------------------
New-Item -ItemType Directory -Force -Path $ContentDir | Out-Null
$bundle = Join-Path $ContentDir 'exhibit.sqlite'
$defaultBundle = Join-Path $InstallDir '_internal\kiosk\_data\db\exhibit.sqlite'
if (-not (Test-Path $bundle) -and (Test-Path $defaultBundle)) {
    Copy-Item $defaultBundle $bundle
    Say "content folder $ContentDir seeded with the default exhibit"
}

# --- nothing may cover or stop the exhibit ----------------------------------------------------------
foreach ($setting in 'monitor-timeout-ac', 'monitor-timeout-dc', 'standby-timeout-ac',
                     'standby-timeout-dc', 'hibernate-timeout-ac', 'hibernate-timeout-dc') {
    & powercfg.exe /change $setting 0 | Out-Null
}
& powercfg.exe /hibernate off | Out-Null
# Edge swipes would open the Action Center, widgets or the task view over the exhibit.
Set-Dword 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\EdgeUI' 'AllowEdgeSwipe' 0
# No restart for updates while the kiosk account is signed in (restart in a maintenance window).
Set-Dword 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU' 'NoAutoRebootWithLoggedOnUsers' 1
# No "welcome" tips and suggested apps.
Set-Dword 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CloudContent' 'DisableSoftLanding' 1
Set-Dword 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CloudContent' 'DisableWindowsConsumerFeatures' 1

# Per-account policies (screen saver, notifications) go into the kiosk account's own registry,
# which exists once the account has signed in. run-kiosk.ps1 sets the same at every start anyway.
$userProfile = Get-ProfilePath $KioskUser
$hive = if ($userProfile) { Join-Path $userProfile 'NTUSER.DAT' } else { $null }
if ($hive -and (Test-Path $hive)) {
    $loaded = $false
    try {
        & reg.exe load 'HKU\MemorialKiosk' $hive | Out-Null
        $loaded = ($LASTEXITCODE -eq 0)
        if ($loaded) {
            $root = 'Registry::HKEY_USERS\MemorialKiosk\Software\Policies\Microsoft\Windows'
            New-Item -Path "$root\Control Panel\Desktop" -Force | Out-Null
            New-ItemProperty -Path "$root\Control Panel\Desktop" -Name ScreenSaveActive -Value '0' -PropertyType String -Force | Out-Null
            Set-Dword "$root\CurrentVersion\PushNotifications" 'NoToastApplicationNotification' 1
            Set-Dword "$root\Explorer" 'DisableNotificationCenter' 1
            Say "screen saver and notifications turned off for '$KioskUser'"
        } else {
            Say "'$KioskUser' is signed in: its screen saver and notifications are turned off by run-kiosk.ps1"
        }
    } finally {
        if ($loaded) {
            [gc]::Collect()
            & reg.exe unload 'HKU\MemorialKiosk' | Out-Null
        }
    }
} else {
    Say "'$KioskUser' has not signed in yet: run-kiosk.ps1 turns off its screen saver and notifications at its first start"
}

# --- start at sign-in -------------------------------------------------------------------------------
$script = Join-Path $InstallDir 'run-kiosk.ps1'
$seedArgument = "-SeedBundle `"$bundle`""
if ($Mode -eq 'TaskScheduler') {
    $xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'memorial-kiosk-task.xml')
    $xml = $xml.Replace('<UserId>kiosk</UserId>', "<UserId>$env:COMPUTERNAME\$KioskUser</UserId>")
    $xml = $xml.Replace($DefaultInstallDir, $InstallDir)
    $xml = $xml.Replace('-AdminExitCode 0</Arguments>', "-AdminExitCode 0 $seedArgument</Arguments>")
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
    Register-ScheduledTask -TaskName $TaskName -Xml $xml | Out-Null
    Say "task '$TaskName' starts the kiosk at every sign-in of '$KioskUser'"
} elseif ($Mode -eq 'ShellLauncher') {
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
    $feature = Get-WindowsOptionalFeature -Online -FeatureName 'Client-EmbeddedShellLauncher' -ErrorAction SilentlyContinue
    if (-not $feature) {
        throw 'This edition of Windows has no Shell Launcher (it needs Enterprise, Education or IoT Enterprise). Use -Mode TaskScheduler.'
    }
    if ($feature.State -ne 'Enabled') {
        Enable-WindowsOptionalFeature -Online -FeatureName 'Client-EmbeddedShellLauncher' -All -NoRestart | Out-Null
        Say 'Shell Launcher turned on (a restart is needed before it takes effect)'
    }
    $xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'shell-launcher.xml')
    $xml = $xml.Replace($DefaultInstallDir, $InstallDir)
    $xml = $xml.Replace('<Account Name="kiosk"/>', "<Account Name=`"$KioskUser`"/>")
    $xml = $xml.Replace('-AdminExitCode 64"', "-AdminExitCode 64 $($seedArgument.Replace('"', '&quot;'))`"")
    $applied = Join-Path $InstallDir 'shell-launcher.xml'
    Set-Content -Path $applied -Value $xml -Encoding UTF8
    $isSystem = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value -eq 'S-1-5-18'
    if ($isSystem) {
        $mdm = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess'
        $mdm.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($xml)
        Set-CimInstance -CimInstance $mdm
        Say "Shell Launcher: '$KioskUser' gets the kiosk as its shell"
    } else {
        Say "Shell Launcher: the configuration is in $applied. Windows applies it only from the SYSTEM account:"
        Say "  psexec.exe -i -s powershell -ExecutionPolicy Bypass -File `"$PSCommandPath`" -Mode ShellLauncher"
        Say '  (PsExec is part of Sysinternals; see INSTALL.md)'
    }
}

# --- check the installed program ------------------------------------------------------------------
$env:QT_QPA_PLATFORM = 'offscreen'
$ErrorActionPreference = 'Continue'   # Windows PowerShell turns a native program's stderr into errors
$report = & (Join-Path $InstallDir 'kiosk.exe') --self-test --bundle $bundle 2>$null
$selfTest = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
Remove-Item Env:\QT_QPA_PLATFORM
if ($selfTest -eq 0) {
    Say 'self-test passed'
} else {
    $reportFile = Join-Path $env:TEMP 'memorial-kiosk-selftest.json'
    $report | Set-Content -Path $reportFile -Encoding UTF8
    Say "WARNING: the self-test found a problem (exit $selfTest); see $reportFile"
}
Say "done. Next: automatic sign-in for '$KioskUser' (INSTALL.md), then restart the PC."
