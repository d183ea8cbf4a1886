using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>Each storage driver builds for real when asked; auto probes and says why it chose.</summary>
[Collection(IntegrationTier.Name)]
public sealed class StorageDriverTests(RegistryFixture registry)
{
    [Theory]
    [InlineData("overlay")]
    [InlineData("fuse-overlayfs")]
    [InlineData("vfs")]
    public async Task Builds_with_the_driver_asked_for(string driver)
    {
        using var sandbox = Sandbox.Create(driver);
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", $"{registry.Address}/samples/hello:{driver}", "--tls-verify=false",
            "--storage-driver", driver, "--build-arg", $"BASE={registry.BaseImage}");

        Assert.True(run.ExitCode == 0, run.All);
        var result = sandbox.ReadResult();
        Assert.Equal(driver, result.GetProperty("storageDriver").GetString());
        Assert.Contains($"using {driver} as asked", run.StandardOutput, StringComparison.Ordinal);
        var storageConfDriver = driver == "vfs" ? "vfs" : "overlay";
        Assert.True(Directory.Exists(Path.Combine(sandbox.Volume, "storage", storageConfDriver)), $"no {storageConfDriver} store under the volume");
    }

    [Fact]
    public async Task Auto_picks_native_overlay_in_the_sandbox_and_says_why()
    {
        using var sandbox = Sandbox.Create("auto");
        var context = sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello");

        var run = await sandbox.BuildAsync(new SandboxOptions(), "build-runner/storage-driver=\"auto\"",
            "--context", context, "--no-push", "--build-arg", $"BASE={registry.BaseImage}", "--tls-verify=false");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("overlay", sandbox.ReadResult().GetProperty("storageDriver").GetString());
        Assert.Contains("auto picked overlay: mounted overlay on a scratch store under /var/lib/containers/storage and wrote a file through the mount", run.StandardOutput, StringComparison.Ordinal);
    }
}
