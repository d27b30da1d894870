#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The help of every exported command, as Get-Help shows it from the module's MAML file (generated from the C# doc
# comments by build/New-MamlHelp.ps1). Modelled on PSScriptAnalyzer's Tests/Engine/ModuleHelp.Tests.ps1: no
# auto-generated stub, a description, examples, a description for each parameter, and help that matches the code.
# Needs the built module: out/MongoBackup (build.ps1 -Task Build).

BeforeDiscovery {
    $manifestPath = "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1"
    $moduleName = [System.IO.Path]::GetFileNameWithoutExtension($manifestPath)
    Get-Module $moduleName | Remove-Module -Force
    $module = Import-Module $manifestPath -Force -PassThru -ErrorAction Stop
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters

    $commandCases = foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet, Function | Sort-Object Name) {
        $parameterNames = @($command.ParameterSets.Parameters.Name | Where-Object { $_ -notin $common } | Select-Object -Unique)
        @{
            Name           = $command.Name
            ModuleName     = $module.Name
            ParameterCases = @($parameterNames | ForEach-Object { @{ ParameterName = $_ } })
        }
    }
}

BeforeAll {
    $script:ManifestPath = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
    $script:ModuleName = [System.IO.Path]::GetFileNameWithoutExtension($script:ManifestPath)
    Get-Module $script:ModuleName | Remove-Module -Force
    $script:Module = Import-Module $script:ManifestPath -Force -PassThru -ErrorAction Stop
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters

    # The parameters as the C# source declares them (an independent reading: not the compiled metadata that the help
    # generator reads): per class its base class, default parameter set and [Parameter] attributes.
    function Get-SourceClasses {
        $classes = @{}
        foreach ($file in Get-ChildItem "$PSScriptRoot/../../src/MongoBackup/Cmdlets" -Filter *.cs) {
            $text = Get-Content $file.FullName -Raw
            $consts = @{}
            foreach ($m in [regex]::Matches($text, 'const string (\w+) = "([^"]*)";')) { $consts[$m.Groups[1].Value] = $m.Groups[2].Value }
            $declarations = @([regex]::Matches($text, '(?m)^\s*(?:\[Cmdlet\(([^\n]*)\)\]\s*(?:\[[^\n]*\]\s*)*)?public (?:sealed |abstract )?class (\w+)\s*:\s*(\w+)'))
            for ($i = 0; $i -lt $declarations.Count; $i++) {
                $d = $declarations[$i]
                $end = if ($i + 1 -lt $declarations.Count) { $declarations[$i + 1].Index } else { $text.Length }
                $body = $text.Substring($d.Index, $end - $d.Index)
                $default = $null
                if ($d.Groups[1].Value -match 'DefaultParameterSetName = (\w+)') { $default = $consts[$Matches[1]] }
                $parameters = @{}
                foreach ($p in [regex]::Matches($body, '((?:\s*\[[^\n]*\]\s*\n)+)\s*public ([\w\[\]]+) (\w+) \{ get; set; \}')) {
                    $attributes = @([regex]::Matches($p.Groups[1].Value, '\[Parameter(?:\(([^\n]*)\))?\]') | ForEach-Object {
                            $a = $_.Groups[1].Value
                            [pscustomobject]@{
                                Set       = if ($a -match 'ParameterSetName = (\w+)') { $consts[$Matches[1]] } else { $null }
                                Mandatory = $a -match 'Mandatory = true'
                                Position  = if ($a -match 'Position = (\d+)') { $Matches[1] } else { 'named' }
                                ByValue   = $a -match 'ValueFromPipeline = true'
                                ByName    = $a -match 'ValueFromPipelineByPropertyName = true'
                            }
                        })
                    if ($attributes.Count) { $parameters[$p.Groups[3].Value] = [pscustomobject]@{ Type = $p.Groups[2].Value; Attributes = $attributes } }
                }
                $classes[$d.Groups[2].Value] = [pscustomobject]@{
                    Base = $d.Groups[3].Value; Default = $default; Parameters = $parameters
                    Paging = $d.Groups[1].Value -match 'SupportsPaging = true'; ShouldProcess = $d.Groups[1].Value -match 'SupportsShouldProcess = true'
                }
            }
        }
        $classes
    }

    # A parameter of a cmdlet class as the source declares it, looking through its base classes.
    function Find-SourceParameter([hashtable] $Classes, [string] $ClassName, [string] $Name) {
        $default = $Classes[$ClassName].Default
        # SupportsPaging = true in the source: PowerShell adds -First, -Skip (UInt64) and -IncludeTotalCount.
        $paging = @{ First = 'UInt64'; Skip = 'UInt64'; IncludeTotalCount = 'SwitchParameter' }
        # SupportsShouldProcess = true: PowerShell adds -WhatIf and -Confirm.
        $shouldProcess = @{ WhatIf = 'SwitchParameter'; Confirm = 'SwitchParameter' }
        $added = if ($Classes[$ClassName].Paging -and $paging.ContainsKey($Name)) { $paging[$Name] }
            elseif ($Classes[$ClassName].ShouldProcess -and $shouldProcess.ContainsKey($Name)) { $shouldProcess[$Name] }
        if ($added) {
            $attribute = [pscustomobject]@{ Set = $null; Mandatory = $false; Position = 'named'; ByValue = $false; ByName = $false }
            return [pscustomobject]@{ Type = $added; Primary = $attribute; Attributes = @($attribute) }
        }
        for ($c = $ClassName; $Classes.ContainsKey($c); $c = $Classes[$c].Base) {
            $p = $Classes[$c].Parameters[$Name]
            if ($p) {
                $primary = @($p.Attributes | Where-Object { $default -and $_.Set -eq $default }) + @($p.Attributes | Where-Object { -not $_.Set }) + @($p.Attributes)
                return [pscustomobject]@{ Type = $p.Type; Primary = $primary[0]; Attributes = $p.Attributes }
            }
        }
        $null
    }

    # C# type names as the help shows them.
    function Get-SourceTypeLabel([string] $Type) {
        $keywords = @{ string = 'String'; int = 'Int32'; long = 'Int64'; bool = 'Boolean'; double = 'Double'; object = 'Object' }
        $array = $Type.EndsWith('[]')
        $name = $Type.TrimEnd('[', ']')
        if ($keywords.ContainsKey($name)) { $name = $keywords[$name] }
        if ($array) { "$name[]" } else { $name }
    }

    function Get-HelpText($Paragraphs) {
        # The text of a help description (an array of objects with a Text property), trimmed.
        ((@($Paragraphs) | ForEach-Object { $_.Text }) -join "`n").Trim()
    }
}

