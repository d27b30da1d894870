<#
.SYNOPSIS
    Writes the MAML help file of a binary module from the C# XML doc comments of its cmdlet classes.
.DESCRIPTION
    Imports the module and, for each exported cmdlet, writes a full MAML command: details, description, syntax (one
    item per parameter set), parameters, inputs, outputs, examples and related links. The text comes from the
    compiler's XML documentation file:
      class <summary>      synopsis
      class <remarks>      description
      class <example>      one example each: <code> is the command, the other text (<para>s) what it does
      property <summary>   the parameter's description (looked up under the property's declaring type)
    Everything else (types, mandatory, positions, pipeline input, aliases, enum values, defaults, outputs) comes from
    the cmdlet's metadata by reflection. Parameters that PowerShell adds itself (-First/-Skip/-IncludeTotalCount of
    paging cmdlets, -WhatIf/-Confirm) get standard descriptions.
    Throws (so the build fails) when a cmdlet lacks a synopsis, a description or an example, or a parameter lacks a
    description. Run it in a child process: it imports the module.
.EXAMPLE
    dotnet pwsh -NoProfile -File build/New-MamlHelp.ps1 -ModuleManifest out/MongoBackup/MongoBackup.psd1 -XmlDoc out/bin/MongoBackup/MongoBackup.xml -OutFile out/MongoBackup/en-US/MongoBackup.dll-Help.xml
