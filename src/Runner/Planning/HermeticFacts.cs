using BuildRunner.Host;

namespace BuildRunner.Planning;

/// <summary>What a hermetic build needs to know: the runner's own binary (run inside the namespaces) and the trial's outcome.</summary>
/// <param name="RunnerPath">The runner's binary.</param>
/// <param name="Trial">Whether the namespaces could be made here.</param>
public sealed record HermeticFacts(string RunnerPath, HermeticTrial Trial)
{
    /// <summary>Nothing tried (hermetic off, and not doctor).</summary>
    public static readonly HermeticFacts NotTried = new("build-runner", HermeticTrial.NotTried);
}