Describe 'The module' {
    It 'exports exactly the commands its manifest lists' {
        $manifest = Import-PowerShellDataFile $script:ManifestPath
        $expected = @($manifest.CmdletsToExport) + @($manifest.FunctionsToExport) + @($manifest.AliasesToExport) | Where-Object { $_ } | Sort-Object
        $actual = @(Get-Command -Module $script:ModuleName | ForEach-Object Name | Sort-Object)
        $expected | Should -Not -BeNullOrEmpty
        $actual | Should -Be $expected
    }

    It 'exports the listed cmdlets as cmdlets' {
        $manifest = Import-PowerShellDataFile $script:ManifestPath
        foreach ($name in $manifest.CmdletsToExport) {
            (Get-Command $name -Module $script:ModuleName -ErrorAction Stop).CommandType | Should -Be 'Cmdlet' -Because $name
        }
    }
}

Describe 'about_MongoBackup' {
    BeforeAll {
        $script:about = (Get-Help about_MongoBackup -ErrorAction Stop | Out-String)
        $script:aboutFile = Join-Path (Split-Path $script:ManifestPath) 'en-US/about_MongoBackup.help.txt'
    }

    It 'is installed with the module as an about topic' {
        Test-Path $aboutFile | Should -BeTrue
        $about | Should -Match 'about_MongoBackup'
    }

    It 'covers <Topic>' -ForEach @(
        @{ Topic = 'the credential chain and its order'; Pattern = '(?s)THE\s+CREDENTIAL\s+CHAIN.*parameters.*session.*environment.*credentials\s+file.*tccli.*CAM\s+role\s+bound\s+to\s+this\s+CVM.*TKE.s\s+OIDC\s+web\s+identity.*-RoleArn.*5\s+minutes\s+before' }
        @{ Topic = 'the checksum'; Pattern = '(?s)DOWNLOADS.*x-cos-hash-crc64ecma.*ChecksumMismatch.*-SkipChecksum' }
        @{ Topic = 'private files'; Pattern = '(?s)DOWNLOADS.*0600.*0700' }
        @{ Topic = 'regions and -Region *'; Pattern = '(?s)REGIONS\s+AND\s+-REGION\s+\*.*MissingRegion.*RequestRegion' }
        @{ Topic = 'paging and the offset probe'; Pattern = '(?s)PAGING\s+AND\s+THE\s+OFFSET\s+PROBE.*Offset\s+0.*Offset\s+1.*IncompleteListing' }
        @{ Topic = 'time zones'; Pattern = '(?s)TIME\s+ZONES.*UTC\+08:00.*DateTimeOffset' }
        @{ Topic = 'retries and limits'; Pattern = '(?s)RETRIES\s+AND\s+LIMITS.*-MaxRetries.*150\s+requests\s+per\s+second' }
        @{ Topic = 'the emulator'; Pattern = '(?s)THE\s+EMULATOR.*AKIDMongoBackupEmulator' }
        @{ Topic = 'troubleshooting by error code'; Pattern = '(?s)TROUBLESHOOTING\s+BY\s+ERROR\s+CODE.*MissingCredential.*AuthFailure.SignatureExpire' }
    ) {
        $about | Should -Match $Pattern
    }

    It 'is wrapped for an 80-column console (code lines aside)' {
        $long = @(Get-Content $aboutFile | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}' })
        $long | Should -BeNullOrEmpty
    }
}