#>
[CmdletBinding()]
param(
    # The module's manifest; the folder must already hold the module's assembly.
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # The compiler's XML documentation file of the module's assembly.
    [Parameter(Mandatory)] [string] $XmlDoc,
    # The MAML file to write, such as <module>/en-US/<Assembly>.dll-Help.xml.
    [Parameter(Mandatory)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters
$StandardDescriptions = @{
    First             = 'Gets only the specified number of objects. Enter the number of objects to get.'
    Skip              = 'Ignores the specified number of objects and then gets the remaining objects. Enter the number of objects to skip.'
    IncludeTotalCount = 'Reports the total number of objects in the data set (an integer) before the selected objects. The integer has an Accuracy property: 1.0 means the count is exact, 0.0 that it could not be determined.'
    WhatIf            = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm           = 'Prompts you for confirmation before running the cmdlet.'
}
$Problems = [System.Collections.Generic.List[string]]::new()
# "T:Namespace.SomeCommand" -> "Verb-Noun", so that <see cref="..."/> to a cmdlet class shows the cmdlet's name.
$CmdletNamesByDocId = @{}

#region XML doc comments -> text

function Get-DocIndex([string] $Path) {
    $index = @{}
    foreach ($member in ([xml](Get-Content -LiteralPath $Path -Raw)).doc.members.member) { $index[$member.name] = $member }
    $index
}

function Get-DocId([string] $Prefix, [type] $Type, [string] $MemberName) {
    $id = "${Prefix}:" + ($Type.FullName -replace '\+', '.')
    if ($MemberName) { $id += ".$MemberName" }
    $id
}

function Get-CrefText([string] $Cref) {
    # "T:Ns.Type", "P:Ns.Type.Member", "M:Ns.Type.Method(System.String)" -> the last name.
    (($Cref -replace '^[A-Z]:', '') -replace '\(.*$', '' -split '\.')[-1]
}

function Get-InlineText([System.Xml.XmlNode] $Node) {
    # Raw text of inline content: see/paramref become names, other elements their inner text.
    switch ($Node.NodeType) {
        'Text' { return $Node.Value }
        'CDATA' { return $Node.Value }
        'Whitespace' { return ' ' }
        'SignificantWhitespace' { return ' ' }
        'Element' { }
        default { return '' }
    }
    switch ($Node.LocalName) {
        'see' {
            if ($Node.InnerText.Trim()) { return $Node.InnerText }
            foreach ($attribute in 'langword', 'href') { if ($Node.HasAttribute($attribute)) { return $Node.GetAttribute($attribute) } }
            $cref = $Node.GetAttribute('cref')
            if ($CmdletNamesByDocId.ContainsKey($cref)) { return $CmdletNamesByDocId[$cref] }
            return Get-CrefText $cref
        }
        'seealso' { return '' }
        { $_ -in 'paramref', 'typeparamref' } { return $Node.GetAttribute('name') }
        default { return (@($Node.ChildNodes | ForEach-Object { Get-InlineText $_ }) -join '') }
    }
}

function Format-CodeBlock([string] $Text) {
    # Keeps the lines of a code block, without the doc comment's indentation or leading/trailing blank lines.
    $lines = @(($Text -replace "`r", '') -split "`n" | ForEach-Object { $_.TrimEnd() })
    while ($lines.Count -and -not $lines[0]) { $lines = @($lines | Select-Object -Skip 1) }
    while ($lines.Count -and -not $lines[-1]) { $lines = @($lines | Select-Object -SkipLast 1) }
    $indents = @($lines | Where-Object { $_ } | ForEach-Object { $_.Length - $_.TrimStart().Length })
    $cut = if ($indents.Count) { ($indents | Measure-Object -Minimum).Minimum } else { 0 }
    (@($lines | ForEach-Object { if ($_.Length -ge $cut) { $_.Substring($cut) } else { $_ } }) -join "`n")
}

function ConvertTo-Paragraph([System.Xml.XmlNode] $Node, [string[]] $Skip = @()) {
    # The paragraphs of a doc element: <para>, blank lines, <code> blocks and list items start new ones;
    # whitespace inside a paragraph collapses to single spaces.
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Text.StringBuilder]::new()
    $flush = {
        $text = ($current.ToString() -replace '\s+', ' ').Trim()
        if ($text) { $paragraphs.Add($text) }
        $null = $current.Clear()
    }
    foreach ($child in $Node.ChildNodes) {
        if ($child.NodeType -eq 'Element' -and $child.LocalName -in $Skip) { continue }
        if ($child.NodeType -ne 'Element') {
            $parts = (Get-InlineText $child) -split '\r?\n[ \t]*\r?\n'
            for ($i = 0; $i -lt $parts.Count; $i++) {
                if ($i -gt 0) { & $flush }
                $null = $current.Append($parts[$i])
            }
            continue
        }
        switch ($child.LocalName) {
            'para' { & $flush; foreach ($p in ConvertTo-Paragraph $child) { $paragraphs.Add($p) } }
            'code' { & $flush; $code = Format-CodeBlock $child.InnerText; if ($code) { $paragraphs.Add($code) } }
            'list' {
                & $flush
                $number = 0
                foreach ($item in $child.SelectNodes('item')) {
                    $number++
                    $marker = if ($child.GetAttribute('type') -eq 'number') { "$number." } else { '-' }
                    $term = if ($item['term']) { (Get-InlineText $item['term']).Trim() } else { '' }
                    $body = if ($item['description']) { Get-InlineText $item['description'] } else { Get-InlineText $item }
                    $text = ("$marker " + $(if ($term) { "${term}: " } else { '' }) + $body) -replace '\s+', ' '
                    $paragraphs.Add($text.Trim())
                }
            }
            default { $null = $current.Append((Get-InlineText $child)) }
        }
    }
    & $flush
    $paragraphs.ToArray()
}

function Get-DocSection($Doc, [string] $Name) {
    if ($null -eq $Doc -or $null -eq $Doc[$Name]) { return }
    ConvertTo-Paragraph $Doc[$Name]
}

function Get-Example($Doc) {
    if ($null -eq $Doc) { return }
    foreach ($example in $Doc.SelectNodes('example')) {
        [pscustomobject]@{
            Code    = (@($example.SelectNodes('code') | ForEach-Object { Format-CodeBlock $_.InnerText }) -join "`n").Trim()
            Remarks = @(ConvertTo-Paragraph $example -Skip 'code')
        }
    }
}

#endregion

#region Reflection

function Get-ParameterMember([type] $Type, [string] $Name) {
    # The property or field that declares a parameter, from the most derived type down.
    for ($t = $Type; $null -ne $t; $t = $t.BaseType) {
        $flags = [System.Reflection.BindingFlags]'Public, Instance, DeclaredOnly'
        $member = @($t.GetProperties($flags)) + @($t.GetFields($flags)) |
            Where-Object { $_.Name -eq $Name -and $_.IsDefined([System.Management.Automation.ParameterAttribute], $true) } |
            Select-Object -First 1
        if ($member) { return $member }
    }
}

function Get-MemberDoc($Docs, [System.Reflection.MemberInfo] $Member) {
    # The doc of a property or field; an undocumented (or <inheritdoc/>) override takes its base definition's.
    $prefix = if ($Member -is [System.Reflection.PropertyInfo]) { 'P' } else { 'F' }
    $doc = $Docs[(Get-DocId $prefix $Member.DeclaringType $Member.Name)]
    if (($null -eq $doc -or $null -ne $doc['inheritdoc']) -and $Member -is [System.Reflection.PropertyInfo]) {
        $getter = $Member.GetGetMethod()
        $base = if ($getter) { $getter.GetBaseDefinition() } else { $null }
        if ($base -and $base.DeclaringType -ne $Member.DeclaringType) {
            return $Docs[(Get-DocId 'P' $base.DeclaringType $Member.Name)]
        }
    }
    $doc
}

function Get-TypeLabel([type] $Type) {
    # The short type name shown after a parameter: String[], Int32, Nullable[Int32].
    if (-not $Type.IsGenericType) { return $Type.Name }
    ($Type.Name -replace '`\d+$', '') + '[' + (@($Type.GetGenericArguments() | ForEach-Object { Get-TypeLabel $_ }) -join ',') + ']'
}

function Get-ValueType([type] $Type) {
    # The type whose values a parameter takes one or more of: the array's element, the nullable's underlying type.
    if ($Type.IsArray) { $Type = $Type.GetElementType() }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying } else { $Type }
}

