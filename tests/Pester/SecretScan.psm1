# Finds secrets in captured text: known values (keys, tokens, link signatures) and generic patterns (TC3 Authorization
# values, Signature=, sign=, q-signature=, X-TC-Token). Every report masks what it found, so printing it leaks nothing.
# Also captures every stream of commands run in a separate runspace, as text to scan (New-StreamCapture and friends).
Set-StrictMode -Version Latest

$script:Patterns = @(
    [PSCustomObject]@{ Name = 'TC3 Authorization value'; Regex = [regex]::new('TC3-HMAC-SHA256\s+Credential=(?<secret>[^\r\n]+)') }
    [PSCustomObject]@{ Name = 'TC3 Signature='; Regex = [regex]::new('(?<![\w-])Signature(=|%3D)(?<secret>[0-9a-fA-F]{16,})') }
    [PSCustomObject]@{ Name = 'link sign='; Regex = [regex]::new('(?i)(?<![\w-])sign(=|%3D)(?<secret>[0-9a-f]{16,})') }
    [PSCustomObject]@{ Name = 'COS q-signature='; Regex = [regex]::new('(?i)q-signature(=|%3D)(?<secret>[0-9a-f]{16,})') }
    [PSCustomObject]@{ Name = 'X-TC-Token header'; Regex = [regex]::new('(?i)X-TC-Token\s*[:=]\s*"?(?<secret>[A-Za-z0-9+/=_\-]{8,})') }
)

<#
.SYNOPSIS
The generic secret patterns: objects {Name, Regex}; each Regex has a group named 'secret', the part that is masked.
#>
function Get-SecretPatterns {
    [CmdletBinding()]
    [OutputType([PSCustomObject])]
    param()
    $script:Patterns
}

# Spans {Start, Length, Kind, Name} of every known secret (ignoring case) and every pattern match in $Text.
function Get-SecretSpan([string] $Text, [string[]] $Secrets, [string[]] $Names, [object[]] $Patterns) {
    for ($k = 0; $k -lt $Secrets.Count; $k++) {
        $secret = $Secrets[$k]
        $at = $Text.IndexOf($secret, [StringComparison]::OrdinalIgnoreCase)
        while ($at -ge 0) {
            [PSCustomObject]@{ Start = $at; Length = $secret.Length; Kind = 'Secret'; Name = $Names[$k] }
            $at = $Text.IndexOf($secret, $at + 1, [StringComparison]::OrdinalIgnoreCase)
        }
    }
    foreach ($p in $Patterns) {
        foreach ($m in $p.Regex.Matches($Text)) {
            $g = $m.Groups['secret']
            [PSCustomObject]@{ Start = $g.Index; Length = $g.Length; Kind = 'Pattern'; Name = $p.Name }
        }
    }
}

# $Text without its line breaks and the blanks around them (a console wraps long values onto indented lines), with
# Offsets: for each joined piece, its start in the joined text (Joined) and in $Text (Original).
function Join-WrappedLines([string] $Text) {
    $joined = [Text.StringBuilder]::new()
    $offsets = [System.Collections.Generic.List[object]]::new()
    $at = 0
    foreach ($m in [regex]::Matches($Text, '[ \t]*\r?\n[ \t]*')) {
        $offsets.Add([PSCustomObject]@{ Joined = $joined.Length; Original = $at })
        [void]$joined.Append($Text, $at, $m.Index - $at)
        $at = $m.Index + $m.Length
    }
    $offsets.Add([PSCustomObject]@{ Joined = $joined.Length; Original = $at })
    [void]$joined.Append($Text, $at, $Text.Length - $at)
    [PSCustomObject]@{ Text = $joined.ToString(); Offsets = $offsets }
}

# The position in the original text of position $Index of the joined text.
function Get-OriginalIndex($Joined, [int] $Index) {
    $piece = $Joined.Offsets[0]
    foreach ($o in $Joined.Offsets) { if ($o.Joined -le $Index) { $piece = $o } else { break } }
    $piece.Original + ($Index - $piece.Joined)
}

