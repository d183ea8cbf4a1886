namespace BuildRunner.Identity;

/// <summary>Whether newuidmap/newgidmap can give rootless buildah its full ID mapping.</summary>
/// <param name="Usable">True when a rootless build can map its subordinate IDs (or does not need the tools).</param>
/// <param name="Needed">False when the process runs as root of its namespace and buildah writes the maps itself.</param>
/// <param name="Message">What was found and, when unusable, what will go wrong.</param>
/// <param name="Fix">What the pod owner should do; null when usable.</param>
public sealed record NewIdMapVerdict(bool Usable, bool Needed, string Message, string? Fix)
{
    /// <summary>A short stable identifier for an unusable verdict, for result files.</summary>
    public const string Code = "newidmap-unusable";

    /// <summary>The tools will work.</summary>
    public static NewIdMapVerdict Works(string message) => new(true, true, message, null);

    /// <summary>The tools are not used.</summary>
    public static NewIdMapVerdict NotNeeded(string message) => new(true, false, message, null);

    /// <summary>The tools will not work.</summary>
    public static NewIdMapVerdict Unusable(string message, string fix) => new(false, true, message, fix);

    /// <summary>The failure to throw for an unusable verdict.</summary>
    public RunnerException ToException() =>
        new(ExitCodes.IdentityUnusable, Code, Message, Fix ?? "none needed");
}
