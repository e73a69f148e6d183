# Installs ipportal on Windows, for the current user, without administrator rights: downloads
# the release archive, checks it against the release's SHA256SUMS, puts ipportal.exe into
# %LOCALAPPDATA%\Programs\ipportal and adds that folder to the user's PATH.
#
#   powershell -ExecutionPolicy Bypass -File install.ps1
#   $env:IPPORTAL_BASE_URL = "https://lib.example.edu.cn/mirror/ipportal"; .\install.ps1   # a mirror
#
# Settings (environment variables), as for install.sh:
#   IPPORTAL_VERSION      the release to install (default: the one below)
#   IPPORTAL_BASE_URL     where releases are, one folder per version holding the archives and
#                         SHA256SUMS (default: the project's releases)
#   IPPORTAL_INSTALL_DIR  where ipportal.exe goes (default: %LOCALAPPDATA%\Programs\ipportal)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'  # the progress bar slows Invoke-WebRequest tenfold

$Version = if ($env:IPPORTAL_VERSION) { $env:IPPORTAL_VERSION } else { 'v0.1.0' }
$BaseUrl = if ($env:IPPORTAL_BASE_URL) { $env:IPPORTAL_BASE_URL } else { 'https://git.example.edu.cn/ipis/ipportal/releases/download' }
$InstallDir = if ($env:IPPORTAL_INSTALL_DIR) { $env:IPPORTAL_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'Programs\ipportal' }

# Releases are built for x86_64 only; Windows on ARM runs them through its emulation.
$Name = 'ipportal-x86_64-pc-windows-msvc'
$Archive = "$Name.zip"
$Url = "$($BaseUrl.TrimEnd('/'))/$Version"
$Work = Join-Path ([System.IO.Path]::GetTempPath()) ("ipportal-" + [System.Guid]::NewGuid())
New-Item -ItemType Directory -Path $Work | Out-Null

try {
    Write-Host "Downloading ipportal $Version ($Archive) from $Url"
    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    Invoke-WebRequest -UseBasicParsing -Uri "$Url/$Archive" -OutFile (Join-Path $Work $Archive)
    Invoke-WebRequest -UseBasicParsing -Uri "$Url/SHA256SUMS" -OutFile (Join-Path $Work 'SHA256SUMS')

    $Expected = $null
    foreach ($Line in Get-Content (Join-Path $Work 'SHA256SUMS')) {
        $Fields = $Line -split '\s+', 2
        if ($Fields.Count -eq 2 -and $Fields[1].TrimStart('*') -eq $Archive) { $Expected = $Fields[0].ToLower() }
    }
    if (-not $Expected) { throw "SHA256SUMS at $Url does not list $Archive; nothing was installed" }
    $Actual = (Get-FileHash -Algorithm SHA256 (Join-Path $Work $Archive)).Hash.ToLower()
    if ($Actual -ne $Expected) {
        throw "checksum mismatch for ${Archive}: SHA256SUMS says $Expected, the download is $Actual; nothing was installed (a damaged download, or a mirror out of date)"
    }

    Expand-Archive -Path (Join-Path $Work $Archive) -DestinationPath $Work
    New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
    Copy-Item -Force (Join-Path $Work "$Name\ipportal.exe") (Join-Path $InstallDir 'ipportal.exe')

    # The user's PATH (not the machine's, which needs administrator rights), for new terminals.
    $UserPath = [Environment]::GetEnvironmentVariable('Path', 'User')
    if (-not (($UserPath -split ';') -contains $InstallDir)) {
        $NewPath = (@($UserPath, $InstallDir) | Where-Object { $_ }) -join ';'
        [Environment]::SetEnvironmentVariable('Path', $NewPath, 'User')
        Write-Host "Added $InstallDir to your PATH: open a new terminal to use it."
    }
    $Installed = & (Join-Path $InstallDir 'ipportal.exe') --version
    Write-Host "Installed $Installed into $InstallDir"
}
finally {
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}
