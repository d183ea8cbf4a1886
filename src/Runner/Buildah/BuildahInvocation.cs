using System.Collections.Immutable;
using BuildRunner.Secrets;

namespace BuildRunner.Buildah;

/// <summary>One run of buildah: its arguments, its environment, and what it is for (used in messages: "pushing the image: ...").</summary>
/// <param name="Arguments">Arguments after the executable name.</param>
/// <param name="Environment">Variables added to (or, when null, removed from) the runner's environment.</param>
/// <param name="Purpose">What the run does, as a gerund phrase: <c>building the image</c>.</param>
/// <param name="Secrets">Argument values to hide when the command line is logged (build-argument values, whatever their length).</param>
public sealed record BuildahInvocation(
    ImmutableArray<string> Arguments,
    ImmutableDictionary<string, string?> Environment,
    string Purpose,
    ImmutableArray<string> Secrets)
{
    /// <summary>The build's secret values, hidden in every line buildah writes and in the command line as shown.</summary>
    public SecretMask Mask { get; init; } = SecretMask.None;

    /// <summary>
    /// For a hermetic build: buildah runs in a network namespace of its own (loopback only) made by this launcher;
    /// null runs it in the pod's network.
    /// </summary>
    public Host.NetworkNamespaceLauncher? Isolation { get; init; }

    /// <summary>The command line as it may be logged: secret values replaced by <c>***</c>.</summary>
    public string Redacted() =>
        "buildah " + string.Join(' ', RedactedArguments().Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

    /// <summary>The arguments as they may be shown: secret values replaced by <c>***</c>.</summary>
    public IReadOnlyList<string> RedactedArguments()
    {
        // Longest first: a secret that contains a shorter one must be hidden whole.
        var secrets = Secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length).ToList();
        // The mask first (longest values, any kind), then the build-argument values it leaves (short ones).
        return [.. Arguments.Select(a => secrets.Aggregate(Mask.Apply(a), (shown, secret) => shown.Replace(secret, SecretMask.Placeholder, StringComparison.Ordinal)))];
    }
}
