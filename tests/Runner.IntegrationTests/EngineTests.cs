using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The builder image in a real container engine with a user namespace (podman <c>--userns=auto</c>, the mechanism
/// CRI-O uses for <c>io.kubernetes.cri-o.userns-mode</c>), with exactly the capabilities deploy/ grants.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class EngineTests(RegistryFixture registry, EngineFixture engine)
{
    [Fact]
    public async Task As_root_of_the_pods_user_namespace_with_four_capabilities_no_new_privileges_and_a_read_only_root_it_builds_and_pushes()
    {
        using var sandbox = Sandbox.Create("engine-root");
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");
        var image = $"{registry.Address}/engine/hello:root";
        Directory.CreateDirectory(sandbox.Out);
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;

        var run = await engine.RunAsync(volume,
            ["--cap-drop=all", "--cap-add=SETUID,SETGID,SETFCAP,SYS_CHROOT", "--security-opt", "no-new-privileges", "--read-only",
             "-v", context + ":/workspace:ro", "-v", sandbox.Out + ":/out:U"],
            "build", "--context", "/workspace", "--tag", image, "--tls-verify=false",
            "--build-arg", $"BASE={registry.BaseImage}", "--result", "/out/result.json");

        Assert.True(run.ExitCode == 0, run.All);
        var result = sandbox.ReadResult();
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), result.GetProperty("digest").GetString());
        var ns = result.GetProperty("userNamespace");
        Assert.True(ns.GetProperty("inUserNamespace").GetBoolean());
        Assert.True(ns.GetProperty("hostUidOfRoot").GetInt64() >= 65536, "container root must be an unprivileged node ID");
        Assert.Equal(65536, ns.GetProperty("size").GetInt64());
        Assert.Equal("overlay", result.GetProperty("storageDriver").GetString());
    }

    [Fact]
    public async Task As_a_non_root_pod_user_it_builds_an_image_with_several_owners_using_the_images_file_capability_newuidmap()
    {
        using var sandbox = Sandbox.Create("engine-user");
        var context = sandbox.AddContext("chown", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN mkdir /owned && touch /owned/a /owned/b && chown 1234:5678 /owned/a && chown 40000 /owned/b\n",
        });
        var image = $"{registry.Address}/engine/chown:user";
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;

        var run = await engine.RunAsync(volume,
            ["--user", "1000:1000", "--cap-drop=all", "--cap-add=SETUID,SETGID,SYS_CHROOT", "-v", context + ":/workspace:ro"],
            "build", "--context", "/workspace", "--tag", image, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("mode: non-root-user", run.StandardOutput, StringComparison.Ordinal);
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal((1234, 5678), files.Where(f => f.Path == "owned/a").Select(f => (f.Uid, f.Gid)).Single());
        Assert.Equal(40000, files.Single(f => f.Path == "owned/b").Uid);
    }

    [Fact]
    public async Task Doctor_in_the_engine_sees_the_user_namespace_and_the_granted_capabilities()
    {
        using var sandbox = Sandbox.Create("engine-doctor");
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;
        var context = sandbox.AddContext("context", new Dictionary<string, string> { ["Containerfile"] = "FROM scratch\n" });

        var run = await engine.RunAsync(volume, ["--cap-drop=all", "--cap-add=SETUID,SETGID,SETFCAP,SYS_CHROOT", "-v", context + ":/workspace:ro"],
            "doctor", "--json", "--context", "/workspace", "--no-push");

        Assert.True(run.ExitCode == 0, run.All);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.True(report.GetProperty("userNamespace").GetProperty("inUserNamespace").GetBoolean());
        Assert.Equal("root-of-user-namespace", report.GetProperty("identity").GetProperty("mode").GetString());
        Assert.Equal(["CAP_SETGID", "CAP_SETUID", "CAP_SYS_CHROOT", "CAP_SETFCAP"],
            report.GetProperty("capabilities").GetProperty("bounding").EnumerateArray().Select(e => e.GetString()!));
        Assert.Empty(report.GetProperty("capabilities").GetProperty("missing").EnumerateArray());
        Assert.Equal("ready", report.GetProperty("verdict").GetString());
    }
}
