namespace BuildRunner.Host;

/// <summary>
/// What happened when a child process did what buildah does first: create a user and a mount namespace and mount
/// a tmpfs inside them.
/// </summary>
/// <param name="Ran">Whether the trial could be made at all (the <c>unshare</c> tool exists).</param>
/// <param name="Succeeded">Whether the namespaces were created and the tmpfs mounted and unmounted.</param>
/// <param name="Detail">The tool's own words when it failed, or why it did not run.</param>
public sealed record NamespaceTrial(bool Ran, bool Succeeded, string Detail)
{
    /// <summary>A trial that could not be made.</summary>
    public static NamespaceTrial NotRun(string why) => new(false, false, why);
}
