namespace BuildRunner.Reporting;

/// <summary>The result file of a build: what a controller or a person reads after the pod ends.</summary>
public sealed record BuildResult
{
    /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The first output image reference, or null when none was asked for.</summary>
    public string? Image { get; init; }

    /// <summary>Every output image reference.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>The pushed manifest digest (<c>sha256:...</c>), or null when nothing was pushed.</summary>
    public string? Digest { get; init; }

    /// <summary>
    /// The first pushed image's compressed size in bytes: the config's and every layer's size in the manifest the
    /// registry holds; null when nothing was pushed or the manifest could not be read back.
    /// </summary>
    public long? SizeBytes { get; init; }

    /// <summary>The local image ID.</summary>
    public string? ImageId { get; init; }

    /// <summary>The storage driver used, or null when none was chosen.</summary>
    public string? StorageDriver { get; init; }

    /// <summary>How the build was mapped.</summary>
    public UserNamespaceReport? UserNamespace { get; init; }

    /// <summary>Wall time from start to end.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Why the build failed, or null.</summary>
    public ProblemReport? Error { get; init; }
}
