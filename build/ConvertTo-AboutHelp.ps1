<#
.SYNOPSIS
    Converts a markdown about topic (docs/about_*.md) into PowerShell's about_*.help.txt format.
.DESCRIPTION
    The markdown keeps to a small subset, which this script checks: '# about_Name' first, then '## Heading' sections,
    paragraphs, '- ' lists (one level, continuation lines indented), and ``` code blocks. Headings become upper-case
    section titles, text is wrapped at 80 columns and indented 4, code 8. Inline `code` loses its backticks, **bold**
    its stars, and [text](link) becomes "text (link)". Anything else (tables, deeper lists, HTML) is an error, so the
    help text can never silently lose a part of the page.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $OutFile,
    [ValidateRange(40, 200)] [int] $Width = 80
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Format-Inline([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)')
    $Text = $Text -replace '\*\*([^*]+)\*\*', '$1'
    $Text -replace '`([^`]+)`', '$1'
}

function Split-Words([string] $Text, [int] $Indent, [int] $Hanging = $Indent) {
    # Word-wraps $Text at $Width: the first line indented $Indent, the next ones $Hanging.
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) {
            $lines.Add($line.TrimEnd())
            $line = (' ' * $Hanging) + $word
        }
        else { $line += $(if ($empty) { '' } else { ' ' }) + $word }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line.TrimEnd()) }
    $lines
}

$source = Get-Content $Path
if ($source.Count -eq 0 -or $source[0] -notmatch '^# (about_\w+)\s*$') { throw "$Path must start with '# about_Name'." }
$topic = $Matches[1]
$output = [System.Collections.Generic.List[string]]::new()
$output.Add('TOPIC'); $output.Add("    $topic"); $output.Add('')

$paragraph = [System.Collections.Generic.List[string]]::new()
$item = $null
$inCode = $false
function Flush {
    if ($script:paragraph.Count) { foreach ($l in Split-Words (Format-Inline ($script:paragraph -join ' ')) 4) { $script:output.Add($l) }; $script:output.Add(''); $script:paragraph.Clear() }
    if ($null -ne $script:item) { foreach ($l in Split-Words (Format-Inline $script:item) 4 6) { $script:output.Add($l) }; $script:item = $null }
}

for ($i = 1; $i -lt $source.Count; $i++) {
    $line = $source[$i]
    if ($line -match '^```') {
        if ($inCode) { $inCode = $false; $output.Add('') } else { Flush; if ($output[-1] -ne '') { $output.Add('') }; $inCode = $true }
        continue
    }
    if ($inCode) { $output.Add(('        ' + $line).TrimEnd()); continue }
    if ($line -match '^## (.+)$') {
        Flush
        if ($output[-1] -ne '') { $output.Add('') }
        $output.Add($Matches[1].Trim().ToUpperInvariant())
        continue
    }
    if ($line -match '^(#|\||<|\s*[*+] |\s{2,}- )') { throw "$Path line $($i + 1): '$line' is outside the markdown subset this converter knows." }
    if ($line -match '^- (.+)$') {
        if ($paragraph.Count) { Flush }
        elseif ($null -ne $item) { foreach ($l in Split-Words (Format-Inline $item) 4 6) { $output.Add($l) } }
        $item = '- ' + $Matches[1]
        continue
    }
    if ($line.Trim() -eq '') { Flush; if ($output[-1] -ne '') { $output.Add('') }; continue }
    if ($null -ne $item -and $line -match '^\s+\S') { $item += ' ' + $line.Trim(); continue }
    if ($null -ne $item) { Flush; $output.Add('') }
    $paragraph.Add($line.Trim())
}
if ($inCode) { throw "$Path ends inside a code block." }
Flush
while ($output.Count -and $output[-1] -eq '') { $output.RemoveAt($output.Count - 1) }
$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutFile)
Set-Content -Path $OutFile -Value $output -Encoding utf8
