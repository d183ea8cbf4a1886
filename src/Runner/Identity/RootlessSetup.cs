using System.Collections.Immutable;

namespace BuildRunner.Identity;

/// <summary>
/// What a non-root pod user needs before buildah can run rootless: a passwd/group entry, and subordinate ranges
/// covering every ID the namespace maps except the user's own.
/// </summary>
/// <param name="UserName">The name the user has (or will have) in /etc/passwd.</param>
/// <param name="Uid">The user's UID.</param>
/// <param name="Gid">The user's GID.</param>
/// <param name="SubUids">The subordinate UID ranges the user needs.</param>
/// <param name="SubGids">The subordinate GID ranges the user needs.</param>
/// <param name="Passwd">The passwd/group change, if any.</param>
/// <param name="SubUidFile">The new /etc/subuid, or null when it already says this.</param>
/// <param name="SubGidFile">The new /etc/subgid, or null when it already says this.</param>
/// <param name="Conflicts">Other users' entries that overlap the wanted ranges (kept; reported).</param>
public sealed record RootlessSetup(
    string UserName,
    long Uid,
    long Gid,
    ImmutableArray<SubordinateRange> SubUids,
    ImmutableArray<SubordinateRange> SubGids,
    PasswdUpdate Passwd,
    SubIdFile? SubUidFile,
    SubIdFile? SubGidFile,
    ImmutableArray<string> Conflicts)
{
    /// <summary>Plans the setup for <paramref name="uid"/>/<paramref name="gid"/> in a namespace with these maps.</summary>
    public static RootlessSetup Plan(Host.UserNamespace ns, long uid, long gid, string home, IdentityFiles files)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(files);
        var passwd = PasswdEntries.Ensure(files.Passwd, files.Group, uid, gid, home);
        var subUids = SubordinateRanges.Compute(ns.UidMap, uid);
        var subGids = SubordinateRanges.Compute(ns.GidMap, gid);
        var newSubUid = files.SubUid.WithRangesFor(passwd.UserName, uid, subUids);
        var newSubGid = files.SubGid.WithRangesFor(passwd.UserName, gid, subGids);
        var conflicts = files.SubUid.Conflicts(passwd.UserName, uid, subUids).Select(c => $"/etc/subuid: {c.Owner} {c.Range.Start}:{c.Range.Count}")
            .Concat(files.SubGid.Conflicts(passwd.UserName, gid, subGids).Select(c => $"/etc/subgid: {c.Owner} {c.Range.Start}:{c.Range.Count}"));
        return new RootlessSetup(
            passwd.UserName, uid, gid, subUids, subGids, passwd,
            ReferenceEquals(newSubUid, files.SubUid) || newSubUid.Equals(files.SubUid) ? null : newSubUid,
            ReferenceEquals(newSubGid, files.SubGid) || newSubGid.Equals(files.SubGid) ? null : newSubGid,
            [.. conflicts]);
    }
}
