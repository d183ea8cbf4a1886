namespace BuildRunner.Reporting;

/// <summary>The identity part of the doctor report.</summary>
/// <param name="Mode"><c>root-of-user-namespace</c>, <c>non-root-user</c> or <c>node-root</c>.</param>
/// <param name="Uid">The effective UID.</param>
/// <param name="Gid">The effective GID.</param>
public sealed record IdentityReport(string Mode, long Uid, long Gid)
{
    /// <summary>For a non-root user: the name in /etc/passwd (existing or to be added).</summary>
    public string? UserName { get; init; }

    /// <summary>For a non-root user: the /etc/subuid lines the runner writes (or needs).</summary>
    public IReadOnlyList<string>? SubUid { get; init; }

    /// <summary>For a non-root user: the /etc/subgid lines.</summary>
    public IReadOnlyList<string>? SubGid { get; init; }

    /// <summary>For a non-root user: whether newuidmap/newgidmap will work.</summary>
    public NewIdMapReport? NewUidMap { get; init; }
}

/// <summary>The newuidmap/newgidmap verdict.</summary>
/// <param name="Usable">Whether they will work.</param>
/// <param name="Message">Why.</param>
/// <param name="Fix">What to change, when they will not.</param>
public sealed record NewIdMapReport(bool Usable, string Message, string? Fix);
