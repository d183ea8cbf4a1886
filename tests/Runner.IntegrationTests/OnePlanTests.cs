using System.Text.Json;
using System.Text.RegularExpressions;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// <c>doctor --json</c>, then <c>build</c>, in the same sandbox: doctor's verdict, blocking problem and buildah command
/// lines must be what build then did. buildah is reached through a PATH shim that records every call.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed partial class OnePlanTests(RegistryFixture registry)
{
    private const string RequiredOnly = "-all,+setuid,+setgid,+setfcap,+sys_chroot";

    public static TheoryData<string> Pods =>
        ["root of the namespace", "uid 1000", "missing capability", "no storage", "missing context"];

    [Theory]
    [MemberData(nameof(Pods))]
    public async Task Doctor_predicts_the_verdict_the_blocking_problem_and_the_exact_buildah_command_lines_that_build_then_runs(string pod)
    {
        using var sandbox = Sandbox.Create("plan");
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");
        var (options, extra) = pod switch
        {
            "root of the namespace" => (new SandboxOptions { Bounding = RequiredOnly, NoNewPrivileges = true }, Array.Empty<string>()),
            "uid 1000" => (new SandboxOptions { User = 1000, Bounding = "-sys_admin" }, []),
            "missing capability" => (new SandboxOptions { Bounding = "-all,+setuid,+setgid,+sys_chroot" }, []),
            "no storage" => (new SandboxOptions { Bounding = RequiredOnly }, ["--storage-root", "/proc/no-storage-here"]),
            "missing context" => (new SandboxOptions { Bounding = RequiredOnly }, ["--context", sandbox.Dir + "/no-such-context"]),
            _ => throw new ArgumentOutOfRangeException(nameof(pod)),
        };
        string[] arguments =
        [
            "--context", context, "--tag", $"{registry.Address}/plan/hello:{pod.Replace(' ', '-')}", "--tls-verify=false",
            "--build-arg", $"BASE={registry.BaseImage}", "--build-arg", "GREETING=not-a-secret-but-masked", .. extra,
        ];
        var shim = BuildahShim.Install(sandbox);
        var environment = shim.Environment;

        var doctor = await sandbox.RunAsync(options, null, environment, [sandbox.Binary, "doctor", "--json", .. arguments]);
        var report = JsonDocument.Parse(doctor.StandardOutput).RootElement;
        var predicted = report.GetProperty("plan").GetProperty("buildah").EnumerateArray()
            .Select(run => Normalized(run.GetProperty("argv").EnumerateArray().Skip(1).Select(a => a.GetString()!)))
            .ToList();
        var blocking = report.GetProperty("problems").EnumerateArray().FirstOrDefault(p => p.GetProperty("blocking").GetBoolean());
        shim.Clear();

        var build = await sandbox.RunAsync(options, null, environment, [sandbox.Binary, "build", "--result", sandbox.ResultPath, .. arguments]);
        var ran = shim.BuildAndPushCalls().Select(Normalized).ToList();

        Assert.Equal(doctor.ExitCode, build.ExitCode);
        if (report.GetProperty("verdict").GetString() == "blocked")
        {
            Assert.NotEqual(0, build.ExitCode);
            Assert.Equal(blocking.GetProperty("code").GetString(), sandbox.ReadResult().GetProperty("error").GetProperty("code").GetString());
            Assert.Empty(ran);
        }
        else
        {
            Assert.True(build.ExitCode == 0, build.All);
            Assert.Equal(2, predicted.Count);
            Assert.Equal(2, ran.Count);
            for (var i = 0; i < predicted.Count; i++)
            {
                // Build-argument values (masked by doctor, which treats them as secrets) are the one difference.
                Assert.Equal(predicted[i], ran[i]
                    .Replace("GREETING=not-a-secret-but-masked", "GREETING=***", StringComparison.Ordinal)
                    .Replace($"BASE={registry.BaseImage}", "BASE=***", StringComparison.Ordinal));
            }
        }
        var expectedBlocking = pod switch
        {
            "missing capability" => "missing-capability",
            "no storage" => "storage-root-unwritable",
            "missing context" => "context-missing",
            _ => null,
        };
        Assert.Equal(expectedBlocking, blocking.ValueKind == JsonValueKind.Undefined ? null : blocking.GetProperty("code").GetString());
    }

    // Each run has its own work folder ($TMPDIR/build-runner-PID): compare the paths below it, not its name.
    private static string Normalized(IEnumerable<string> argv) =>
        WorkFolder().Replace(string.Join(" ", argv), "build-runner-PID");

    [GeneratedRegex(@"build-runner-\d+")]
    private static partial Regex WorkFolder();
}
