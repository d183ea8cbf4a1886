using System.Collections.Immutable;
using BuildRunner.Host;

namespace BuildRunner.Planning;

/// <summary>
/// Decides the identity mode and the capability sets, and checks the user namespace the pod asked for.
/// Pure: facts in, plan out.
/// </summary>
public static class PrivilegePlanner
{
    /// <summary>
    /// What root of a user namespace needs, measured (see the README): SETUID and SETGID to write the nested
    /// namespace's ID maps, SETFCAP to map its root, SYS_CHROOT for buildah's copier and chroot isolation.
    /// </summary>
    public static readonly CapabilitySet RootRequired = CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT");

    /// <summary>
    /// A non-root user needs nothing effective, but newuidmap/newgidmap gain SETUID/SETGID at exec, which the
    /// bounding set must allow; and the runtime's default seccomp profile allows chroot(2), which buildah's copier
    /// needs even inside its own namespace, only to containers granted SYS_CHROOT (measured with podman).
    /// </summary>
    public static readonly CapabilitySet NonRootRequired = CapabilitySet.Of("SETUID", "SETGID", "SYS_CHROOT");

    private static readonly Dictionary<string, string> Why = new(StringComparer.Ordinal)
    {
        ["CAP_SETUID"] = "to write the UID map of the user namespace buildah nests its build in",
        ["CAP_SETGID"] = "to write the GID map of the user namespace buildah nests its build in",
        ["CAP_SETFCAP"] = "to map root into the user namespace buildah nests its build in",
        ["CAP_SYS_CHROOT"] = "for buildah's chroot isolation and its copier, which chroots into the context",
    };

    /// <summary>Plans privileges for a process with <paramref name="host"/> facts.</summary>
    /// <param name="host">The process's namespace and credentials.</param>
    /// <param name="request">The user namespace the pod asked for, or null.</param>
    public static PrivilegePlan Plan(HostFacts host, UserNamespaceRequest? request)
    {
        ArgumentNullException.ThrowIfNull(host);
        var ns = host.UserNamespace;
        var credentials = host.Credentials;
        var mode = credentials.EffectiveUid != 0
            ? IdentityMode.NonRootUser
            : ns.InUserNamespace ? IdentityMode.RootOfUserNamespace : IdentityMode.NodeRoot;

        var problems = ImmutableArray.CreateBuilder<Problem>();
        if (request is not null)
        {
            problems.AddRange(VerifyUserNamespace(ns, request));
        }

        CapabilitySet required, missing, dropped;
        CapabilitySet? keep;
        if (mode == IdentityMode.NonRootUser)
        {
            required = NonRootRequired;
            missing = required.Except(credentials.Bounding);
            // Without CAP_SETPCAP a non-root process cannot shrink its bounding set, and needs not: it gains
            // nothing at exec but through file capabilities.
            keep = null;
            dropped = CapabilitySet.None;
        }
        else
        {
            required = RootRequired;
            missing = required.Except(credentials.Effective);
            keep = required;
            dropped = credentials.Bounding.Except(required);
        }

        if (!missing.IsEmpty)
        {
            problems.Add(MissingCapabilities(missing, mode));
        }
        var setpcap = CapabilitySet.Of("SETPCAP");
        if (!dropped.IsEmpty && credentials.Effective.Intersect(setpcap).IsEmpty)
        {
            // Shrinking the bounding set needs CAP_SETPCAP; without it buildah would inherit what the build does not need.
            problems.Add(FailureCatalog.CannotDropCapability.Blocks($"the pod gives {string.Join(", ", dropped.Names())}, which the build does not need, and no CAP_SETPCAP to take them away from buildah",
                ExactlyWhatItNeeds(RootRequired)));
        }
        if (mode == IdentityMode.NodeRoot && request is null)
        {
            problems.Add(FailureCatalog.RootOnNode.Warns("the build runs as root of the node's own user namespace: container root is node root",
                "run the pod with hostUsers: false (or the CRI-O annotation io.kubernetes.cri-o.userns-mode: \"auto:size=65536\")"));
        }

        return new PrivilegePlan(mode, required, missing, keep, dropped, [.. problems.OrderByDescending(p => p.Blocking)]);
    }

    private static IEnumerable<Problem> VerifyUserNamespace(UserNamespace ns, UserNamespaceRequest request)
    {
        var got = ns.InUserNamespace
            ? $"the pod runs in a user namespace mapping {ns.Size} IDs with container root at node UID {ns.HostUidOfRoot?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unmapped)"}"
            : "the pod runs in the node's own user namespace (uid_map \"0 0 4294967295\"): container root is node root";
        const string fix = "set hostUsers: false in the pod spec (Kubernetes 1.30+ with a runtime that supports user namespaces), or on CRI-O the annotation io.kubernetes.cri-o.userns-mode: \"auto:size=65536\" with the pod's service account allowed to use it";
        if (!ns.InUserNamespace)
        {
            yield return FailureCatalog.UserNamespaceMissing.Blocks($"{request.Reason} asks for a user namespace, but {got}", fix);
            yield break;
        }
        if (ns.HostUidOfRoot is null or 0)
        {
            yield return FailureCatalog.UserNamespaceRootIsNodeRoot.Blocks($"{request.Reason} asks for a user namespace whose root is not node root, but {got}", fix);
        }
        if (ns.Size < request.MinimumSize)
        {
            yield return FailureCatalog.UserNamespaceTooSmall.Blocks($"{request.Reason} asks for at least {request.MinimumSize} IDs, but {got}",
                $"give the pod a mapping of at least {request.MinimumSize} IDs (io.kubernetes.cri-o.userns-mode: \"auto:size={request.MinimumSize}\"), and make sure the node's /etc/subuid and /etc/subgid ranges for the runtime are that large");
        }
    }

    private static Problem MissingCapabilities(CapabilitySet missing, IdentityMode mode)
    {
        var names = missing.Names();
        var reasons = string.Join("; ", names.Select(n => $"{n} {Why.GetValueOrDefault(n, "")}".Trim()));
        var where = mode == IdentityMode.NonRootUser ? "bounding set" : "effective set";
        return FailureCatalog.MissingCapability.Blocks($"the pod's {where} lacks {string.Join(", ", names)}, which the build needs: {reasons}",
            ExactlyWhatItNeeds(mode == IdentityMode.NonRootUser ? NonRootRequired : RootRequired));
    }

    // The fix for every capability problem: the securityContext that grants exactly the required set.
    private static string ExactlyWhatItNeeds(CapabilitySet required) =>
        "give the build container exactly what it needs: securityContext: { capabilities: { drop: [ALL], add: ["
        + string.Join(", ", required.Names().Select(n => n["CAP_".Length..])) + "] } }";
}
