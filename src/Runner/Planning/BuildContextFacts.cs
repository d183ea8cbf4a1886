namespace BuildRunner.Planning;

/// <summary>One named build context (<c>build-runner/build-contexts</c>) as the file system shows it.</summary>
/// <param name="Name">The name <c>COPY --from=</c> uses.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Directory">The folder, absolute; null for an image or URL, which buildah fetches itself.</param>
/// <param name="DirectoryExists">Whether <paramref name="Directory"/> is a folder (true for an image or URL).</param>
public sealed record BuildContextFacts(string Name, string Value, string? Directory, bool DirectoryExists)
{
    /// <summary>The prefixes of values buildah fetches rather than reads from a folder.</summary>
    public static readonly IReadOnlyList<string> RemotePrefixes = ["docker-image://", "container-image://", "docker://", "http://", "https://"];

    /// <summary>Whether <paramref name="value"/> names an image or URL rather than a folder.</summary>
    public static bool IsRemote(string value) => RemotePrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal));

    /// <summary>What buildah's <c>--build-context</c> gets: the absolute folder, or the value as written.</summary>
    public string Argument => Directory ?? Value;
}
