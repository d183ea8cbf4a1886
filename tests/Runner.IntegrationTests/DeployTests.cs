using System.Text.Json.Nodes;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Tests.Deploy;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// What deploy/ ships agrees with containerd and with itself: the generated seccomp profile and the OpenShift SCC that
/// admits the pods that name it. No fixture: the profile script starts its own private containerd. Each manifest's
/// agreement with the runner's code (capabilities, profile, flags, annotations, results) is the unit tier's
/// ManifestAgreementTests.
/// </summary>
public sealed class DeployTests
{
    private const string ProfileFile = "build-runner.json";
    private const string SccProfile = "localhost/" + ProfileFile;
    private const string RuntimeDefault = "runtime/default";
    private static readonly string[] PodCapabilities = ["SETFCAP", "SETGID", "SETUID", "SYS_CHROOT"];
    private static readonly string[] AddedSyscalls = ["mount", "umount2", "unshare"];

    private static string Script => Repository.Path_("hack", "seccomp-profile.sh");

    [Fact]
    public async Task The_committed_seccomp_files_equal_a_fresh_generation_from_containerd()
    {
        var run = await Run.ProcessAsync("bash", [Script, "--check"]);

        Assert.True(run.ExitCode == 0, run.All);
    }

    [Fact]
    public async Task The_shipped_profile_refuses_by_default_and_allows_nothing_beyond_containerds_RuntimeDefault_but_unshare_mount_and_umount2()
    {
        // --reference writes only the reference profiles, never deploy/seccomp, so this compares the committed profile
        // with what containerd generates now.
        var dir = Directory.CreateTempSubdirectory("br-deploy-");
        JsonObject reference;
        try
        {
            var run = await Run.ProcessAsync("bash", [Script, "--reference", Path.Combine(dir.FullName, "reference")]);
            Assert.True(run.ExitCode == 0, run.All);
            reference = LoadJson(Path.Combine(dir.FullName, "reference", "containerd-runtime-default.json"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        var shipped = LoadJson(Repository.Path_("deploy", "seccomp", ProfileFile));

        Assert.Equal("SCMP_ACT_ERRNO", (string?)shipped["defaultAction"]);
        // Everything but the rules (default action, errno, architectures, flags) is containerd's, unchanged.
        Assert.Equal(Canonical(Manifests.Without(reference, "syscalls")), Canonical(Manifests.Without(shipped, "syscalls")));

        var containerd = Rules(reference);
        var ours = Rules(shipped);
        Assert.Empty(containerd.Except(ours));
        var unconditionalAllow = Canonical(new JsonObject { ["action"] = "SCMP_ACT_ALLOW" });
        Assert.Equal(AddedSyscalls.Select(s => $"{s} {unconditionalAllow}"), ours.Except(containerd).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_SeccompProfile_resource_carries_the_same_rules_as_the_JSON_profile()
    {
        var json = LoadJson(Repository.Path_("deploy", "seccomp", ProfileFile));
        var resource = Assert.Single(LoadYaml(Repository.Path_("deploy", "seccomp", "seccompprofile.yaml")));

        Assert.Equal("SeccompProfile", (string?)resource["kind"]);
        Assert.StartsWith("security-profiles-operator.x-k8s.io/", (string?)resource["apiVersion"], StringComparison.Ordinal);
        // The operator names the file after the resource: operator/NAMESPACE/build-runner.json.
        Assert.Equal(Path.GetFileNameWithoutExtension(ProfileFile), (string?)resource["metadata"]?["name"]);
        Assert.Equal(Canonical(json), Canonical(resource["spec"]));
    }

    [Fact]
    public void The_OpenShift_SCC_allows_exactly_the_four_capabilities_and_the_build_runner_profile_and_forbids_privilege_escalation()
    {
        var scc = Scc();

        Assert.Equal("security.openshift.io/v1", (string?)scc["apiVersion"]);
        Assert.Equal("SecurityContextConstraints", (string?)scc["kind"]);
        // The fields the API server requires (some of them nullable, but present).
        foreach (var required in new[]
            {
                "allowHostDirVolumePlugin", "allowHostIPC", "allowHostNetwork", "allowHostPID", "allowHostPorts",
                "allowPrivilegedContainer", "allowedCapabilities", "defaultAddCapabilities", "priority",
                "readOnlyRootFilesystem", "requiredDropCapabilities", "volumes",
            })
        {
            Assert.True(scc.ContainsKey(required), $"the SCC lacks {required}");
        }
        Assert.Equal("RequirePodLevel", (string?)scc["userNamespaceLevel"]);
        Assert.Equal(PodCapabilities, Strings(scc["allowedCapabilities"]).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "ALL" }, Strings(scc["requiredDropCapabilities"]));
        Assert.Empty(Strings(scc["defaultAddCapabilities"]));
        // The Localhost profile first (the default for a pod naming none); RuntimeDefault only for the init container.
        Assert.Equal(new[] { SccProfile, RuntimeDefault }, Strings(scc["seccompProfiles"]));
        foreach (var forbidden in new[]
            {
                "allowPrivilegeEscalation", "defaultAllowPrivilegeEscalation", "allowPrivilegedContainer",
                "allowHostDirVolumePlugin", "allowHostIPC", "allowHostNetwork", "allowHostPID", "allowHostPorts",
            })
        {
            Assert.True(scc[forbidden]?.GetValue<bool>() == false, $"{forbidden} must be false");
        }
    }

    [Fact]
    public void The_OpenShift_SCC_admits_the_root_build_pod_and_the_Jobs_pod_and_not_the_rootless_one()
    {
        var scc = Scc();
        var pods = Pods().ToDictionary(p => p.File, p => p.Pod);

        Assert.Empty(Refusals(scc, pods["build-pod.yaml"]));
        Assert.Empty(Refusals(scc, pods["job.yaml"]));
        Assert.Contains(Refusals(scc, pods["build-pod-rootless.yaml"]), r => r.Contains("allowPrivilegeEscalation", StringComparison.Ordinal));
    }

    /// <summary>What the SCC's rules say about a pod, field by field: empty when it admits it.</summary>
    private static List<string> Refusals(JsonObject scc, JsonNode pod)
    {
        var refusals = new List<string>();
        var spec = pod["spec"]!;
        var podContext = spec["securityContext"];
        if ((string?)scc["userNamespaceLevel"] == "RequirePodLevel" && spec["hostUsers"]?.GetValue<bool>() != false)
        {
            refusals.Add("hostUsers must be false");
        }
        var volumeTypes = Strings(scc["volumes"]).ToHashSet();
        foreach (var volume in spec["volumes"]?.AsArray() ?? [])
        {
            var type = volume!.AsObject().Select(p => p.Key).Single(k => k != "name");
            if (!volumeTypes.Contains(type))
            {
                refusals.Add($"volume {(string?)volume["name"]}: {type} is not allowed");
            }
        }
        var allowed = Strings(scc["allowedCapabilities"]).ToHashSet();
        var profiles = Strings(scc["seccompProfiles"]).ToList();
        bool ProfileAllowed(string? profile) => profile is null || profiles.Contains("*") || profiles.Contains(profile);
        if (!ProfileAllowed(ProfileOf(podContext)))
        {
            refusals.Add($"pod profile {ProfileOf(podContext)} is not allowed");
        }
        foreach (var container in Containers(spec))
        {
            var name = (string?)container["name"];
            var context = container["securityContext"];
            var profile = ProfileOf(context) ?? ProfileOf(podContext);
            if (!ProfileAllowed(profile))
            {
                refusals.Add($"{name}: profile {profile} is not allowed");
            }
            refusals.AddRange(Strings(context?["capabilities"]?["add"]).Where(c => !allowed.Contains(c)).Select(c => $"{name}: {c} may not be added"));
            var drops = Strings(context?["capabilities"]?["drop"]).ToHashSet();
            refusals.AddRange(Strings(scc["requiredDropCapabilities"]).Where(c => !drops.Contains(c)).Select(c => $"{name}: {c} is not dropped"));
            var escalation = context?["allowPrivilegeEscalation"]?.GetValue<bool>() ?? scc["defaultAllowPrivilegeEscalation"]?.GetValue<bool>();
            if (scc["allowPrivilegeEscalation"]?.GetValue<bool>() == false && escalation != false)
            {
                refusals.Add($"{name}: allowPrivilegeEscalation must be false");
            }
            if (context?["privileged"]?.GetValue<bool>() == true && scc["allowPrivilegedContainer"]?.GetValue<bool>() != true)
            {
                refusals.Add($"{name}: privileged");
            }
            var user = context?["runAsUser"]?.GetValue<long>() ?? podContext?["runAsUser"]?.GetValue<long>();
            if ((string?)scc["runAsUser"]?["type"] == "MustRunAs" && user is not null && user != scc["runAsUser"]?["uid"]?.GetValue<long>())
            {
                refusals.Add($"{name}: runAsUser {user} is not the SCC's");
            }
        }
        return refusals;
    }

    private static JsonObject Scc() => Assert.Single(LoadYaml(Repository.Path_("deploy", "openshift", "scc.yaml")))!;

    /// <summary>Every Pod document in deploy/ and its folders, and every Job's pod template, with its file name.</summary>
    private static List<(string File, JsonNode Pod)> Pods() =>
        [.. Directory.GetFiles(Repository.Path_("deploy"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(f => LoadYaml(f)
                .Select(d => (string?)d["kind"] switch { "Pod" => d, "Job" => d["spec"]?["template"], _ => null })
                .Where(p => p is not null)
                .Select(p => (Path.GetFileName(f), p!)))];

    private static IEnumerable<JsonNode> Containers(JsonNode spec) =>
        new[] { "initContainers", "containers" }.SelectMany(k => spec[k]?.AsArray() ?? []).Select(c => c!);

    /// <summary>A securityContext's seccomp profile in the SCC's notation, or null where it names none.</summary>
    private static string? ProfileOf(JsonNode? securityContext) =>
        securityContext?["seccompProfile"] is not { } profile ? null : (string?)profile["type"] switch
        {
            "Localhost" => "localhost/" + (string?)profile["localhostProfile"],
            "RuntimeDefault" => RuntimeDefault,
            "Unconfined" => "unconfined",
            var other => other,
        };

    private static IEnumerable<string> Strings(JsonNode? node) => node?.AsArray().Select(n => (string)n!) ?? [];

    /// <summary>Each syscall a profile names, with the rule it is under: "name {rule without names}".</summary>
    private static HashSet<string> Rules(JsonObject profile) =>
        [.. profile["syscalls"]!.AsArray().SelectMany(rule =>
        {
            var condition = Canonical(Manifests.Without(rule!.AsObject(), "names"));
            return rule["names"]!.AsArray().Select(n => $"{(string)n!} {condition}");
        })];

    /// <summary>JSON text with object keys sorted, so equal content compares equal whatever the key order.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };

    private static JsonObject LoadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>The documents of a YAML file as JSON: plain null, true, false and integers keep their type; other scalars are strings.</summary>
    // The agreement tier's reader: one YAML-to-JSON conversion for every manifest test.
    private static List<JsonObject> LoadYaml(string path) =>
        [.. Manifests.Load(path, File.ReadAllText(path)).Select(d => d.Tree)];
}
