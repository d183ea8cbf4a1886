using System.Collections.Immutable;
using BuildRunner.Identity;

namespace BuildRunner.Planning;

/// <summary>Turns a rootless setup and the newuidmap facts into problems. Pure.</summary>
public static class IdentityPlanner
{
    /// <summary>
    /// Problems of a non-root user's identity: subordinate ranges the runner cannot write and that the files lack
    /// (<paramref name="filesWritable"/> false), newuidmap/newgidmap that will not work, and other users' overlapping
    /// entries (not blocking).
    /// </summary>
    public static ImmutableArray<Problem> Problems(RootlessSetup setup, IdentityFiles files, bool filesWritable, NewIdMapVerdict newIdMap)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(newIdMap);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        if (setup.SubUids.IsEmpty)
        {
            problems.Add(FailureCatalog.UserNamespaceTooSmall.Blocks($"the pod's user namespace maps no ID besides the user's own ({setup.Uid}): a rootless build needs subordinate IDs",
                "give the pod a larger mapping (hostUsers: false gives 65536 IDs), or run the build as root of the namespace (runAsUser: 0)"));
        }
        if (!filesWritable)
        {
            var missingUids = files.SubUid.Missing(setup.UserName, setup.Uid, setup.SubUids);
            var missingGids = files.SubGid.Missing(setup.UserName, setup.Gid, setup.SubGids);
            if (!missingUids.IsEmpty || !missingGids.IsEmpty)
            {
                problems.Add(FailureCatalog.SubordinateIdsMissing.Blocks($"the pod user {setup.UserName} ({setup.Uid}) lacks subordinate IDs and the runner cannot write them: "
                    + $"/etc/subuid is missing {Ranges(missingUids)}; /etc/subgid is missing {Ranges(missingGids)}",
                    $"make /etc/subuid and /etc/subgid writable by the pod user in the image (the build-runner image does), or put these lines in them: "
                    + string.Join(" ", setup.SubUids.Select(r => $"{setup.UserName}:{r.Start}:{r.Count}"))));
            }
        }
        if (newIdMap.Problem is { } unusable)
        {
            problems.Add(unusable);
        }
        foreach (var conflict in setup.Conflicts)
        {
            problems.Add(FailureCatalog.SubordinateIdsOverlap.Warns($"another user's subordinate range overlaps the build user's: {conflict}",
                "give each user of the image its own range; the overlap lets that user's containers touch the build's files"));
        }
        return problems.ToImmutable();
    }

    private static string Ranges(ImmutableArray<SubordinateRange> ranges) =>
        ranges.IsEmpty ? "nothing" : string.Join(", ", ranges.Select(r => $"{r.Start}-{r.End - 1}"));
}
