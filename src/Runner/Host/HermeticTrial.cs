namespace BuildRunner.Host;

/// <summary>What happened when the runner made a hermetic build's namespaces for a trial run (no buildah).</summary>
/// <param name="Ran">Whether the trial could be made at all.</param>
/// <param name="Succeeded">Whether the namespaces were made, mapped, and held only a loopback interface that came up.</param>
/// <param name="Detail">What the trial found, or why it failed.</param>
public sealed record HermeticTrial(bool Ran, bool Succeeded, string Detail)
{
    /// <summary>A trial that was not asked for.</summary>
    public static readonly HermeticTrial NotTried = new(false, false, "not tried (hermetic is off)");
}
