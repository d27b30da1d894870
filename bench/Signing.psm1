# Hand-signed TC3-HMAC-SHA256 calls with Invoke-RestMethod: the "what a script would do without the module" peer of
# bench/Bench.ps1. Independent of the module's signer (and of the emulator harness's).
Set-StrictMode -Version Latest

function Get-Hex([byte[]] $Bytes) { [Convert]::ToHexStringLower($Bytes) }

function Invoke-SignedRestMethod {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $Action,
        [Parameter(Mandatory)] [hashtable] $Body,
        [Parameter(Mandatory)] [string] $SecretId,
        [Parameter(Mandatory)] [string] $SecretKey,
        [string] $Region = 'ap-guangzhou',
        [string] $Service = 'mongodb',
        [string] $Version = '2019-07-25'
    )
    $json = ConvertTo-Json -InputObject $Body -Compress -Depth 10
    $uri = [Uri]"$Endpoint/"
    $timestamp = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $date = [DateTimeOffset]::FromUnixTimeSeconds($timestamp).UtcDateTime.ToString('yyyy-MM-dd')
    $contentType = 'application/json; charset=utf-8'
    $payloadHash = Get-Hex ([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($json)))
    $canonical = "POST`n/`n`ncontent-type:$contentType`nhost:$($uri.Authority)`n`ncontent-type;host`n$payloadHash"
    $scope = "$date/$Service/tc3_request"
    $toSign = "TC3-HMAC-SHA256`n$timestamp`n$scope`n$(Get-Hex ([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($canonical))))"
    $kDate = [Security.Cryptography.HMACSHA256]::HashData([Text.Encoding]::UTF8.GetBytes("TC3$SecretKey"), [Text.Encoding]::UTF8.GetBytes($date))
    $kService = [Security.Cryptography.HMACSHA256]::HashData($kDate, [Text.Encoding]::UTF8.GetBytes($Service))
    $kSigning = [Security.Cryptography.HMACSHA256]::HashData($kService, [Text.Encoding]::UTF8.GetBytes('tc3_request'))
    $signature = Get-Hex ([Security.Cryptography.HMACSHA256]::HashData($kSigning, [Text.Encoding]::UTF8.GetBytes($toSign)))
    $headers = @{
        'Authorization'  = "TC3-HMAC-SHA256 Credential=$SecretId/$scope, SignedHeaders=content-type;host, Signature=$signature"
        'X-TC-Action'    = $Action
        'X-TC-Version'   = $Version
        'X-TC-Timestamp' = "$timestamp"
        'X-TC-Region'    = $Region
    }
    (Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body $json -ContentType $contentType -SkipHeaderValidation).Response
}

Export-ModuleMember -Function Invoke-SignedRestMethod
