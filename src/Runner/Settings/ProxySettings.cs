using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>
/// The proxies buildah's own pulls and pushes go through, set in buildah's environment (Go's HTTP client reads
/// <c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c> and <c>NO_PROXY</c>, upper case first). A value that is not set leaves the pod's
/// own variable as it is. RUN steps see none of them: the build passes buildah <c>--http-proxy=false</c>.
/// </summary>
/// <param name="Http">Proxy for http:// registries, or null.</param>
/// <param name="Https">Proxy for https:// registries, or null.</param>
/// <param name="NoProxy">Hosts reached directly (comma-separated), or null.</param>
public sealed record ProxySettings(string? Http, string? Https, string? NoProxy)
{
    /// <summary>No proxy setting: the pod's environment decides.</summary>
    public static ProxySettings None { get; } = new(null, null, null);

    /// <summary>
    /// The variables to set for buildah: both spellings of each, so a lower-case one in the pod's environment cannot
    /// disagree with the setting (curl-style tools read the lower-case one).
    /// </summary>
    public ImmutableDictionary<string, string?> Variables()
    {
        var variables = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        void Set(string name, string? value)
        {
            if (value is not null)
            {
                variables[name.ToUpperInvariant()] = value;
                variables[name] = value;
            }
        }
        Set("http_proxy", Http);
        Set("https_proxy", Https);
        Set("no_proxy", NoProxy);
        return variables.ToImmutable();
    }

    /// <summary>The passwords written in the proxy URLs: secrets to mask.</summary>
    public IEnumerable<string> Passwords() =>
        new[] { Http, Https }.OfType<string>().Select(ProxyUrl.Password).OfType<string>();
}
