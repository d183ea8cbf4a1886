using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>Failures a pod owner meets: they end with an exit code, a result file and words, never a stack trace.</summary>
[Collection(IntegrationTier.Name)]
public sealed class FailureTests(RegistryFixture registry)
{
    [Fact]
    public async Task A_failing_RUN_step_gives_a_run_step_failed_result_with_buildahs_last_error_lines_and_no_stack_trace()
    {
        using var sandbox = Sandbox.Create("fail");
        var context = sandbox.AddContext("broken", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN echo about to fail && ls /no/such/file && echo never\n",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", $"{registry.Address}/samples/broken:1", "--tls-verify=false");

        Assert.Equal(1, run.ExitCode);
        var result = sandbox.ReadResult();
        Assert.Equal("failed", result.GetProperty("status").GetString());
        var error = result.GetProperty("error");
        Assert.Equal("run-step-failed", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("/no/such/file", message, StringComparison.Ordinal);
        Assert.Contains("Error: building at STEP", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("fix").GetString()));
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.StartsWith("building the image", File.ReadAllText(sandbox.TerminationLogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_context_fails_before_buildah_with_a_fix()
    {
        using var sandbox = Sandbox.Create("nocontext");

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", "/no/such/context", "--no-push");

        Assert.Equal(3, run.ExitCode);
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("context-missing", error.GetProperty("code").GetString());
        Assert.Contains("fix:", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("STEP", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_stops_buildah_and_its_RUN_step_within_the_grace_period_leaves_no_mount_and_still_writes_a_cancelled_result()
    {
        using var sandbox = Sandbox.Create("sigterm");
        var context = sandbox.AddContext("slow", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN sleep 120 && echo build-runner-slow-step\n",
        });
        // The runner is not PID 1 here, so the "pod" outlives it: the shell then records the mount table the runner
        // left behind in its mount namespace.
        var mountsAfter = Path.Combine(sandbox.Out, "mounts-after");
        var build = sandbox.RunAsync(new SandboxOptions(), null,
            "/bin/sh", "-c", "\"$0\" \"$@\"; echo $? > \"$SANDBOX_DIR/out/exit\"; cat /proc/self/mountinfo > \"$SANDBOX_DIR/out/mounts-after\"",
            sandbox.Binary, "build", "--result", sandbox.ResultPath, "--context", context, "--no-push", "--tls-verify=false");
        // Wait for the RUN step, as the kubelet would find it when the pod is deleted mid-build.
        for (var i = 0; i < 600 && !build.IsCompleted && ProcessView.Find(IsSlowStep).Count == 0; i++)
        {
            await Task.Delay(100);
        }
        var runner = Assert.Single(ProcessView.Find(c => c[0] == sandbox.Binary));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, (await Run.ProcessAsync("kill", ["-TERM", runner.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode);
        var run = await build;
        var stopped = clock.Elapsed;

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("143", File.ReadAllText(Path.Combine(sandbox.Out, "exit")).Trim());
        // Kubernetes' default terminationGracePeriodSeconds: after it the kubelet kills without a result.
        Assert.True(stopped < TimeSpan.FromSeconds(30), $"stopped after {stopped.TotalSeconds:0.0} s");
        Assert.Equal("cancelled", sandbox.ReadResult().GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(ProcessView.Find(IsSlowStep));
        var leftover = File.ReadAllLines(mountsAfter).Select(l => l.Split(' ')[4]).Where(m => m.StartsWith("/var/lib/containers/storage", StringComparison.Ordinal)).ToList();
        Assert.True(leftover.Count == 0, "mounts left under the storage root:\n" + string.Join("\n", leftover));
    }

    private static bool IsSlowStep(string[] commandLine) =>
        commandLine.Any(a => a.Contains("build-runner-slow-step", StringComparison.Ordinal)) && !commandLine[0].EndsWith("sandbox.sh", StringComparison.Ordinal);
}
