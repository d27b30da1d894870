using System;

namespace MongoBackup.Client
{
    /// <summary>
    /// What the transport needs to know of one API action: its name (the X-TC-Action header), whether repeating it is
    /// harmless (then every transient failure is retried), and its documented requests-per-second limit. The typed API
    /// layer (MongoBackup.Api) declares one per action; the transport never spells an action's name.
    /// </summary>
    internal sealed class ActionDescriptor
    {
        public const int DefaultRequestsPerSecond = 20;

        public ActionDescriptor(ServiceDescriptor service, string name, bool safe, int requestsPerSecond = DefaultRequestsPerSecond,
            bool unsigned = false, bool sensitive = false)
        {
            Unsigned = unsigned;
            Sensitive = sensitive;
            Service = service ?? throw new ArgumentNullException(nameof(service));
            Name = string.IsNullOrEmpty(name) ? throw new ArgumentNullException(nameof(name)) : name;
            Safe = safe;
            RequestsPerSecond = requestsPerSecond < 1 ? throw new ArgumentOutOfRangeException(nameof(requestsPerSecond)) : requestsPerSecond;
        }

        public ServiceDescriptor Service { get; }
        public string Name { get; }
        /// <summary>The action changes nothing (Describe*), so a repeat is harmless.</summary>
        public bool Safe { get; }
        public int RequestsPerSecond { get; }
        /// <summary>
        /// The action is sent without a signature (Authorization: SKIP, as the official SDKs send it, and no X-TC-Token):
        /// STS AssumeRoleWithWebIdentity, whose proof is the token in its body.
        /// </summary>
        public bool Unsigned { get; }
        /// <summary>The request body or the answer carries secrets (a token, temporary keys): neither is ever quoted in a log or a message.</summary>
        public bool Sensitive { get; }

        public override string ToString() => Name;
    }

    /// <summary>A Tencent Cloud API service: the name in the TC3 credential scope and the API version.</summary>
    internal sealed class ServiceDescriptor
    {
        public ServiceDescriptor(string name, string version)
        {
            Name = name;
            Version = version;
        }

        public string Name { get; }
        public string Version { get; }
    }
}
