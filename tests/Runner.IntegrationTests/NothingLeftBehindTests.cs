using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// A pod killed half-way, and pods building side by side: what one run leaves (or holds) must never break another.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class NothingLeftBehindTests(RegistryFixture registry)
{
    [Fact]
    public async Task After_SIGKILL_half_way_through_a_RUN_step_the_next_build_on_the_same_storage_root_succeeds()
    {
        using var sandbox = Sandbox.Create("sigkill");
        var marker = $"build-runner-killed-{Guid.NewGuid():N}"[..28];
        var slow = sandbox.AddContext("slow", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN echo half > /half && sleep 120 && echo {marker}\n",
        });

        var killed = sandbox.BuildAsync(new SandboxOptions(), null, "--context", slow, "--no-push", "--tls-verify=false");
        for (var i = 0; i < 600 && !killed.IsCompleted && ProcessView.Find(c => IsStep(c, marker)).Count == 0; i++)
        {
            await Task.Delay(100);
        }
        // The runner is PID 1 of the sandbox's PID namespace: SIGKILL to it takes every process of the "pod" with it,
        // as the kubelet's SIGKILL after the grace period does.
        var runner = Assert.Single(ProcessView.Find(c => c[0] == sandbox.Binary));
        Assert.Equal(0, (await Run.ProcessAsync("kill", ["-KILL", runner.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode);
        var first = await killed;
        // Killed outright, the runner can write nothing (the sandbox's unshare then exits 1).
        Assert.NotEqual(0, first.ExitCode);
        Assert.False(File.Exists(sandbox.ResultPath), "a SIGKILLed runner cannot have written a result");
        Assert.Empty(ProcessView.Find(c => IsStep(c, marker)));
        Assert.True(Directory.Exists(Path.Combine(sandbox.Volume, "storage")), "the killed build had written to the storage root");

        var image = $"{registry.Address}/leftovers/after-kill:latest";
        var again = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello"), "--tag", image, "--tls-verify=false",
            "--build-arg", $"BASE={registry.BaseImage}");

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Three_builds_at_once_in_three_pods_each_with_its_own_store_all_succeed()
    {
        var sandboxes = Enumerable.Range(1, 3).Select(i => Sandbox.Create($"parallel-{i}")).ToList();
        try
        {
            var builds = sandboxes.Select((sandbox, i) => sandbox.BuildAsync(new SandboxOptions(), null,
                "--context", sandbox.AddContext(Repository.Path_("images", "samples", "hello"), "hello"),
                "--tag", $"{registry.Address}/leftovers/parallel:{i}", "--tls-verify=false",
                "--build-arg", $"BASE={registry.BaseImage}", "--build-arg", $"GREETING=pod-{i}")).ToList();
            var runs = await Task.WhenAll(builds);

            for (var i = 0; i < runs.Length; i++)
            {
                Assert.True(runs[i].ExitCode == 0, $"pod {i}:\n{runs[i].All}");
                var files = await RegistryImage.FilesAsync($"{registry.Address}/leftovers/parallel:{i}");
                Assert.Equal($"pod-{i} from a RUN step\n", files.Single(f => f.Path == "build-info/greeting").Content);
            }
        }
        finally
        {
            sandboxes.ForEach(s => s.Dispose());
        }
    }

    private static bool IsStep(string[] commandLine, string marker) =>
        commandLine.Any(a => a.Contains(marker, StringComparison.Ordinal)) && !commandLine[0].EndsWith("sandbox.sh", StringComparison.Ordinal);
}
