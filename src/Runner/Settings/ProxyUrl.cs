namespace BuildRunner.Settings;

/// <summary>
/// A proxy URL as buildah (Go's proxy-from-environment) reads it: <c>scheme://[user:password@]host[:port]</c>, where a
/// value without a scheme means <c>http://</c>. The password is a secret: it is masked wherever the value is shown.
/// </summary>
public static class ProxyUrl
{
    /// <summary>The schemes Go's HTTP client proxies through.</summary>
    public static readonly IReadOnlyList<string> Schemes = ["http", "https", "socks5"];

    /// <summary>Why <paramref name="value"/> is no proxy URL, or null when it is one.</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(char.IsWhiteSpace))
        {
            return "a space";
        }
        if (!Uri.TryCreate(WithScheme(value), UriKind.Absolute, out var uri))
        {
            return "not a URL";
        }
        if (!Schemes.Contains(uri.Scheme))
        {
            return $"the scheme {uri.Scheme} is not one of {string.Join(", ", Schemes)}";
        }
        if (uri.Host.Length == 0)
        {
            return "no host";
        }
        return uri.AbsolutePath is "/" or "" && uri.Query.Length == 0 ? null : "a path after the host";
    }

    /// <summary>The password written in <paramref name="value"/>, or null.</summary>
    public static string? Password(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf('@');
        var start = value.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? s + 3 : 0;
        if (at < start)
        {
            return null;
        }
        var userInfo = value[start..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon < userInfo.Length - 1 ? userInfo[(colon + 1)..] : null;
    }

    /// <summary><paramref name="value"/> with its password replaced by <c>***</c>, safe to show.</summary>
    public static string Shown(string value) =>
        Password(value) is string password ? value.Replace(":" + password + "@", ":***@", StringComparison.Ordinal) : value;

    private static string WithScheme(string value) => value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
}
