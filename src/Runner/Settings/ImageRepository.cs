using System.Text.RegularExpressions;

namespace BuildRunner.Settings;

/// <summary>
/// A registry repository named without tag or digest (<c>registry.example.com/team/cache</c>), as buildah's
/// <c>--cache-from</c> and <c>--cache-to</c> take it. buildah 1.28 refuses anything else only once the build
/// starts ("unable to parse value provided ... must contain registry and repository"); checking it with the
/// settings names the setting instead.
/// </summary>
public static partial class ImageRepository
{
    /// <summary>
    /// Reads <paramref name="text"/> (a leading <c>docker://</c> is dropped); false with the reason when it is not a
    /// repository on a named registry host.
    /// </summary>
    public static bool TryParse(string text, out string repository, out string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        repository = text.Trim();
        if (repository.StartsWith("docker://", StringComparison.Ordinal))
        {
            repository = repository["docker://".Length..];
        }
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        // As Docker reads a name: the first part is a registry host only when it has a dot or a port, or is localhost.
        var host = slash > 0 ? repository[..slash] : "";
        if (host.Length == 0 || !(host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost"))
        {
            reason = "it names no registry host: write HOST/PATH, such as registry.example.com/team/cache or docker.io/team/cache";
            return false;
        }
        var path = repository[(slash + 1)..];
        if (path.Contains('@', StringComparison.Ordinal))
        {
            reason = "it holds a digest: name the repository alone (the cache tags each layer itself)";
            return false;
        }
        if (path.Contains(':', StringComparison.Ordinal))
        {
            reason = "it holds a tag: name the repository alone (the cache tags each layer itself)";
            return false;
        }
        if (!Host().IsMatch(host))
        {
            reason = $"\"{host}\" is not a registry host name with an optional port";
            return false;
        }
        if (!Path().IsMatch(path))
        {
            reason = "the path after the host must be lower-case letters, digits and separators (. _ __ -) between them, in parts joined by /";
            return false;
        }
        reason = "";
        return true;
    }

    // distribution/reference's grammar: domain components, an optional port; or a bracketed IPv6 address.
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$")]
    private static partial Regex Host();

    // distribution/reference's path components, lower case only.
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Path();
}