function Get-PossibleValue([System.Management.Automation.CommandParameterInfo] $Info) {
    $valueType = Get-ValueType $Info.ParameterType
    if ($valueType.IsEnum) { return [Enum]::GetNames($valueType) }
    $set = $Info.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { $set.ValidValues }
}

function Format-Value($Value) {
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [string]) {
        return (@($Value | ForEach-Object { Format-Value $_ }) -join ', ')
    }
    if ($Value -is [System.IFormattable]) { return $Value.ToString($null, [cultureinfo]::InvariantCulture) }
    "$Value"
}

function Get-DefaultValue($Instance, $Member, [type] $Type) {
    # The value a new instance holds, when its initializer is visible: not null, not empty, not the type's zero
    # (but a switch or bool shows False, and an enum its member's name).
    if ($null -eq $Instance -or $null -eq $Member) { return 'None' }
    try { $value = $Member.GetValue($Instance) } catch { return 'None' }
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return "$($value.IsPresent)" }
    if ($value -is [bool]) { return "$value" }
    if ($value -is [enum]) { return $(if ([Enum]::IsDefined($value.GetType(), $value)) { "$value" } else { 'None' }) }
    if ($value -is [string]) { return $(if ($value) { $value } else { 'None' }) }
    if ($value -is [array]) { return $(if ($value.Length) { Format-Value $value } else { 'None' }) }
    if ($Type.IsValueType -and $value.Equals([Activator]::CreateInstance($value.GetType()))) { return 'None' }
    Format-Value $value
}

function New-CmdletInstance([type] $Type) {
    try { [Activator]::CreateInstance($Type) }
    catch { Write-Warning "Cannot create a $($Type.FullName) to read default values: $($_.Exception.Message)"; $null }
}