# The line around $Span (ContextLength characters either side) with every span's characters shown as '***'.
function Get-MaskedContext([string] $Text, [object[]] $Spans, $Span, [int] $ContextLength) {
    $lineStart = $Text.LastIndexOf("`n", [Math]::Max(0, $Span.Start - 1)) + 1
    if ($Span.Start -eq 0) { $lineStart = 0 }
    $lineEnd = $Text.IndexOf("`n", $Span.Start)
    if ($lineEnd -lt 0) { $lineEnd = $Text.Length }
    $from = [Math]::Max($lineStart, $Span.Start - $ContextLength)
    $to = [Math]::Min($lineEnd, $Span.Start + $Span.Length + $ContextLength)
    $hidden = [bool[]]::new($to - $from)
    foreach ($s in $Spans) {
        for ($i = [Math]::Max($from, $s.Start); $i -lt [Math]::Min($to, $s.Start + $s.Length); $i++) { $hidden[$i - $from] = $true }
    }
    $sb = [Text.StringBuilder]::new()
    for ($i = $from; $i -lt $to; $i++) {
        if (-not $hidden[$i - $from]) { [void]$sb.Append($Text[$i]) }
        elseif ($i -eq $from -or -not $hidden[$i - $from - 1]) { [void]$sb.Append('***') }
    }
    $sb.ToString().TrimEnd("`r")
}

<#
.SYNOPSIS
Finds known secrets (case-insensitively) and the generic patterns of Get-SecretPatterns in text.
.DESCRIPTION
Returns one hit per occurrence: Source, TextIndex (which element of -Text), Line and Column (1-based), Kind (Secret or
Pattern), Name (the secret's -SecretNames label, else "secret #<index>", or the pattern's name), Length, and Context
(the surrounding text of the line, with every secret and pattern value in it replaced by ***). A hit never carries the
secret itself. Empty secrets are ignored. Nothing is returned for clean text.
-Unwrap also finds what a console wrapped onto the next (indented) line: the text is searched with its line breaks and
the blanks around them removed, and the hits are placed back in the original text.
.EXAMPLE
Find-Secret -Text $log -Secrets $key, $token -SecretNames SecretKey, Token -Source 'verbose'
#>
function Find-Secret {
    [CmdletBinding()]
    [OutputType([PSCustomObject])]
    param(
        [Parameter(Mandatory, ValueFromPipeline)] [AllowNull()] [AllowEmptyString()] [AllowEmptyCollection()] [string[]] $Text,
        [Parameter(Mandatory)] [AllowNull()] [AllowEmptyCollection()] [AllowEmptyString()] [string[]] $Secrets,
        [string[]] $SecretNames = @(),
        [string] $Source = 'text',
        [object[]] $Patterns = $script:Patterns,
        [switch] $Unwrap,
        [ValidateRange(0, 500)] [int] $ContextLength = 40
    )
    begin {
        $values = [System.Collections.Generic.List[string]]::new()
        $names = [System.Collections.Generic.List[string]]::new()
        for ($k = 0; $k -lt @($Secrets).Count; $k++) {
            $s = @($Secrets)[$k]
            if ([string]::IsNullOrEmpty($s) -or $values.Contains($s)) { continue }
            $values.Add($s)
            $names.Add($(if ($k -lt $SecretNames.Count -and $SecretNames[$k]) { $SecretNames[$k] } else { "secret #$k ($($s.Length) chars)" }))
        }
        $index = 0
    }
    process {
        foreach ($t in $Text) {
            if (-not [string]::IsNullOrEmpty($t)) {
                $spans = if ($Unwrap) {
                    $joined = Join-WrappedLines $t
                    foreach ($j in Get-SecretSpan $joined.Text $values.ToArray() $names.ToArray() $Patterns) {
                        $start = Get-OriginalIndex $joined $j.Start
                        $j.Length = (Get-OriginalIndex $joined ($j.Start + $j.Length - 1)) + 1 - $start
                        $j.Start = $start
                        $j
                    }
                }
                else { Get-SecretSpan $t $values.ToArray() $names.ToArray() $Patterns }
                $spans = @($spans)
                foreach ($span in $spans) {
                    $before = $t.Substring(0, $span.Start)
                    $line = ([regex]::Matches($before, "`n")).Count + 1
                    $column = $span.Start - ($before.LastIndexOf("`n") + 1) + 1
                    $hit = [PSCustomObject]@{
                        PSTypeName = 'SecretScan.Hit'
                        Source     = $Source
                        TextIndex  = $index
                        Line       = $line
                        Column     = $column
                        Kind       = $span.Kind
                        Name       = $span.Name
                        Length     = $span.Length
                        Context    = Get-MaskedContext $t $spans $span $ContextLength
                    }
                    $hit | Add-Member -MemberType ScriptMethod -Name ToString -Force -Value {
                        "$($this.Source)[$($this.TextIndex)] line $($this.Line) col $($this.Column): $($this.Kind) '$($this.Name)' in: $($this.Context)"
                    }
                    $hit
                }
            }
            $index++
        }
    }
}

