using System.Collections.Immutable;
using BuildRunner.Reporting;

namespace BuildRunner.Cli;

/// <summary>What a build has found out so far, so a failure at any step still reports all that was known.</summary>
internal sealed class BuildProgress
{
    public ImmutableArray<string> Images { get; set; } = [];

    public UserNamespaceReport? UserNamespace { get; set; }

    public string? StorageDriver { get; set; }

    public string? ImageId { get; set; }

    public string? Digest { get; set; }

    public BuildResult Succeeded(TimeSpan elapsed) => Result("succeeded", elapsed, null);

    public BuildResult Failed(RunnerException failure, TimeSpan elapsed) => Result("failed", elapsed, ErrorReport.Of(failure));

    private BuildResult Result(string status, TimeSpan elapsed, ErrorReport? error) => new()
    {
        Status = status,
        Image = Images.IsDefaultOrEmpty ? null : Images[0],
        Images = Images.IsDefault ? [] : Images,
        Digest = Digest,
        ImageId = ImageId,
        StorageDriver = StorageDriver,
        UserNamespace = UserNamespace,
        DurationSeconds = Math.Round(elapsed.TotalSeconds, 3),
        Error = error,
    };
}
