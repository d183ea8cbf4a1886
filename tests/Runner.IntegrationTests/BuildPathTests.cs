using System.Globalization;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Settings;

namespace BuildRunner.IntegrationTests;

/// <summary>The main job, end to end: a build in a user-namespaced sandbox, pushed to a real registry, checked from outside.</summary>
[Collection(IntegrationTier.Name)]
public sealed class BuildPathTests(RegistryFixture registry)
{
    [Fact]
    public async Task Builds_the_hello_sample_from_annotations_and_pushes_it_with_the_digest_the_result_reports()
    {
        using var sandbox = Sandbox.Create("hello");
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");
        var image = $"{registry.Address}/samples/hello:annotated";
        var annotations = AnnotationsFile.Format(new Dictionary<string, string>
        {
            ["build-runner/output-image"] = image,
            ["build-runner/build-args"] = $"BASE={registry.BaseImage}\nGREETING=hi",
            ["kubernetes.io/config.seen"] = "2026-11-27T01:00:00Z",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), annotations, "--context", context, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        var result = sandbox.ReadResult();
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal(image, result.GetProperty("image").GetString());
        var digest = result.GetProperty("digest").GetString();
        var inspected = await RegistryImage.InspectAsync(image);
        Assert.Equal(inspected.GetProperty("Digest").GetString(), digest);
        Assert.Equal($"{registry.Address}/samples/hello@{digest}", File.ReadAllText(sandbox.TerminationLogPath));

        var ns = result.GetProperty("userNamespace");
        Assert.True(ns.GetProperty("inUserNamespace").GetBoolean());
        Assert.Equal(Sandbox.HostUidOfRoot, ns.GetProperty("hostUidOfRoot").GetInt64());
        Assert.Equal(Sandbox.Size, ns.GetProperty("size").GetInt64());
        Assert.True(result.GetProperty("durationSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task The_RUN_step_runs_inside_the_user_namespace_and_its_files_are_owned_by_mapped_node_ids()
    {
        using var sandbox = Sandbox.Create("userns");
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");
        var image = $"{registry.Address}/samples/hello:userns";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", image, "--tls-verify=false", "--storage-driver", "overlay",
            "--build-arg", $"BASE={registry.BaseImage}", "--build-arg", "GREETING=hey");

        Assert.True(run.ExitCode == 0, run.All);
        var files = await RegistryImage.FilesAsync(image);

        // What the RUN step recorded about its own namespace: not the node's identity map, and no larger than the pod's.
        var uidMap = files.Single(f => f.Path == "build-info/uid_map").Content!;
        Assert.DoesNotContain("4294967295", uidMap, StringComparison.Ordinal);
        var mapped = uidMap.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Sum(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture));
        Assert.InRange(mapped, 1, Sandbox.Size);
        Assert.Equal("hey from a RUN step\n", files.Single(f => f.Path == "build-info/greeting").Content);
        var owned = files.Single(f => f.Path == "build-info/owned-by-1234");
        Assert.Equal((1234, 5678), (owned.Uid, owned.Gid));

        // On the node, the layer files belong to the IDs the namespace maps, never to node root.
        var owners = await Run.CheckedAsync("find", Path.Combine(sandbox.Volume, "storage"), "-path", "*/diff/*", "-printf", "%U\n");
        var uids = owners.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).Distinct().ToList();
        Assert.NotEmpty(uids);
        Assert.All(uids, uid => Assert.InRange(uid, Sandbox.HostUidOfRoot, Sandbox.HostUidOfRoot + Sandbox.Size - 1));
        Assert.Contains(Sandbox.HostUidOfRoot + 1234, uids);
    }
}
