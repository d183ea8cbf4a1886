namespace BuildRunner.Identity;

/// <summary>Whether newuidmap/newgidmap can give rootless buildah its full ID mapping.</summary>
/// <param name="Usable">True when a rootless build can map its subordinate IDs (or does not need the tools).</param>
/// <param name="Needed">False when the process runs as root of its namespace and buildah writes the maps itself.</param>
/// <param name="Message">What was found and, when unusable, what will go wrong.</param>
/// <param name="Fix">What the pod owner should do; null when usable.</param>
public sealed record NewIdMapVerdict(bool Usable, bool Needed, string Message, string? Fix)
{
    /// <summary>The tools will work.</summary>
    public static NewIdMapVerdict Works(string message) => new(true, true, message, null);

    /// <summary>The tools are not used.</summary>
    public static NewIdMapVerdict NotNeeded(string message) => new(true, false, message, null);

    /// <summary>The tools will not work.</summary>
    public static NewIdMapVerdict Unusable(string message, string fix) => new(false, true, message, fix);

    /// <summary>The blocking problem of an unusable verdict, or null when the tools will work or are not used.</summary>
    public Problem? Problem => Usable ? null : FailureCatalog.NewIdMapUnusable.Blocks(Message, Fix ?? "");
}