function Get-PipelineInput([bool] $ByValue, [bool] $ByPropertyName) {
    if ($ByValue -and $ByPropertyName) { 'True (ByValue, ByPropertyName)' }
    elseif ($ByValue) { 'True (ByValue)' }
    elseif ($ByPropertyName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Get-OrderedParameterSet([System.Management.Automation.CommandInfo] $Command) {
    # The default parameter set first, then the others in declaration order.
    $sets = @($Command.ParameterSets)
    @($sets | Where-Object IsDefault) + @($sets | Where-Object { -not $_.IsDefault })
}

function Get-SyntaxParameter([System.Management.Automation.CommandParameterSetInfo] $Set) {
    # A set's parameters as the syntax shows them: positional ones by position, then the rest in declaration order.
    $parameters = @($Set.Parameters | Where-Object Name -NotIn $CommonParameters)
    @($parameters | Where-Object Position -GE 0 | Sort-Object Position) + @($parameters | Where-Object Position -LT 0)
}

#endregion

#region Help model

function Get-ParameterHelp([System.Management.Automation.CommandInfo] $Command, $Docs, $Instance) {
    # One entry per parameter: the primary info (from the default set, else the first set that has it), the union
    # of its pipeline input over the sets, and its description, default and possible values.
    $entries = [ordered]@{}
    foreach ($set in Get-OrderedParameterSet $Command) {
        foreach ($info in Get-SyntaxParameter $set) {
            if (-not $entries.Contains($info.Name)) {
                $entries[$info.Name] = [pscustomobject]@{ Info = $info; ByValue = $false; ByPropertyName = $false; Description = @(); Default = 'None'; PossibleValues = @() }
            }
            $entry = $entries[$info.Name]
            $entry.ByValue = $entry.ByValue -or $info.ValueFromPipeline
            $entry.ByPropertyName = $entry.ByPropertyName -or $info.ValueFromPipelineByPropertyName
        }
    }
    foreach ($entry in $entries.Values) {
        $name = $entry.Info.Name
        $member = Get-ParameterMember $Command.ImplementingType $name
        if ($member) {
            $entry.Description = @(Get-DocSection (Get-MemberDoc $Docs $member) 'summary')
            $entry.Default = Get-DefaultValue $Instance $member $entry.Info.ParameterType
        }
        elseif ($StandardDescriptions.ContainsKey($name)) {
            $entry.Description = @($StandardDescriptions[$name])
            $entry.Default = if ($entry.Info.ParameterType -eq [System.Management.Automation.SwitchParameter]) { 'False' } else { 'None' }
        }
        if (-not $entry.Description.Count) {
            $where = if ($member) { "<summary> of $($member.DeclaringType.FullName).$name" } else { 'no property or field declares it' }
            $Problems.Add("$($Command.Name): parameter -$name has no description ($where).")
        }
        $entry.PossibleValues = @(Get-PossibleValue $entry.Info)
    }
    $entries
}

function Get-CommandHelp([System.Management.Automation.CmdletInfo] $Command, $Docs, [string[]] $ModuleCommands) {
    $type = $Command.ImplementingType
    $doc = $Docs[(Get-DocId 'T' $type)]
    $help = [pscustomobject]@{
        Command     = $Command
        Synopsis    = @(Get-DocSection $doc 'summary') -join ' '
        Description = @(Get-DocSection $doc 'remarks')
        Examples    = @(Get-Example $doc)
        Parameters  = $null
        Outputs     = @()
        Related     = @($ModuleCommands | Where-Object { $_ -ne $Command.Name -and (Test-RelatedNoun $Command.Noun ($_ -replace '^[^-]*-', '')) })
    }
    if (-not $help.Synopsis) { $Problems.Add("$($Command.Name): no synopsis (<summary> of $($type.FullName)).") }
    if (-not $help.Description.Count) { $Problems.Add("$($Command.Name): no description (<remarks> of $($type.FullName)).") }
    if (-not $help.Examples.Count) { $Problems.Add("$($Command.Name): no example (<example> of $($type.FullName)).") }
    $n = 0
    foreach ($example in $help.Examples) {
        $n++
        if (-not $example.Code) { $Problems.Add("$($Command.Name): example $n has no <code>.") }
        if (-not $example.Remarks.Count) { $Problems.Add("$($Command.Name): example $n does not say what it does (<para>).") }
    }
    $instance = New-CmdletInstance $type
    try { $help.Parameters = Get-ParameterHelp $Command $Docs $instance }
    finally { if ($instance -is [IDisposable]) { $instance.Dispose() } }
    $help.Outputs = @(foreach ($attribute in $type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)) {
            foreach ($name in $attribute.Type) {
                if ($name.Type -eq [void]) { continue }
                $sets = @($attribute.ParameterSetName | Where-Object { $_ -ne '__AllParameterSets' })
                $text = @(Get-DocSection $Docs["T:$($name.Name)"] 'summary')
                if ($sets) { $text += "With the parameter set $($sets -join ', ')." }
                [pscustomobject]@{ Name = $name.Name; Description = $text }
            }
        })
    $help
}

function Test-RelatedNoun([string] $A, [string] $B) {
    # Nouns are related when they share their first two words (or all of the shorter one): TencentCloud and
    # TencentCloudContext, MongoBackupDownloadTask and MongoBackupFile; not MongoInstance and MongoBackup.
    $wordsA = @([regex]::Matches($A, '[A-Z][a-z0-9]*|[a-z0-9]+') | ForEach-Object Value)
    $wordsB = @([regex]::Matches($B, '[A-Z][a-z0-9]*|[a-z0-9]+') | ForEach-Object Value)
    $need = [Math]::Min(2, [Math]::Min($wordsA.Count, $wordsB.Count))
    if ($need -eq 0) { return $false }
    for ($i = 0; $i -lt $need; $i++) { if ($wordsA[$i] -ne $wordsB[$i]) { return $false } }
    $true
}

#endregion

#region MAML writing

function Write-Element($W, [string] $Prefix, [string] $Name, [string] $Text) {
    $W.WriteElementString($Prefix, $Name, $Ns[$Prefix], $Text)
}

function Write-Paragraphs($W, [string] $Prefix, [string] $Name, [string[]] $Paragraphs) {
    $W.WriteStartElement($Prefix, $Name, $Ns[$Prefix])
    if (-not $Paragraphs) { $Paragraphs = @('') }
    foreach ($p in $Paragraphs) { Write-Element $W 'maml' 'para' $p }
    $W.WriteEndElement()
}

function Write-Type($W, [string] $TypeName) {
    $W.WriteStartElement('dev', 'type', $Ns.dev)
    Write-Element $W 'maml' 'name' $TypeName
    Write-Element $W 'maml' 'uri' ''
    $W.WriteEndElement()
}

function Write-Parameter($W, $Entry, [System.Management.Automation.CommandParameterInfo] $Info, [string] $PipelineInput, [switch] $InSyntax) {
    $type = $Info.ParameterType
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $aliases = @($Info.Aliases)
    $W.WriteStartElement('command', 'parameter', $Ns.command)
    $W.WriteAttributeString('required', $Info.IsMandatory.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $type.IsArray.ToString().ToLowerInvariant())
    $globbing = [bool]@($Info.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
    $W.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $PipelineInput)
    $W.WriteAttributeString('position', $(if ($Info.Position -ge 0) { "$($Info.Position)" } else { 'named' }))
    $W.WriteAttributeString('aliases', $(if ($aliases.Count) { $aliases -join ', ' } else { 'none' }))
    Write-Element $W 'maml' 'name' $Info.Name
    Write-Paragraphs $W 'maml' 'description' $Entry.Description
    if ($Entry.PossibleValues.Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $Ns.command)
        foreach ($value in $Entry.PossibleValues) {
            $W.WriteStartElement('command', 'parameterValue', $Ns.command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('command', 'variableLength', $Ns.command, 'false')
            $W.WriteString($value)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    if (-not ($isSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $Ns.command)
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', $type.IsArray.ToString().ToLowerInvariant())
        $W.WriteString((Get-TypeLabel $type))
        $W.WriteEndElement()
    }
    Write-Type $W $type.ToString()
    Write-Element $W 'dev' 'defaultValue' $Entry.Default
    $W.WriteEndElement()
}

function Write-Syntax($W, $Help) {
    $W.WriteStartElement('command', 'syntax', $Ns.command)
    foreach ($set in Get-OrderedParameterSet $Help.Command) {
        $W.WriteStartElement('command', 'syntaxItem', $Ns.command)
        Write-Element $W 'maml' 'name' $Help.Command.Name
        foreach ($info in Get-SyntaxParameter $set) {
            $pipeline = Get-PipelineInput $info.ValueFromPipeline $info.ValueFromPipelineByPropertyName
            Write-Parameter $W $Help.Parameters[$info.Name] $info $pipeline -InSyntax
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Parameters($W, $Help) {
    $W.WriteStartElement('command', 'parameters', $Ns.command)
    foreach ($entry in $Help.Parameters.Values) {
        Write-Parameter $W $entry $entry.Info (Get-PipelineInput $entry.ByValue $entry.ByPropertyName)
    }
    $W.WriteEndElement()
}

function Write-TypeList($W, [string] $ListName, [string] $ItemName, $Items, [string] $NoneText) {
    $W.WriteStartElement('command', $ListName, $Ns.command)
    if (-not $Items) { $Items = @([pscustomobject]@{ Name = 'None'; Description = @($NoneText) }) }
    foreach ($item in $Items) {
        $W.WriteStartElement('command', $ItemName, $Ns.command)
        Write-Type $W $item.Name
        Write-Paragraphs $W 'maml' 'description' $item.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Get-InputType($Help) {
    foreach ($entry in $Help.Parameters.Values | Where-Object { $_.ByValue -or $_.ByPropertyName }) {
        $name = $entry.Info.Name
        $properties = (@($name) + @($entry.Info.Aliases)) -join ' or '
        $text = if ($entry.ByValue -and $entry.ByPropertyName) { "Binds to -$name by value, or from the $properties property of a piped object." }
        elseif ($entry.ByValue) { "Binds to -$name by value." }
        else { "Binds to -$name from the $properties property of a piped object." }
        [pscustomobject]@{ Name = $entry.Info.ParameterType.ToString(); Description = @($text) }
    }
}

function Write-Examples($W, $Help) {
    $W.WriteStartElement('command', 'examples', $Ns.command)
    $n = 0
    foreach ($example in $Help.Examples) {
        $n++
        $W.WriteStartElement('command', 'example', $Ns.command)
        Write-Element $W 'maml' 'title' "-------------------------- Example $n --------------------------"
        Write-Element $W 'dev' 'code' $example.Code
        # The empty last paragraph puts a blank line between an example and the next one's title.
        Write-Paragraphs $W 'dev' 'remarks' (@($example.Remarks) + '')
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command($W, $Help) {
    $command = $Help.Command
    $W.WriteStartElement('command', 'command', $Ns.command)
    $W.WriteStartElement('command', 'details', $Ns.command)
    Write-Element $W 'command' 'name' $command.Name
    Write-Element $W 'command' 'verb' $command.Verb
    Write-Element $W 'command' 'noun' $command.Noun
    Write-Paragraphs $W 'maml' 'description' @($Help.Synopsis)
    $W.WriteEndElement()
    Write-Paragraphs $W 'maml' 'description' $Help.Description
    Write-Syntax $W $Help
    Write-Parameters $W $Help
    Write-TypeList $W 'inputTypes' 'inputType' @(Get-InputType $Help) 'This cmdlet takes no input from the pipeline.'
    Write-TypeList $W 'returnValues' 'returnValue' $Help.Outputs 'This cmdlet writes no output.'
    Write-Examples $W $Help
    $W.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($name in $Help.Related) {
        $W.WriteStartElement('maml', 'navigationLink', $Ns.maml)
        Write-Element $W 'maml' 'linkText' $name
        Write-Element $W 'maml' 'uri' ''
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
    $W.WriteEndElement()
}

function Write-Maml([string] $Path, $Helps) {
    $settings = [System.Xml.XmlWriterSettings]@{
        Indent       = $true
        IndentChars  = '  '
        NewLineChars = "`n"
        Encoding     = [System.Text.UTF8Encoding]::new($false)
    }
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', $Ns.msh)
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($prefix in 'maml', 'command', 'dev') {
            $writer.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $Ns[$prefix])
        }
        foreach ($help in $Helps) { Write-Command $writer $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
}

#endregion

$docs = Get-DocIndex (Resolve-Path -LiteralPath $XmlDoc).Path
$module = Import-Module (Resolve-Path -LiteralPath $ModuleManifest).Path -Force -PassThru
$cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Noun, Verb)
if (-not $cmdlets) { throw "The module $($module.Name) exports no cmdlet." }
$names = @($cmdlets | ForEach-Object Name)
foreach ($cmdlet in $cmdlets) { $CmdletNamesByDocId[(Get-DocId 'T' $cmdlet.ImplementingType)] = $cmdlet.Name }
$helps = @(foreach ($cmdlet in $cmdlets) { Get-CommandHelp $cmdlet $docs $names })
if ($Problems.Count) {
    throw "Help is missing in the C# doc comments ($($Problems.Count)):`n  " + ($Problems -join "`n  ")
}
$outPath = [System.IO.Path]::GetFullPath($OutFile, (Get-Location).Path)
$null = New-Item -ItemType Directory -Path ([System.IO.Path]::GetDirectoryName($outPath)) -Force
Write-Maml $outPath $helps
Write-Host "Wrote help for $($cmdlets.Count) cmdlets to $outPath"
