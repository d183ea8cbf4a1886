using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>Failures a pod owner meets: they end with an exit code, a result file and words, never a stack trace.</summary>
[Collection(IntegrationTier.Name)]
public sealed class FailureTests(RegistryFixture registry)
{
    [Fact]
    public async Task A_failing_RUN_step_gives_a_failed_result_with_buildahs_last_error_lines_and_no_stack_trace()
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
        Assert.Equal("build-failed", error.GetProperty("code").GetString());
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
}
