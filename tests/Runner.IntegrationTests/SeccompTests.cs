using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The builder image under the seccomp profiles real clusters run (podman <c>--userns=auto</c>, four capabilities,
/// as root of the pod's namespace with no-new-privileges and a read-only root, and as uid 1000 as
/// deploy/kubernetes/build-pod-rootless.yaml runs it). buildah is reached through a PATH shim that records each call, so a
/// test can tell that the preflight stopped the build before any buildah call.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class SeccompTests(RegistryFixture registry, EngineFixture engine, SeccompProfiles profiles) : IClassFixture<SeccompProfiles>
{
    private const string Caps = "SETUID,SETGID,SETFCAP,SYS_CHROOT";

    public static TheoryData<string, int> Allowing => new()
    {
        { SeccompProfiles.PodmanDefault, 0 },
        { SeccompProfiles.PodmanDefault, 1000 },
        { SeccompProfiles.Shipped, 0 },
        { SeccompProfiles.Shipped, 1000 },
    };

    public static TheoryData<string, int> Refusing => new()
    {
        { SeccompProfiles.CrioStyle, 0 },
        { SeccompProfiles.CrioStyle, 1000 },
        { SeccompProfiles.ContainerdDefault, 0 },
        { SeccompProfiles.ContainerdDefault, 1000 },
    };

    public static TheoryData<string> AddedSyscalls => ["unshare", "mount", "umount2"];

    [Theory]
    [MemberData(nameof(Allowing))]
    public async Task Under_a_profile_that_allows_unshare_mount_and_umount2_it_builds_and_pushes(string profile, int user)
    {
        using var sandbox = Sandbox.Create($"seccomp-ok-{user}");
        var context = ChownContext(sandbox);
        var image = $"{registry.Address}/seccomp/{profile}:{user}";

        var run = await RunAsync(sandbox, profiles.Path_(profile), user, context,
            "build", "--context", "/workspace", "--tag", image, "--tls-verify=false", "--result", "/out/result.json");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.NotEmpty(BuildahCalls(sandbox));
        var result = sandbox.ReadResult();
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), result.GetProperty("digest").GetString());
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal((1234, 5678), files.Where(f => f.Path == "owned/a").Select(f => (f.Uid, f.Gid)).Single());
    }

    [Theory]
    [MemberData(nameof(Refusing))]
    public async Task Under_a_runtime_default_that_refuses_namespaces_it_stops_at_the_preflight_with_the_seccomp_fix_and_never_calls_buildah(string profile, int user)
    {
        using var sandbox = Sandbox.Create($"seccomp-no-{user}");
        var context = ChownContext(sandbox);

        var run = await RunAsync(sandbox, profiles.Path_(profile), user, context,
            "build", "--context", "/workspace", "--tag", $"{registry.Address}/seccomp/refused:{user}", "--tls-verify=false",
            "--result", "/out/result.json", "--termination-log", "/out/termination-log");

        Assert.True(run.ExitCode == 9, run.All);
        Assert.Empty(BuildahCalls(sandbox));
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("seccomp-refused", error.GetProperty("code").GetString());
        Assert.Contains("seccomp profile", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("unshare", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("localhostProfile: build-runner.json", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("seccomp", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("storage", run.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("seccomp", File.ReadAllText(Path.Combine(sandbox.Out, "termination-log")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AddedSyscalls))]
    public async Task Each_syscall_added_to_runtime_default_is_necessary_buildah_fails_without_it_and_the_preflight_names_it(string syscall)
    {
        var without = profiles.ShippedWithout(syscall);
        using var sandbox = Sandbox.Create($"seccomp-{syscall}");
        var context = ChownContext(sandbox);

        // buildah on its own, the runner bypassed: the build itself fails (overlay, the driver the probe picks).
        var plain = await RunAsync(sandbox, without, 0, context,
            ["--entrypoint", "buildah"], "bud", "--isolation", "chroot", "--storage-driver", "overlay", "-t", "necessary", "/workspace");
        Assert.True(plain.ExitCode != 0, $"buildah built without {syscall}:\n{plain.All}");

        // The runner names the refused syscall before any buildah call.
        File.Delete(Path.Combine(sandbox.Out, "buildah-calls"));
        var run = await RunAsync(sandbox, without, 0, context,
            "build", "--context", "/workspace", "--no-push", "--result", "/out/result.json");
        Assert.True(run.ExitCode == 9, run.All);
        Assert.Empty(BuildahCalls(sandbox));
        var message = sandbox.ReadResult().GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains($"refuses syscalls buildah needs: {syscall} (", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_under_containerds_runtime_default_reports_the_refused_syscalls_one_line_per_requirement_and_does_not_probe_storage()
    {
        using var sandbox = Sandbox.Create("seccomp-doctor");
        var context = ChownContext(sandbox);
        var profile = profiles.Path_(SeccompProfiles.ContainerdDefault);

        var json = await RunAsync(sandbox, profile, 0, context, "doctor", "--json");
        var text = await RunAsync(sandbox, profile, 0, context, "doctor");

        Assert.True(json.ExitCode == 9, json.All);
        var report = JsonDocument.Parse(json.StandardOutput).RootElement;
        var seccomp = report.GetProperty("seccomp");
        Assert.Equal("filter", seccomp.GetProperty("mode").GetString());
        Assert.False(seccomp.GetProperty("userNamespaces").GetBoolean());
        Assert.False(seccomp.GetProperty("mounts").GetProperty("mount").GetBoolean());
        Assert.False(seccomp.GetProperty("mounts").GetProperty("umount2").GetBoolean());
        Assert.Equal("refused", seccomp.GetProperty("verdict").GetString());
        Assert.Equal("blocked", report.GetProperty("verdict").GetString());
        Assert.Empty(report.GetProperty("storage").GetProperty("candidates").EnumerateArray());
        Assert.Empty(BuildahCalls(sandbox));
        var requirements = report.GetProperty("requirements").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("met").GetBoolean());
        Assert.Equal(["user namespace", "capabilities", "seccomp", "storage", "push cache", "identity"], requirements.Keys);
        Assert.False(requirements["seccomp"]);
        Assert.True(requirements["user namespace"] && requirements["capabilities"] && requirements["identity"]);

        Assert.True(text.ExitCode == 9, text.All);
        Assert.Contains("[MISS] seccomp: ", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fix: run the build container under the shipped profile", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[ok]   capabilities: ", text.StandardOutput, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ReadmeRows => new()
    {
        { SeccompProfiles.PodmanDefault, "| podman's default" },
        { SeccompProfiles.CrioStyle, "| CRI-O style" },
        { SeccompProfiles.ContainerdDefault, "| containerd's RuntimeDefault" },
        { SeccompProfiles.Shipped, "| `deploy/seccomp/build-runner.json`" },
    };

    // The README's seccomp table is what these tests observe: each syscall's answer under each profile, and whether
    // the pod builds (the build and refusal tests above prove the outcome column).
    [Theory]
    [MemberData(nameof(ReadmeRows))]
    public async Task The_README_seccomp_table_states_what_the_preflight_observes_under_each_profile(string profile, string rowStart)
    {
        using var sandbox = Sandbox.Create("seccomp-readme");
        var context = ChownContext(sandbox);

        var doctor = await RunAsync(sandbox, profiles.Path_(profile), 0, context, "doctor", "--json", "--context", "/workspace", "--no-push");

        var seccomp = JsonDocument.Parse(doctor.StandardOutput).RootElement.GetProperty("seccomp");
        var row = File.ReadAllLines(Repository.Path_("README.md")).Single(l => l.StartsWith(rowStart, StringComparison.Ordinal));
        var cells = row.Split('|').Select(c => c.Trim()).ToArray();
        var syscalls = seccomp.GetProperty("syscalls");
        string[] names = ["unshare", "mount", "umount2"];
        for (var i = 0; i < names.Length; i++)
        {
            var answer = syscalls.GetProperty(names[i]).GetString();
            var observed = answer is "ok" or "ENOENT" ? "allowed" : answer;
            Assert.Equal(cells[2 + i], observed);
        }
        if (seccomp.GetProperty("verdict").GetString() == "allowed")
        {
            Assert.True(doctor.ExitCode == 0, doctor.All);
            Assert.StartsWith("builds and pushes", cells[5], StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(9, doctor.ExitCode);
            Assert.StartsWith("exit 9 `seccomp-refused`", cells[5], StringComparison.Ordinal);
        }
    }

    private static string ChownContext(Sandbox sandbox)
    {
        var context = sandbox.AddContext("context", new Dictionary<string, string>
        {
            ["Containerfile"] = "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox mkdir /owned && /bin/busybox touch /owned/a && /bin/busybox chown 1234:5678 /owned/a\"]\n",
        });
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        return context;
    }

    private Task<ProcessResult> RunAsync(Sandbox sandbox, string profile, int user, string context, params string[] runnerArguments) =>
        RunAsync(sandbox, profile, user, context, [], runnerArguments);

    // Root of the namespace: no-new-privileges and a read-only root (deploy/kubernetes/build-pod.yaml). uid 1000: privilege
    // escalation allowed for the file-capability newuidmap and a writable root for /etc/subuid
    // (deploy/kubernetes/build-pod-rootless.yaml). Both get the same four capabilities.
    private async Task<ProcessResult> RunAsync(Sandbox sandbox, string profile, int user, string context, string[] extra, params string[] runnerArguments)
    {
        Directory.CreateDirectory(sandbox.Out);
        var shim = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "shim")).FullName;
        var shimPath = Path.Combine(shim, "buildah");
        if (!File.Exists(shimPath))
        {
            File.WriteAllText(shimPath, "#!/bin/sh\necho \"$*\" >>/out/buildah-calls\nexec /usr/bin/buildah \"$@\"\n");
            await Run.CheckedAsync("chmod", "0755", shimPath);
        }
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;
        string[] identity = user == 0
            ? ["--security-opt", "no-new-privileges", "--read-only"]
            : ["--user", $"{user}:{user}"];
        return await engine.RunAsync(volume,
            [
                "--cap-drop=all", $"--cap-add={Caps}", "--security-opt", $"seccomp={profile}", .. identity,
                "-v", context + ":/workspace:ro", "-v", sandbox.Out + ":/out:U", "-v", shim + ":/shim:ro",
                "-e", "PATH=/shim:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                .. extra,
            ],
            runnerArguments);
    }

    private static string[] BuildahCalls(Sandbox sandbox)
    {
        var calls = Path.Combine(sandbox.Out, "buildah-calls");
        return File.Exists(calls) ? File.ReadAllLines(calls) : [];
    }
}
