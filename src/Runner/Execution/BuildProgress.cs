using System.Collections.Immutable;
using BuildRunner.Reporting;

namespace BuildRunner.Execution;

/// <summary>
/// What a build has found out so far, so a failure at any step still reports all that was known. Filled in as the
/// build goes (one build, one thread at a time), then turned into the immutable <see cref="BuildResult"/>.
/// </summary>
public sealed class BuildProgress
{
    /// <summary>The output images.</summary>
    public ImmutableArray<string> Images { get; set; } = [];

    /// <summary>The user namespace the build ran in.</summary>
    public UserNamespaceReport? UserNamespace { get; set; }

    /// <summary>The storage driver chosen.</summary>
    public string? StorageDriver { get; set; }

    /// <summary>The built image's ID.</summary>
    public string? ImageId { get; set; }

    /// <summary>The first pushed image's digest.</summary>
    public string? Digest { get; set; }

    /// <summary>The first pushed image's compressed size, read back from the registry's manifest; null when unknown.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>The result of a build that succeeded.</summary>
    public BuildResult Succeeded(TimeSpan elapsed) => Result("succeeded", elapsed, null);

    /// <summary>The result of a build that ended with <paramref name="failure"/>.</summary>
    public BuildResult Failed(RunnerException failure, TimeSpan elapsed) => Result("failed", elapsed, ProblemReport.Of(failure));

    private BuildResult Result(string status, TimeSpan elapsed, ProblemReport? error) => new()
    {
        Status = status,
        Image = Images.IsDefaultOrEmpty ? null : Images[0],
        Images = Images.IsDefault ? [] : Images,
        Digest = Digest,
        SizeBytes = SizeBytes,
        ImageId = ImageId,
        StorageDriver = StorageDriver,
        UserNamespace = UserNamespace,
        DurationSeconds = Math.Round(elapsed.TotalSeconds, 3),
        Error = error,
    };
}
