using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The storage probe's verdict is remembered in the storage root: a second run on the same store starts no probe
/// (neither buildah nor the mount trial), and a run under a different driver option or ID map probes again and
/// replaces the memo. buildah and unshare are reached through PATH shims that record every call.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class ProbeMemoTests(RegistryFixture registry)
{
    private const string Remembered = "(remembered from the probe at ";

    [Fact]
    public async Task A_second_build_on_the_same_storage_root_reuses_the_remembered_verdict_and_starts_no_probe()
    {
        using var sandbox = Sandbox.Create("memo-reuse");
        var (arguments, environment) = Build(sandbox);

        var first = await BuildAsync(sandbox, new SandboxOptions(), environment, arguments);

        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("auto picked overlay: mounted overlay on a scratch store", first.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Remembered, first.StandardOutput, StringComparison.Ordinal);
        Assert.NotEmpty(ProbeTrials(sandbox));
        var memo = File.ReadAllText(MemoPath(sandbox));
        Assert.Equal("overlay", Memo(sandbox).GetProperty("selection").GetProperty("selected").GetString());
        ForgetCalls(sandbox);

        var second = await BuildAsync(sandbox, new SandboxOptions(), environment, arguments);

        Assert.True(second.ExitCode == 0, second.All);
        Assert.Equal("overlay", sandbox.ReadResult().GetProperty("storageDriver").GetString());
        Assert.Contains($"storage: auto picked overlay: mounted overlay on a scratch store under /var/lib/containers/storage and wrote a file through the mount {Remembered}",
            second.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(ProbeBuildahCalls(sandbox));
        Assert.Empty(ProbeTrials(sandbox));
        Assert.Single(BuildahCalls(sandbox), argv => argv.Contains("bud"));
        Assert.Equal(memo, File.ReadAllText(MemoPath(sandbox)));
    }

    [Fact]
    public async Task A_non_root_pod_users_second_build_reuses_the_memo_and_still_writes_its_subordinate_ids()
    {
        using var sandbox = Sandbox.Create("memo-1000");
        var options = new SandboxOptions { User = 1000, Bounding = "-sys_admin" };
        var (arguments, environment) = Build(sandbox);

        var first = await BuildAsync(sandbox, options, environment, arguments);
        Assert.True(first.ExitCode == 0, first.All);
        ForgetCalls(sandbox);

        // The sandbox starts each run with an empty /etc/subuid, as a restarted container does.
        var second = await BuildAsync(sandbox, options, environment, arguments);

        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains(Remembered, second.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"wrote /etc/subuid: [\w-]+:1:999, [\w-]+:1001:64535", second.StandardOutput);
        Assert.Empty(ProbeBuildahCalls(sandbox));
        Assert.Empty(ProbeTrials(sandbox));
        Assert.Equal("1000:1000", Memo(sandbox).GetProperty("key").GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_changed_driver_option_probes_again_and_replaces_the_memo()
    {
        using var sandbox = Sandbox.Create("memo-driver");
        var (arguments, environment) = Build(sandbox);
        var first = await BuildAsync(sandbox, new SandboxOptions(), environment, arguments);
        Assert.True(first.ExitCode == 0, first.All);
        var before = Memo(sandbox);

        var vfs = await BuildAsync(sandbox, new SandboxOptions(), environment, [.. arguments, "--storage-driver", "vfs"]);

        Assert.True(vfs.ExitCode == 0, vfs.All);
        Assert.Equal("vfs", sandbox.ReadResult().GetProperty("storageDriver").GetString());
        Assert.Contains("no longer holds (changed: storage driver, driver options); probing again", vfs.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("storage: using vfs as asked: wrote a file in a scratch store", vfs.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Remembered, vfs.StandardOutput, StringComparison.Ordinal);
        var after = Memo(sandbox);
        Assert.Equal("auto", before.GetProperty("key").GetProperty("driver").GetString());
        Assert.Equal("vfs", after.GetProperty("key").GetProperty("driver").GetString());
        Assert.Equal("vfs", after.GetProperty("selection").GetProperty("selected").GetString());
        Assert.NotEqual(before.GetProperty("probedAt").GetString(), after.GetProperty("probedAt").GetString());

        // And the new verdict is the one remembered from then on.
        var again = await sandbox.RunAsync(new SandboxOptions(), null, environment, [sandbox.Binary, "doctor", "--json", .. arguments, "--storage-driver", "vfs"]);
        Assert.Contains(Remembered, Storage(again).GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_ID_map_probes_again_and_replaces_the_memo()
    {
        using var sandbox = Sandbox.Create("memo-map");
        var (arguments, environment) = Build(sandbox);
        string[] doctor = [sandbox.Binary, "doctor", "--json", .. arguments];

        var wide = await sandbox.RunAsync(new SandboxOptions(), null, environment, doctor);
        var before = Memo(sandbox);
        ForgetCalls(sandbox);
        var narrow = await sandbox.RunAsync(new SandboxOptions { Size = 4096 }, null, environment, doctor);

        Assert.Equal("overlay", Storage(wide).GetProperty("selected").GetString());
        Assert.Equal("overlay", Storage(narrow).GetProperty("selected").GetString());
        Assert.DoesNotContain(Remembered, Storage(narrow).GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(ProbeTrials(sandbox));
        var after = Memo(sandbox);
        Assert.Equal("0 100000 65536", before.GetProperty("key").GetProperty("uidMap").GetString());
        Assert.Equal("0 100000 4096", after.GetProperty("key").GetProperty("uidMap").GetString());
        Assert.Equal("0 100000 4096", after.GetProperty("key").GetProperty("gidMap").GetString());
    }

    private (string[] Arguments, Dictionary<string, string?> Environment) Build(Sandbox sandbox)
    {
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");
        var shims = Shims(sandbox);
        return (["--context", context, "--no-push", "--build-arg", $"BASE={registry.BaseImage}", "--tls-verify=false"],
            new Dictionary<string, string?> { ["PATH"] = shims + ":" + Environment.GetEnvironmentVariable("PATH") });
    }

    private static Task<ProcessResult> BuildAsync(Sandbox sandbox, SandboxOptions options, Dictionary<string, string?> environment, string[] arguments) =>
        sandbox.RunAsync(options, null, environment, [sandbox.Binary, "build", "--result", sandbox.ResultPath, .. arguments]);

    private static string MemoPath(Sandbox sandbox) => Path.Combine(sandbox.Volume, "storage", "build-runner-probe.json");

    private static JsonElement Memo(Sandbox sandbox) => JsonDocument.Parse(File.ReadAllText(MemoPath(sandbox))).RootElement;

    private static JsonElement Storage(ProcessResult doctor) => JsonDocument.Parse(doctor.StandardOutput).RootElement.GetProperty("storage");

    // buildah and unshare, each logging its argv (separated by the unit separator, 0x1f) to a file of its own in Out.
    private static string Shims(Sandbox sandbox)
    {
        var dir = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "shim")).FullName;
        foreach (var tool in new[] { "buildah", "unshare" })
        {
            var path = Path.Combine(dir, tool);
            File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\037' \"$@\" >>{sandbox.Out}/{tool}-calls\necho >>{sandbox.Out}/{tool}-calls\nexec /usr/bin/{tool} \"$@\"\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        ForgetCalls(sandbox);
        return dir;
    }

    // Made here, writable by every ID: hack/sandbox.sh's own unshare (node root) logs through the shim too, and must
    // not leave a file the pod's IDs cannot append to.
    private static void ForgetCalls(Sandbox sandbox)
    {
        Directory.CreateDirectory(sandbox.Out);
        foreach (var tool in new[] { "buildah", "unshare" })
        {
            var path = Path.Combine(sandbox.Out, $"{tool}-calls");
            File.WriteAllText(path, "");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        }
    }

    private static List<string[]> Calls(Sandbox sandbox, string tool)
    {
        var path = Path.Combine(sandbox.Out, $"{tool}-calls");
        return File.Exists(path) ? [.. File.ReadAllLines(path).Select(line => line.TrimEnd('\x1f').Split('\x1f'))] : [];
    }

    private static List<string[]> BuildahCalls(Sandbox sandbox) => Calls(sandbox, "buildah");

    // The buildah probe's from, copy and rm, which name a working container build-runner-probe-DRIVER-PID.
    private static List<string[]> ProbeBuildahCalls(Sandbox sandbox) =>
        [.. BuildahCalls(sandbox).Where(argv => argv.Any(a => a.StartsWith("build-runner-probe-", StringComparison.Ordinal))
            || argv.Intersect(["from", "copy", "rm"]).Any())];

    // The mount trial: unshare with a scratch store of the probe (the seccomp preflight's unshare mounts a tmpfs elsewhere).
    private static List<string[]> ProbeTrials(Sandbox sandbox) =>
        [.. Calls(sandbox, "unshare").Where(argv => argv.Any(a => a.Contains("/build-runner-probe/", StringComparison.Ordinal)))];
}
