using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>The annotation contract seen from outside: doctor's view, user-namespace verification, precedence, BUILD input.</summary>
[Collection(IntegrationTier.Name)]
public sealed class AnnotationContractTests(RegistryFixture registry)
{
    [Fact]
    public async Task Doctor_in_the_sandbox_reports_the_user_namespace_and_its_mapping()
    {
        using var sandbox = Sandbox.Create("doctor");
        // A complete pod (a context, nothing to push), so the verdict is about the namespace alone.
        var context = sandbox.AddContext("context", new Dictionary<string, string> { ["Containerfile"] = "FROM scratch\n" });

        var run = await sandbox.RunAsync(new SandboxOptions(), null, sandbox.Binary, "doctor", "--json", "--context", context, "--no-push");

        Assert.True(run.ExitCode == 0, run.All);
        var ns = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("userNamespace");
        Assert.True(ns.GetProperty("inUserNamespace").GetBoolean());
        Assert.Equal(Sandbox.HostUidOfRoot, ns.GetProperty("hostUidOfRoot").GetInt64());
        Assert.Equal(Sandbox.Size, ns.GetProperty("size").GetInt64());
        Assert.Equal("[[0,100000,65536]]", ns.GetProperty("uidMap").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("[[0,100000,65536]]", ns.GetProperty("gidMap").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_outside_a_user_namespace_reports_none_and_root_as_node_uid_0()
    {
        using var outside = new Outside();

        var context = Path.GetDirectoryName(outside.Write("context/Containerfile", "FROM scratch\n"))!;

        var run = await outside.RunAsync(null, "doctor", "--json", "--annotations", Path.Combine(outside.Dir, "none"), "--storage-root", outside.StorageRoot,
            "--context", context, "--no-push");

        Assert.True(run.ExitCode == 0, run.All);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.False(report.GetProperty("userNamespace").GetProperty("inUserNamespace").GetBoolean());
        Assert.Equal(0, report.GetProperty("userNamespace").GetProperty("hostUidOfRoot").GetInt64());
        Assert.Equal("degraded", report.GetProperty("verdict").GetString());
    }

    public static TheoryData<string> WaysToAskForAUserNamespace => new()
    {
        "io.kubernetes.cri-o.userns-mode=\"auto:size=65536\"",
        "build-runner/require-user-namespace=\"true\"",
    };

    [Theory]
    [MemberData(nameof(WaysToAskForAUserNamespace))]
    public async Task A_build_that_asks_for_a_user_namespace_stops_before_buildah_outside_one(string annotation)
    {
        using var outside = new Outside();
        var context = outside.Write("ctx/Containerfile", $"FROM {registry.BaseImage}\nRUN echo should-not-run\n");
        var annotations = outside.Write("annotations", annotation);

        var run = await outside.RunAsync(null, "build", "--annotations", annotations, "--context", Path.GetDirectoryName(context)!,
            "--no-push", "--tls-verify=false", "--storage-root", outside.StorageRoot, "--result", outside.ResultPath,
            "--termination-log", Path.Combine(outside.Dir, "termination-log"));

        Assert.Equal(4, run.ExitCode);
        var error = outside.ReadResult().GetProperty("error");
        Assert.Equal("user-namespace-missing", error.GetProperty("code").GetString());
        Assert.Contains("node's own user namespace", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("hostUsers: false", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("asks for a user namespace", File.ReadAllText(Path.Combine(outside.Dir, "termination-log")), StringComparison.Ordinal);
        Assert.DoesNotContain("STEP", run.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outside.StorageRoot), "buildah must not have started");
    }

    [Theory]
    [MemberData(nameof(WaysToAskForAUserNamespace))]
    public async Task The_same_build_succeeds_inside_the_user_namespaced_sandbox(string annotation)
    {
        using var sandbox = Sandbox.Create("asks");
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN echo ran-inside\n",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), annotation, "--context", context, "--no-push", "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("succeeded", sandbox.ReadResult().GetProperty("status").GetString());
    }

    // One key, six places; each row removes the highest place, so the next one must win.
    public static TheoryData<string[], string, string> Precedence => new()
    {
        { ["defaults", "build", "pod", "flag", "overrides"], "from-overrides", "cluster-overrides" },
        { ["defaults", "build", "pod", "flag"], "from-flag", "flag" },
        { ["defaults", "build", "pod"], "from-pod", "pod-annotation" },
        { ["defaults", "build"], "from-build", "build" },
        { ["defaults"], "from-defaults", "cluster-defaults" },
        { [], "", "default" },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public async Task The_same_key_in_every_place_resolves_by_precedence_and_doctor_names_the_source(string[] places, string expected, string source)
    {
        using var outside = new Outside();
        const string Key = "build-runner/target";
        string Line(string value) => $"{Key}=\"{value}\"";
        var defaults = outside.Write("defaults", places.Contains("defaults") ? Line("from-defaults") : "");
        var overrides = outside.Write("overrides", places.Contains("overrides") ? Line("from-overrides") : "");
        var pod = outside.Write("annotations", places.Contains("pod") ? Line("from-pod") : "");
        var environment = new Dictionary<string, string?>
        {
            ["BUILD"] = places.Contains("build")
                ? """{"kind":"Build","apiVersion":"build.openshift.io/v1","metadata":{"name":"b","namespace":"n","annotations":{"build-runner/target":"from-build"}},"spec":{"strategy":{"type":"Custom","customStrategy":{}}}}"""
                : null,
        };
        string[] flag = places.Contains("flag") ? ["--target", "from-flag"] : [];
        var context = Path.GetDirectoryName(outside.Write("context/Containerfile", "FROM scratch\n"))!;

        var run = await outside.RunAsync(environment, ["doctor", "--json", "--defaults", defaults, "--overrides", overrides,
            "--annotations", pod, "--storage-root", outside.StorageRoot, "--storage-driver", "vfs", "--context", context, "--no-push", .. flag]);

        Assert.True(run.ExitCode == 0, run.All);
        var setting = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("settings").GetProperty(Key);
        Assert.Equal(expected, setting.GetProperty("value").GetString());
        Assert.Equal(source, setting.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_build_driven_only_by_an_OpenShift_BUILD_object_builds_and_pushes_the_image_it_names()
    {
        using var sandbox = Sandbox.Create("openshift");
        var context = sandbox.AddContext("src", new Dictionary<string, string>
        {
            ["Dockerfile.custom"] = "ARG BASE\nFROM ${BASE}\nARG GREETING\nLABEL greeting=${GREETING}\nRUN echo \"${GREETING}\" > /greeting\n",
        });
        var image = $"{registry.Address}/openshift/app:latest";
        var build = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["kind"] = "Build",
            ["apiVersion"] = "build.openshift.io/v1",
            ["metadata"] = new Dictionary<string, object>
            {
                ["name"] = "app-1",
                ["namespace"] = "demo",
                ["annotations"] = new Dictionary<string, string> { ["build-runner/tls-verify"] = "false" },
            },
            ["spec"] = new Dictionary<string, object>
            {
                ["source"] = new Dictionary<string, object> { ["contextDir"] = context },
                ["strategy"] = new Dictionary<string, object>
                {
                    ["type"] = "Docker",
                    ["dockerStrategy"] = new Dictionary<string, object>
                    {
                        ["dockerfilePath"] = "Dockerfile.custom",
                        ["buildArgs"] = new[]
                        {
                            new Dictionary<string, string> { ["name"] = "BASE", ["value"] = registry.BaseImage },
                            new Dictionary<string, string> { ["name"] = "GREETING", ["value"] = "from-openshift" },
                        },
                        ["noCache"] = true,
                    },
                },
                ["output"] = new Dictionary<string, object>
                {
                    ["to"] = new Dictionary<string, string> { ["kind"] = "DockerImage", ["name"] = image },
                    ["imageLabels"] = new[] { new Dictionary<string, string> { ["name"] = "io.openshift.build.name", ["value"] = "app-1" } },
                },
            },
        });

        // No flags at all: the default command is build, and everything comes from BUILD.
        var run = await sandbox.RunAsync(new SandboxOptions(), null, new Dictionary<string, string?> { ["BUILD"] = build }, sandbox.Binary);

        Assert.True(run.ExitCode == 0, run.All);
        var inspected = await RegistryImage.InspectAsync(image);
        var labels = inspected.GetProperty("Labels");
        Assert.Equal("app-1", labels.GetProperty("io.openshift.build.name").GetString());
        Assert.Equal("from-openshift", labels.GetProperty("greeting").GetString());
    }
}
