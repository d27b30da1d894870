# Dot-sourced by Pester files: runs a script in a fresh pwsh (the one running the tests, whether it is started as
# `dotnet pwsh.dll` or as pwsh itself), with -NoProfile -NonInteractive.

<#
.SYNOPSIS
    Runs $Script in a fresh pwsh and returns its ExitCode, Output (stdout) and Error (stderr).
.PARAMETER Environment
    Variables set in the child's environment (on top of this process's).
.PARAMETER HomePath
    The child's HOME and USERPROFILE (and so its user module path and PSResourceGet's settings); the XDG folders and
    PSModulePath are then not inherited either. The script file is written there too; else to the temp folder.
#>
function Invoke-FreshPwsh([string] $Script, [hashtable] $Environment = @{}, [string] $HomePath, [int] $TimeoutSeconds = 180) {
    $folder = if ($HomePath) { $HomePath } else { [IO.Path]::GetTempPath() }
    $file = Join-Path $folder ("script-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    try {
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ((Split-Path -Leaf ([Environment]::ProcessPath)) -match '^dotnet(\.exe)?$') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        if ($HomePath) {
            foreach ($name in 'HOME', 'USERPROFILE') { $psi.Environment[$name] = $HomePath }
            foreach ($name in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath') { $psi.Environment.Remove($name) | Out-Null }
        }
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [System.Diagnostics.Process]::Start($psi)
        try {
            $out = $p.StandardOutput.ReadToEndAsync()
            $err = $p.StandardError.ReadToEndAsync()
            if (-not $p.WaitForExit($TimeoutSeconds * 1000)) { $p.Kill($true); throw "The fresh pwsh did not end within $TimeoutSeconds s." }
            $p.WaitForExit()
            [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $out.Result; Error = $err.Result }
        } finally {
            $p.Dispose()
        }
    } finally {
        Remove-Item $file -ErrorAction Ignore
    }
}
