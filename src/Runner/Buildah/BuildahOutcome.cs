using System.Collections.Immutable;

namespace BuildRunner.Buildah;

/// <summary>How a buildah run ended.</summary>
/// <param name="ExitCode">buildah's exit code.</param>
/// <param name="Tail">The last lines buildah wrote (both streams), for error reports.</param>
/// <param name="ProcessId">The process ID buildah had.</param>
public sealed record BuildahOutcome(int ExitCode, ImmutableArray<string> Tail, int ProcessId)
{
    /// <summary>
    /// The first warnings buildah logged (<c>level=warning</c>), kept whole however long the run: they come early
    /// (a layer cache it could not read, a retried pull) and would have left the tail by the end.
    /// </summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary>Whether buildah exited 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The lines that say what went wrong: buildah's <c>Error:</c> line and the lines just before it (a failing
    /// RUN step's own output), at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<string> ErrorLines(int max = 6)
    {
        var lines = Tail.Where(l => l.Trim().Length > 0).ToList();
        var last = lines.FindLastIndex(l => l.StartsWith("Error:", StringComparison.Ordinal) || l.Contains("level=error", StringComparison.Ordinal));
        var end = last >= 0 ? last + 1 : lines.Count;
        var start = Math.Max(0, end - max);
        return lines.GetRange(start, end - start);
    }
}
