using System.Globalization;
using BuildRunner.Host;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Settings;

namespace BuildRunner.IntegrationTests;

/// <summary>The build holds as little as possible: checked from outside the runner, in the layers, and by failing up front.</summary>
[Collection(IntegrationTier.Name)]
public sealed class LeastPrivilegeTests(RegistryFixture registry)
{
    private const string RequiredOnly = "-all,+setuid,+setgid,+setfcap,+sys_chroot";
    private static readonly string[] Unneeded = ["CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_MKNOD"];

    private Dictionary<string, string> ChownContext(string extra = "") => new()
    {
        ["Containerfile"] = $"FROM {registry.BaseImage}\n{extra}RUN mkdir /owned && touch /owned/a /owned/b && chown 1234:5678 /owned/a && chown 40000 /owned/b\n",
    };

    [Fact]
    public async Task With_every_capability_of_the_namespace_buildah_holds_none_it_does_not_need_and_RUN_steps_hold_the_default_set()
    {
        using var sandbox = Sandbox.Create("caps");
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");
        File.AppendAllText(Path.Combine(context, "Containerfile"), "RUN sleep 3\n");
        var image = $"{registry.Address}/samples/hello:caps";

        var build = sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", image, "--tls-verify=false", "--build-arg", $"BASE={registry.BaseImage}");
        // Watch from the node: every buildah process in the runner's own (the pod's) user namespace.
        var seen = new List<ProcessView>();
        while (!build.IsCompleted)
        {
            var runners = ProcessView.Find(c => c[0] == sandbox.Binary && c.Contains("build"));
            var runner = runners.Count > 0 ? runners[0] : null;
            if (runner is not null)
            {
                seen.AddRange(ProcessView.Find(c => Path.GetFileName(c[0]) == "buildah" && c.Contains("bud"))
                    .Where(p => p.UserNamespace == runner.UserNamespace));
            }
            await Task.Delay(100);
        }
        var run = await build;

        Assert.True(run.ExitCode == 0, run.All);
        Assert.NotEmpty(seen);
        var unneeded = CapabilitySet.Of(Unneeded).Mask;
        Assert.All(seen, p =>
        {
            Assert.Equal(0UL, p.Bounding & unneeded);
            Assert.Equal(0UL, p.Effective & unneeded);
            Assert.Equal(0UL, p.Permitted & unneeded);
        });
        Assert.Contains(seen, p => p.Bounding == CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT").Mask);

        // What the RUN step recorded about itself.
        var recorded = (await RegistryImage.FilesAsync(image)).Single(f => f.Path == "build-info/capabilities").Content!
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l.Split(':')[0], l => ulong.Parse(l.Split(':')[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var defaults = CapabilitySet.Of([.. SettingsCatalog.DefaultRunCapabilities]).Mask;
        Assert.Equal(defaults, recorded["CapEff"]);
        Assert.Equal(defaults, recorded["CapBnd"]);
        Assert.Equal(0UL, recorded["CapEff"] & unneeded);
    }

    [Theory]
    [InlineData("overlay")]
    [InlineData("vfs")]
    public async Task With_exactly_the_required_set_and_no_new_privileges_a_chown_build_succeeds(string driver)
    {
        using var sandbox = Sandbox.Create("required-" + driver);
        var context = sandbox.AddContext("chown", ChownContext());
        var image = $"{registry.Address}/samples/chown:{driver}";

        var run = await sandbox.BuildAsync(new SandboxOptions { Bounding = RequiredOnly, NoNewPrivileges = true }, null,
            "--context", context, "--tag", image, "--tls-verify=false", "--storage-driver", driver);

        Assert.True(run.ExitCode == 0, run.All);
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal((1234, 5678), files.Where(f => f.Path == "owned/a").Select(f => (f.Uid, f.Gid)).Single());
        Assert.Equal(40000, files.Single(f => f.Path == "owned/b").Uid);
    }

    [Theory]
    [InlineData("setfcap", "CAP_SETFCAP")]
    [InlineData("sys_chroot", "CAP_SYS_CHROOT")]
    public async Task Without_a_required_capability_the_build_stops_before_buildah_and_names_it(string dropped, string named)
    {
        using var sandbox = Sandbox.Create("missing-" + dropped);
        var context = sandbox.AddContext("chown", ChownContext());

        var run = await sandbox.BuildAsync(new SandboxOptions { Bounding = "-" + dropped }, null,
            "--context", context, "--no-push", "--tls-verify=false");

        Assert.Equal(5, run.ExitCode);
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("missing-capability", error.GetProperty("code").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("capabilities: { drop: [ALL], add: [", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("STEP", run.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Volume, "storage")), "buildah must not have started");
    }

    [Fact]
    public async Task As_a_non_root_pod_user_an_image_with_several_owners_builds_and_pushes()
    {
        using var sandbox = Sandbox.Create("rootless");
        var context = sandbox.AddContext("chown", ChownContext());
        var image = $"{registry.Address}/samples/chown:rootless";

        var run = await sandbox.BuildAsync(new SandboxOptions { User = 1000, Bounding = "-sys_admin" }, null,
            "--context", context, "--tag", image, "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("running as UID 1000", run.StandardOutput, StringComparison.Ordinal);
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal((1234, 5678), files.Where(f => f.Path == "owned/a").Select(f => (f.Uid, f.Gid)).Single());
        Assert.Equal(40000, files.Single(f => f.Path == "owned/b").Uid);
        // The runner wrote the ranges it computed from the namespace's map: every ID but the user's own.
        var subuid = File.ReadAllText(Path.Combine(sandbox.Dir, "etc", "subuid"));
        Assert.Contains(":1:999\n", subuid, StringComparison.Ordinal);
        Assert.Contains(":1001:64535\n", subuid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_a_non_root_pod_user_with_setuid_only_newuidmap_and_no_SYS_ADMIN_the_build_stops_up_front()
    {
        using var sandbox = Sandbox.Create("setuid");
        var context = sandbox.AddContext("chown", ChownContext());

        var run = await sandbox.BuildAsync(new SandboxOptions { User = 1000, Bounding = "-sys_admin", SetuidNewUidMap = true }, null,
            "--context", context, "--no-push", "--tls-verify=false");

        Assert.Equal(6, run.ExitCode);
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("newidmap-unusable", error.GetProperty("code").GetString());
        Assert.Contains("write to uid_map failed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("setcap cap_setuid=ep", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("STEP", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("insufficient UIDs", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0, true)]
    [InlineData(true, 6, false)]
    public async Task Doctor_as_a_non_root_pod_user_reports_the_mode_the_ranges_it_would_write_and_the_newuidmap_verdict(bool setuid, int exitCode, bool usable)
    {
        using var sandbox = Sandbox.Create("doctor-rootless");
        var context = sandbox.AddContext("context", new Dictionary<string, string> { ["Containerfile"] = "FROM scratch\n" });

        var run = await sandbox.RunAsync(new SandboxOptions { User = 1000, Bounding = "-sys_admin", SetuidNewUidMap = setuid }, null,
            sandbox.Binary, "doctor", "--json", "--storage-driver", "vfs", "--context", context, "--no-push");

        Assert.True(run.ExitCode == exitCode, run.All);
        var report = System.Text.Json.JsonDocument.Parse(run.StandardOutput).RootElement;
        var identity = report.GetProperty("identity");
        Assert.Equal("non-root-user", identity.GetProperty("mode").GetString());
        Assert.Equal(1000, identity.GetProperty("uid").GetInt64());
        var subUid = identity.GetProperty("subUid").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, subUid.Count);
        Assert.EndsWith(":1:999", subUid[0], StringComparison.Ordinal);
        Assert.EndsWith(":1001:64535", subUid[1], StringComparison.Ordinal);
        Assert.Equal(usable, identity.GetProperty("newUidMap").GetProperty("usable").GetBoolean());
        var capabilities = report.GetProperty("capabilities");
        Assert.Equal(["CAP_SETGID", "CAP_SETUID", "CAP_SYS_CHROOT"], capabilities.GetProperty("required").EnumerateArray().Select(e => e.GetString()!));
        Assert.Empty(capabilities.GetProperty("missing").EnumerateArray());
        Assert.Equal(usable ? "ready" : "blocked", report.GetProperty("verdict").GetString());
        // doctor takes build's storage step, identity writes included, so it judges storage as build will; with an
        // unusable newuidmap the step is skipped, as in build.
        var written = File.ReadAllText(Path.Combine(sandbox.Dir, "etc", "subuid"));
        var planned = report.GetProperty("plan").GetProperty("identityWrites").EnumerateArray().Select(w => w.GetProperty("path").GetString()).ToList();
        if (usable)
        {
            Assert.Contains(":1:999", written, StringComparison.Ordinal);
            Assert.Contains("/etc/subuid", planned);
        }
        else
        {
            Assert.Equal("", written);
        }
    }
}
