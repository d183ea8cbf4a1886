namespace BuildRunner.Buildah;

/// <summary>A failed buildah run, understood: the problem to report, and whether running the step again may help.</summary>
/// <param name="Problem">The catalog entry with a message naming the culprit and a specific fix.</param>
/// <param name="RetryByRunner">
/// Whether the runner should run the step again: a registry answered HTTP 5xx or 429, which buildah 1.28 does not retry
/// itself. Connection failures are false here because buildah already retried them (<c>--retry</c>,
/// <c>--retry-delay</c>); credentials, TLS, not-found and Containerfile failures are false because another try
/// would fail the same way.
/// </param>
public sealed record BuildahFailure(Problem Problem, bool RetryByRunner);