# ---- Capture: run scripts in a runspace of their own and keep every stream, rendered as text ----

<#
.SYNOPSIS
Opens a runspace with -Module imported and every preference at Continue (Verbose, Debug, Information, Progress), and
-Verbose -Debug passed by default to the commands matching -DefaultParameterCommand. -ExcludeProperty maps a type name
to the properties whose values are data by design (a task's presigned Url): they are cut out of that type's rendered
output. Returns the capture object {Runspace, Records, ExcludeProperty}; Records is a list of {Step, Stream, Text, Item}.
#>
function New-StreamCapture {
    [CmdletBinding()]
    param(
        [string[]] $Module = @(),
        [string[]] $DefaultParameterCommand = @(),
        [hashtable] $ExcludeProperty = @{}
    )
    $iss = [InitialSessionState]::CreateDefault2()
    if ($Module) { $iss.ImportPSModule($Module) }
    $rs = [runspacefactory]::CreateRunspace($iss)
    $rs.Open()
    $defaults = [System.Management.Automation.DefaultParameterDictionary]::new()
    foreach ($c in $DefaultParameterCommand) { $defaults["${c}:Verbose"] = $true; $defaults["${c}:Debug"] = $true }
    foreach ($name in 'VerbosePreference', 'DebugPreference', 'InformationPreference', 'ProgressPreference') {
        $rs.SessionStateProxy.SetVariable($name, [System.Management.Automation.ActionPreference]::Continue)
    }
    $rs.SessionStateProxy.SetVariable('PSDefaultParameterValues', $defaults)
    [PSCustomObject]@{ Runspace = $rs; Records = [System.Collections.Generic.List[object]]::new(); ExcludeProperty = $ExcludeProperty }
}

<# .SYNOPSIS Closes the capture's runspace. #>
function Close-StreamCapture {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Capture)
    $Capture.Runspace.Dispose()
}

<#
.SYNOPSIS
Adds a record {Step, Stream, Text, Item} to the capture, for text captured elsewhere (a console, a log).
#>
function Add-CapturedText {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Capture,
        [Parameter(Mandatory)] [string] $Step,
        [Parameter(Mandatory)] [string] $Stream,
        [AllowEmptyString()] [string] $Text
    )
    $Capture.Records.Add([PSCustomObject]@{ Step = $Step; Stream = $Stream; Text = $Text; Item = $null })
}

<#
.SYNOPSIS
Runs -Script in the capture's runspace (after setting -Variables there), records every item of every stream as text
(see ConvertTo-ScanText) under -Step, and returns the output objects. A terminating failure of the whole script is
recorded on the Error stream.
#>
function Invoke-CapturedStep {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Capture,
        [Parameter(Mandatory)] [string] $Step,
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Variables = @{}
    )
    foreach ($k in $Variables.Keys) { $Capture.Runspace.SessionStateProxy.SetVariable($k, $Variables[$k]) }
    $ps = [powershell]::Create()
    $ps.Runspace = $Capture.Runspace
    $output = @()
    $thrown = $null
    try {
        [void]$ps.AddScript($Script)
        try { $output = @($ps.Invoke()) } catch { $thrown = $_.Exception }
        $items = @(
            foreach ($o in $output) { , @('Output', $o) }
            foreach ($e in $ps.Streams.Error) { , @('Error', $e) }
            if ($thrown) { , @('Error', $thrown) }
            foreach ($name in 'Warning', 'Verbose', 'Debug', 'Information', 'Progress') {
                foreach ($r in $ps.Streams.$name) { , @($name, $r) }
            }
        )
    }
    finally { $ps.Dispose() }
    foreach ($pair in $items) {
        $exclude = if ($pair[0] -eq 'Output') { Get-ExcludedValue $Capture.ExcludeProperty $pair[1] } else { @() }
        $Capture.Records.Add([PSCustomObject]@{
                Step = $Step; Stream = $pair[0]; Item = $pair[1]
                Text = ConvertTo-ScanText -Stream $pair[0] -Item $pair[1] -ExcludeValue $exclude
            })
    }
    $output
}

