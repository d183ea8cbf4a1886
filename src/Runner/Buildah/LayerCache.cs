namespace BuildRunner.Buildah;

/// <summary>
/// A registry layer cache as the build uses it: buildah 1.28's <c>bud --cache-from REPO</c> (pull a step's layer
/// instead of running the step) and, when <paramref name="Push"/>, <c>--cache-to REPO</c> (push each layer made).
/// buildah takes both only with <c>--layers</c> and ignores them without.
/// </summary>
/// <param name="Repository">The repository, without tag or digest: buildah tags each layer with its cache key.</param>
/// <param name="Push">Whether new layers are pushed to it as well as read from it.</param>
public sealed record LayerCache(string Repository, bool Push)
{
    /// <summary>buildah's words when it could not push a layer to the cache; it ends the build then (measured with 1.28).</summary>
    public const string PushFailedMarker = "failed pushing cache to";

    /// <summary>
    /// buildah's warning when it could not read the cache, or null when it read it or found no layer there (a miss is
    /// silent). buildah 1.28 retries an unreachable cache three times, 2 s apart, then runs the step: the build goes
    /// on, slower, and the pod owner should hear why.
    /// </summary>
    public string? ReadFailure(BuildahOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var source = $"docker://{Repository}:";
        return outcome.Warnings.FirstOrDefault(l => l.Contains(source, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether <paramref name="outcome"/> is a build that failed because the cache could not be written (unreachable,
    /// refused, failing): buildah stops the whole build then, though the image itself was fine. Reading the cache never
    /// fails a build (see <see cref="ReadFailure"/>).
    /// </summary>
    public static bool FailedWriting(BuildahOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return !outcome.Succeeded && outcome.ErrorLines().Any(l => l.Contains(PushFailedMarker, StringComparison.Ordinal));
    }
}
