using System.Security.Cryptography;
using System.Text;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Objects;

/// <summary>Links in the shape of Tencent COS presigned URLs (q-sign-algorithm … q-signature), for tasks whose file
/// lives on a real COS host (the reference example). The host does not resolve here; the link shows the format.</summary>
public sealed class CosPresigner(EmulatorOptions options)
{
    private const string AccessKeyId = "AKIDCosEmulatorPresign0000000000000000";
    private static readonly byte[] AccessKey = Encoding.ASCII.GetBytes("CosEmulatorPresignKey000000000000");

    public string Presign(DownloadTask task, DateTimeOffset now)
    {
        var host = $"{task.Bucket}.cos.{task.Region}.myqcloud.com";
        var path = $"/{task.InstanceId}/{task.ReplicaSetId}/{task.BackupName}{task.Extension}";
        var start = now.ToUnixTimeSeconds();
        var keyTime = $"{start};{start + options.UrlTtlSeconds}";
        var signKey = Convert.ToHexStringLower(HMACSHA1.HashData(AccessKey, Encoding.UTF8.GetBytes(keyTime)));
        var httpString = $"get\n{path}\n\nhost={host}\n";
        var stringToSign = $"sha1\n{keyTime}\n{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(httpString)))}\n";
        var signature = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(signKey), Encoding.UTF8.GetBytes(stringToSign)));
        var escapedPath = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return $"https://{host}{escapedPath}?q-sign-algorithm=sha1&q-ak={AccessKeyId}&q-sign-time={Uri.EscapeDataString(keyTime)}"
            + $"&q-key-time={Uri.EscapeDataString(keyTime)}&q-header-list=host&q-url-param-list=&q-signature={signature}";
    }
}
