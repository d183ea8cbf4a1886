namespace BuildRunner.Planning;

/// <summary>
/// An image reference in the form containers/storage records it in a store's index (<c>names</c>): the registry
/// host made explicit (<c>docker.io</c>, with <c>library/</c> for a one-part name) and <c>:latest</c> when neither
/// tag nor digest is given. It tells whether a store already holds an image without asking buildah.
/// </summary>
public static class ImageName
{
    /// <summary>The stored form of <paramref name="reference"/> (a leading <c>docker://</c> is dropped).</summary>
    public static string Normalize(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var name = reference.StartsWith("docker://", StringComparison.Ordinal) ? reference["docker://".Length..] : reference;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : name[..slash];
        // The first part is a registry host only when it looks like one, as the Docker reference grammar has it.
        if (slash < 0 || !(first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        var lastPart = name[(name.LastIndexOf('/') + 1)..];
        if (!lastPart.Contains(':', StringComparison.Ordinal) && !lastPart.Contains('@', StringComparison.Ordinal))
        {
            name += ":latest";
        }
        return name;
    }
}