Describe 'Help for <Name>' -ForEach $commandCases {
    BeforeAll {
        $sourceClasses = Get-SourceClasses
        $command = Get-Command "$ModuleName\$Name" -ErrorAction Stop
        $help = Get-Help "$ModuleName\$Name" -Full -ErrorAction Stop
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'is not the auto-generated syntax stub' {
        # Without a help file Get-Help makes the synopsis from the syntax: "Name [-P <T>] [<CommonParameters>]".
        $help.Synopsis | Should -Not -BeLike '*`[`<CommonParameters`>`]*'
        $help.Synopsis | Should -Not -BeLike "$Name *"
        $help.ModuleName | Should -Be $ModuleName
    }

    It 'has a synopsis' {
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has a description' {
        Get-HelpText $help.Description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, one of whose code runs the command' {
        $codes = @($help.Examples.Example | ForEach-Object { "$($_.Code)" })
        $codes.Count | Should -BeGreaterOrEqual 2
        @($codes | Where-Object { $_ -match "(^|[^\w-])$([regex]::Escape($Name))(?![\w-])" }).Count | Should -BeGreaterThan 0
    }

    It 'says what each example does' {
        foreach ($example in @($help.Examples.Example)) {
            "$($example.Code)".Trim() | Should -Not -BeNullOrEmpty -Because $example.Title
            Get-HelpText $example.Remarks | Should -Not -BeNullOrEmpty -Because $example.Title
        }
    }

    It 'shows one syntax per parameter set' {
        @($help.Syntax.SyntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'lists exactly the parameters of the command (no stale ones)' {
        $inCode = @($command.Parameters.Keys | Where-Object { $_ -notin $script:Common } | Sort-Object)
        $inHelp = @($helpParameters | ForEach-Object Name | Sort-Object)
        $inHelp | Should -Be $inCode
    }

    Context 'parameter -<ParameterName>' -ForEach $ParameterCases {
        BeforeAll {
            $parameterHelp = $helpParameters | Where-Object Name -EQ $ParameterName
            $source = Find-SourceParameter $sourceClasses $command.ImplementingType.Name $ParameterName
        }

        It 'is declared in the C# source' {
            $source | Should -Not -BeNullOrEmpty -Because "the source of $($command.ImplementingType.Name) or its bases must declare -$ParameterName"
        }

        It 'is in the help once' {
            @($parameterHelp).Count | Should -Be 1
        }

        It 'has a description' {
            Get-HelpText $parameterHelp.Description | Should -Not -BeNullOrEmpty
        }

        It 'states the values it accepts (every enum name, the range''s bounds, the set)' {
            $text = Get-HelpText $parameterHelp.Description
            $p = $command.Parameters[$ParameterName]
            $type = $p.ParameterType
            if ($type.IsArray) { $type = $type.GetElementType() }
            if ([Nullable]::GetUnderlyingType($type)) { $type = [Nullable]::GetUnderlyingType($type) }
            if ($type.IsEnum) {
                foreach ($name in [Enum]::GetNames($type)) { $text | Should -Match "\b$name\b" -Because "-$ParameterName takes $($type.Name) values" }
            }
            foreach ($range in @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] })) {
                foreach ($bound in $range.MinRange, $range.MaxRange) {
                    # A bound at its type's maximum means "or more", said in words.
                    $shown = if (($bound -is [int] -and $bound -eq [int]::MaxValue) -or ($bound -is [long] -and $bound -eq [long]::MaxValue)) { 'more' } else { [string]$bound }
                    if ($shown -ne 'more') { $text | Should -Match "(?<![\d.])$([regex]::Escape($shown))(?![\d])" -Because "-$ParameterName's range is $($range.MinRange) to $($range.MaxRange)" }
                }
            }
            foreach ($set in @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })) {
                foreach ($value in $set.ValidValues) { $text | Should -Match ([regex]::Escape($value)) }
            }
        }

        # The expected values below come from the source text; the help comes from the generated MAML.
        It 'has the Required value of the source' {
            $parameterHelp.Required | Should -Be $source.Primary.Mandatory.ToString().ToLowerInvariant()
        }

        It 'has the type of the source' {
            "$($parameterHelp.parameterValue)".Trim() | Should -Be (Get-SourceTypeLabel $source.Type)
        }

        It 'has the position of the source' {
            $parameterHelp.Position | Should -Be $source.Primary.Position
        }

        It 'has the pipeline input of the source' {
            $byValue = [bool]@($source.Attributes | Where-Object ByValue).Count
            $byName = [bool]@($source.Attributes | Where-Object ByName).Count
            $kinds = @(if ($byValue) { 'ByValue' }) + @(if ($byName) { 'ByPropertyName' })
            $expected = if ($kinds.Count) { "True ($($kinds -join ', '))" } else { 'False' }
            $parameterHelp.PipelineInput | Should -Be $expected
        }
    }
}
