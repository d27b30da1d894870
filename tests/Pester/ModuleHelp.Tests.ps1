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

    function Get-PrimaryParameter([System.Management.Automation.CommandInfo] $Command, [string] $Name) {
        # The parameter as the default parameter set has it, else as the first set that has it.
        $sets = @($Command.ParameterSets | Where-Object IsDefault) + @($Command.ParameterSets | Where-Object { -not $_.IsDefault })
        $sets.Parameters | Where-Object Name -EQ $Name | Select-Object -First 1
    }

    function Get-TypeLabel([type] $Type) {
        # String[], Int32, SwitchParameter; generic types as Nullable[Int32].
        if (-not $Type.IsGenericType) { return $Type.Name }
        ($Type.Name -replace '`\d+$', '') + '[' + (@($Type.GetGenericArguments() | ForEach-Object { Get-TypeLabel $_ }) -join ',') + ']'
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

Describe 'Help for <Name>' -ForEach $commandCases {
    BeforeAll {
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

    It 'has at least one example whose code runs the command' {
        $codes = @($help.Examples.Example | ForEach-Object { "$($_.Code)" })
        $codes.Count | Should -BeGreaterThan 0
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
            $parameter = Get-PrimaryParameter $command $ParameterName
            $parameterHelp = $helpParameters | Where-Object Name -EQ $ParameterName
        }

        It 'is in the help once' {
            @($parameterHelp).Count | Should -Be 1
        }

        It 'has a description' {
            Get-HelpText $parameterHelp.Description | Should -Not -BeNullOrEmpty
        }

        It 'has the right Required value' {
            $parameterHelp.Required | Should -Be $parameter.IsMandatory.ToString().ToLowerInvariant()
        }

        It 'has the right type' {
            "$($parameterHelp.parameterValue)".Trim() | Should -Be (Get-TypeLabel $parameter.ParameterType)
        }

        It 'has the right position' {
            $expected = if ($parameter.Position -ge 0) { "$($parameter.Position)" } else { 'named' }
            $parameterHelp.Position | Should -Be $expected
        }

        It 'has the right pipeline input' {
            $all = @($command.ParameterSets.Parameters | Where-Object Name -EQ $ParameterName)
            $byValue = [bool]@($all | Where-Object ValueFromPipeline).Count
            $byName = [bool]@($all | Where-Object ValueFromPipelineByPropertyName).Count
            $kinds = @(if ($byValue) { 'ByValue' }) + @(if ($byName) { 'ByPropertyName' })
            $expected = if ($kinds.Count) { "True ($($kinds -join ', '))" } else { 'False' }
            $parameterHelp.PipelineInput | Should -Be $expected
        }
    }
}
