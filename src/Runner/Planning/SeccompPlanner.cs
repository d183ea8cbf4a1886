using System.Collections.Immutable;
using BuildRunner.Host;

namespace BuildRunner.Planning;

/// <summary>
/// Turns <see cref="SeccompFacts"/> into problems: a filter that refuses a syscall buildah needs stops the build
/// before any buildah call, with the profile that fixes it; a trial that fails although the filter allows the calls
/// names the node's other limits. Pure: facts in, problems out.
/// </summary>
public static class SeccompPlanner
{
    /// <summary>The profile file shipped in deploy/seccomp and the name a pod gives it.</summary>
    public const string ProfileName = "build-runner.json";

    private static readonly ImmutableDictionary<string, string> Why = new Dictionary<string, string>
    {
        ["unshare"] = "buildah creates the user and mount namespace it builds in (it has no CAP_SYS_ADMIN in the pod's)",
        ["mount"] = "buildah mounts image layers and the RUN steps' /proc, /dev and context inside that namespace",
        ["umount2"] = "buildah unmounts them again",
    }.ToImmutableDictionary();

    /// <summary>The fix for a seccomp refusal: the manifest lines and where the profile comes from.</summary>
    public const string Fix =
        "run the build container under the shipped profile: put deploy/seccomp/" + ProfileName + " on the node at "
        + "/var/lib/kubelet/seccomp/" + ProfileName + " (or apply deploy/seccomp/seccompprofile.yaml with the Security "
        + "Profiles Operator) and set securityContext: { seccompProfile: { type: Localhost, localhostProfile: " + ProfileName
        + " } } (operator/NAMESPACE/" + ProfileName + " with the operator). It is containerd's RuntimeDefault plus only "
        + "unshare, mount and umount2; RuntimeDefault refuses them on containerd, and unshare on CRI-O 1.24+ (OpenShift 4.11+)";

    /// <summary>The problems the facts show, blocking first.</summary>
    /// <param name="facts">What the probe learnt.</param>
    /// <param name="capabilitiesComplete">Whether the pod has every capability the build needs: without them the
    /// trial fails for that reason (mapping root needs CAP_SETFCAP), which the capability problem already names.</param>
    public static ImmutableArray<Problem> Problems(SeccompFacts facts, bool capabilitiesComplete)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var refused = facts.Refused.ToList();
        if (refused.Count > 0)
        {
            var what = string.Join("; ", refused.Select(s => $"{s.Syscall} (answered {s.Answer}: {Why.GetValueOrDefault(s.Syscall, "buildah needs it")})"));
            return
            [
                FailureCatalog.SeccompRefused.Blocks(
                    $"the pod's seccomp profile (mode {facts.Mode.ToName()}) refuses syscalls buildah needs: {what}; buildah cannot work under it (its own words would be \"parsing PID\" ... \"Unable to determine exit status\")",
                    Fix),
            ];
        }
        if (capabilitiesComplete && facts.Trial is { Ran: true, Succeeded: false } trial)
        {
            return
            [
                FailureCatalog.NamespacesRefused.Blocks(
                    $"creating a user and mount namespace and mounting a tmpfs in it failed, although the seccomp profile allows unshare, mount and umount2: {trial.Detail}",
                    "let the pod create nested user namespaces: user.max_user_namespaces must be above 0 in the pod, and an AppArmor or SELinux policy on the node must not refuse them (Ubuntu 24.04 nodes: kernel.apparmor_restrict_unprivileged_userns; the pod's appArmorProfile)"),
            ];
        }
        return [];
    }
}
