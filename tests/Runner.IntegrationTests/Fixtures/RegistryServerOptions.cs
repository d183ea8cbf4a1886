using System.Collections.Immutable;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>How a <see cref="RegistryServer"/> is shaped: the options of hack/registry.sh.</summary>
public sealed record RegistryServerOptions
{
    /// <summary>HTTPS with a server certificate signed by a CA made for this registry (<c>--tls</c>).</summary>
    public bool Tls { get; init; }

    /// <summary>The one user htpasswd lets in (<c>--htpasswd USER:PASSWORD</c>), or null for no authentication.</summary>
    public string? User { get; init; }

    /// <summary>That user's password.</summary>
    public string? Password { get; init; }

    /// <summary>More names the certificate and the auth file cover besides 127.0.0.1 and localhost (<c>--host NAME</c>).</summary>
    public ImmutableArray<string> HostNames { get; init; } = [];
}
