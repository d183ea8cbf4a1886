namespace BuildRunner.Identity;

/// <summary>
/// Decides from <see cref="NewIdMapFacts"/> whether newuidmap/newgidmap can map a rootless build's subordinate IDs.
/// A tool works when it exists, no-new-privileges is off, and it either has file capabilities with
/// CAP_SETUID/CAP_SETGID (which the bounding set lets exec grant), or is setuid-root while the process has
/// CAP_SYS_ADMIN (without it a setuid newuidmap opens the map file with the wrong credentials; see FIELD-NOTES).
/// </summary>
public static class NewIdMapCheck
{
    /// <summary>Where Debian's uidmap and Fedora's shadow-utils install newuidmap.</summary>
    public const string DefaultNewUidMapPath = "/usr/bin/newuidmap";

    /// <summary>Where Debian's uidmap and Fedora's shadow-utils install newgidmap.</summary>
    public const string DefaultNewGidMapPath = "/usr/bin/newgidmap";

    private const string RootOfNamespace = "run the build as root of the user namespace (runAsUser: 0 with hostUsers: false)";

    /// <summary>The verdict for the pair: unusable when either tool is, with every problem found.</summary>
    public static NewIdMapVerdict Evaluate(NewIdMapFacts newuidmap, NewIdMapFacts newgidmap)
    {
        ArgumentNullException.ThrowIfNull(newuidmap);
        ArgumentNullException.ThrowIfNull(newgidmap);
        var verdicts = new[] { Evaluate(newuidmap, newgidmap.Path), Evaluate(newgidmap, newuidmap.Path) };
        if (verdicts.All(v => !v.Needed))
        {
            return verdicts[0];
        }
        var failed = verdicts.Where(v => !v.Usable).ToList();
        if (failed.Count == 0)
        {
            return NewIdMapVerdict.Works(string.Join("; ", verdicts.Select(v => v.Message)));
        }
        return NewIdMapVerdict.Unusable(
            string.Join(" ", failed.Select(v => v.Message)),
            string.Join(" Also: ", failed.Select(v => v.Fix).Distinct()));
    }

    /// <summary>The verdict for one tool.</summary>
    public static NewIdMapVerdict Evaluate(NewIdMapFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sibling = facts.MapsGroups ? "newuidmap" : "newgidmap";
        var directory = Path.GetDirectoryName(facts.Path);
        return Evaluate(facts, string.IsNullOrEmpty(directory) ? sibling : Path.Combine(directory, sibling));
    }

    private static NewIdMapVerdict Evaluate(NewIdMapFacts f, string siblingPath)
    {
        var (uidPath, gidPath) = f.MapsGroups ? (siblingPath, f.Path) : (f.Path, siblingPath);
        var capsFix =
            $"give the binaries file capabilities in the image (chmod u-s {uidPath} {gidPath} && " +
            $"setcap cap_setuid=ep {uidPath} && setcap cap_setgid=ep {gidPath}), or {RootOfNamespace}.";

        if (f.IsRoot)
        {
            // buildah runs newuidmap/newgidmap only when its UID is not 0; as root it writes the maps itself.
            return NewIdMapVerdict.NotNeeded(
                "running as root of the user namespace: buildah writes its ID maps itself and does not use newuidmap/newgidmap");
        }
        if (!f.Exists)
        {
            return NewIdMapVerdict.Unusable(
                $"{f.Tool} is not installed ({f.Path} does not exist): rootless buildah cannot map its subordinate IDs.",
                $"install uidmap in the image (Debian/Ubuntu: apt-get install uidmap; Fedora: shadow-utils) and {capsFix}");
        }
        if (f.NoNewPrivileges)
        {
            return NewIdMapVerdict.Unusable(
                $"no-new-privileges is set (allowPrivilegeEscalation: false): {f.Tool} cannot gain privileges at exec, " +
                $"neither through the setuid bit nor through file capabilities, so it cannot write {f.MapFile}.",
                $"set allowPrivilegeEscalation: true in the container's securityContext, or {RootOfNamespace}.");
        }
        if (f.FileCapabilities is { } caps && caps.Contains(f.NeededCapability))
        {
            if (!f.BoundingCapabilities.Contains(f.NeededCapability))
            {
                // Exec grants file capabilities only within the bounding set.
                var shortName = f.NeededCapability["CAP_".Length..];
                return NewIdMapVerdict.Unusable(
                    $"{f.Tool} has file capabilities ({caps}) but {f.NeededCapability} is not in the container's " +
                    $"bounding set, so exec cannot grant it and {f.Tool} cannot write {f.MapFile}.",
                    $"add {shortName} to the container's capabilities (securityContext.capabilities.add), or {RootOfNamespace}.");
            }
            return NewIdMapVerdict.Works($"{f.Tool} has file capabilities ({caps})");
        }
        var downstream =
            $"{f.Tool} will fail with \"{f.Tool}: write to {f.MapFile} failed: Operation not permitted\", " +
            "buildah then silently falls back to a single mapping (\"Falling back to single mapping\") " +
            "and the build dies later with \"potentially insufficient UIDs or GIDs\".";
        if (f.SetUid && f.OwnerUid == 0)
        {
            if (f.BoundingCapabilities.Contains("CAP_SYS_ADMIN") || f.EffectiveCapabilities.Contains("CAP_SYS_ADMIN"))
            {
                return NewIdMapVerdict.Works($"{f.Tool} is setuid-root and CAP_SYS_ADMIN is available");
            }
            return NewIdMapVerdict.Unusable(
                $"{f.Tool} is setuid-root without file capabilities and the container has no CAP_SYS_ADMIN: {downstream}",
                capsFix);
        }
        var found = f.FileCapabilities is { } other ? $"file capabilities {other}" : "no file capabilities";
        return NewIdMapVerdict.Unusable(
            $"{f.Tool} has {found} and is not setuid-root, so it cannot write {f.MapFile}: {downstream}",
            capsFix);
    }
}