# The values of the properties that -ExcludeProperty names for the object's types.
function Get-ExcludedValue([hashtable] $ExcludeProperty, $Object) {
    if ($null -eq $Object) { return }
    foreach ($type in $Object.PSObject.TypeNames) {
        foreach ($name in @($ExcludeProperty[$type])) {
            if ($name -and $Object.PSObject.Properties[$name]) { [string]$Object.$name }
        }
    }
}

# Exceptions reachable from $Exception: itself, inner exceptions, the inner exceptions of aggregates, error records' ones.
function Get-ExceptionChain([Exception] $Exception) {
    $queue = [System.Collections.Generic.Queue[Exception]]::new()
    $seen = [System.Collections.Generic.HashSet[object]]::new()
    $queue.Enqueue($Exception)
    while ($queue.Count) {
        $e = $queue.Dequeue()
        if (-not $e -or -not $seen.Add($e)) { continue }
        $e
        if ($e.InnerException) { $queue.Enqueue($e.InnerException) }
        if ($e -is [AggregateException]) { foreach ($i in $e.InnerExceptions) { $queue.Enqueue($i) } }
        if ($e -is [System.Management.Automation.IContainsErrorRecord] -and $e.ErrorRecord.Exception) { $queue.Enqueue($e.ErrorRecord.Exception) }
    }
}

function ConvertTo-ErrorText($Item) {
    if ($Item -is [System.Management.Automation.ErrorRecord]) {
        $Item.ToString()
        $Item | Out-String -Width 4096
        & { $ErrorView = 'NormalView'; $Item | Out-String -Width 4096 }
        $Item | Format-List * -Force | Out-String -Width 4096
        "$($Item.CategoryInfo) $($Item.FullyQualifiedErrorId) $($Item.TargetObject) $($Item.ScriptStackTrace)"
        if ($Item.ErrorDetails) { "$($Item.ErrorDetails.Message) $($Item.ErrorDetails.RecommendedAction)" }
        $exception = $Item.Exception
    }
    else { $exception = $Item }
    foreach ($e in Get-ExceptionChain $exception) {
        $e.Message
        $e.ToString()
        $e | Format-List * -Force | Out-String -Width 4096
        foreach ($k in $e.Data.Keys) { "$k = $($e.Data[$k])" }
    }
}

<#
.SYNOPSIS
The text of one captured item, as a user or a log could see it. Output: the default view, Format-Table, Format-List,
Format-List * -Force, ToString(), and (files aside) Format-Custom, JSON and CSV, with the values of -ExcludeValue cut
out. Error: the error views, every property, ErrorDetails, and the message, ToString(), properties and Data of every
exception in the chain. Progress: activity,
status and current operation. Others: their message.
#>
function ConvertTo-ScanText {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Stream,
        [Parameter(Mandatory)] [AllowNull()] $Item,
        [string[]] $ExcludeValue = @()
    )
    $parts = switch ($Stream) {
        'Output' {
            $Item | Out-String -Width 4096
            $Item | Format-Table | Out-String -Width 4096
            $Item | Format-List | Out-String -Width 4096
            $Item | Format-List * -Force | Out-String -Width 4096
            "$Item"
            if ($Item -isnot [System.IO.FileSystemInfo]) {
                $Item | Format-Custom | Out-String -Width 4096
                ConvertTo-Json -InputObject $Item -Depth 3 -WarningAction SilentlyContinue
                $Item | ConvertTo-Csv -NoTypeInformation
            }
        }
        'Error' { ConvertTo-ErrorText $Item }
        'Progress' { "$($Item.Activity) | $($Item.StatusDescription) | $($Item.CurrentOperation) | $Item" }
        'Information' { "$($Item.MessageData) | $($Item.Tags -join ',') | $($Item.Source)" }
        default { if ($Item.PSObject.Properties['Message']) { $Item.Message } else { "$Item" } }
    }
    $text = ($parts | Where-Object { $_ }) -join "`n"
    foreach ($v in $ExcludeValue) { if ($v) { $text = $text.Replace($v, '<excluded>') } }
    $text
}

Export-ModuleMember -Function Find-Secret, Get-SecretPatterns, New-StreamCapture, Close-StreamCapture, Add-CapturedText,
    Invoke-CapturedStep, ConvertTo-ScanText
