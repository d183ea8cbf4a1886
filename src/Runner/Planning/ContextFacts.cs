namespace BuildRunner.Planning;

/// <summary>The build context and Containerfile as the file system shows them.</summary>
/// <param name="Directory">The context folder, absolute.</param>
/// <param name="DirectoryExists">Whether it is a folder.</param>
/// <param name="Containerfile">The Containerfile the settings name, absolute, or null to let buildah look in the context.</param>
/// <param name="ContainerfileExists">Whether <paramref name="Containerfile"/> is a file, or (when it is null) whether the
/// context holds a <c>Containerfile</c> or a <c>Dockerfile</c>.</param>
public sealed record ContextFacts(string Directory, bool DirectoryExists, string? Containerfile, bool ContainerfileExists)
{
    /// <summary>Whether <see cref="Directory"/> names a file rather than a folder.</summary>
    public bool IsFile { get; init; }

    /// <summary>The Containerfile's text, read for a hermetic build (its base images are pulled first), else null.</summary>
    public string? ContainerfileText { get; init; }
}
