using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// Hermetic builds (build-runner/hermetic) in the user-namespaced sandbox with only the four capabilities a build
/// needs: a RUN step that fetches from the test registry on 127.0.0.1 works without hermetic and fails with it,
/// naming the step and hermetic mode; a hermetic build whose RUN steps need no network pulls its base first, pushes,
/// and its RUN steps saw only loopback; doctor says whether hermetic builds are possible, and why not.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class HermeticTests(RegistryFixture registry)
{
    private const string FourCapabilities = "-all,+setuid,+setgid,+setfcap,+sys_chroot";
    private static readonly SandboxOptions Pod = new() { Bounding = FourCapabilities };

    [Fact]
    public async Task A_RUN_step_fetching_from_the_registry_works_without_hermetic_and_fails_with_it_naming_the_step_and_hermetic_mode()
    {
        using var sandbox = Sandbox.Create("hermetic-fetch");
        var fetch = $"wget -q -O /fetched http://{registry.Address}/v2/ && echo fetched";
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN {fetch}\n",
        });
        var open = $"{registry.Address}/hermetic/fetch:open";
        var sealedImage = $"{registry.Address}/hermetic/fetch:sealed";

        var withNetwork = await sandbox.BuildAsync(Pod, null, "--context", context, "--tag", open, "--tls-verify=false");
        Assert.True(withNetwork.ExitCode == 0, withNetwork.All);
        Assert.Contains("fetched", withNetwork.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(sandbox.ReadResult().GetProperty("digest").GetString(), (await RegistryImage.InspectAsync(open)).GetProperty("Digest").GetString());

        var hermetic = await sandbox.BuildAsync(Pod, null, "--context", context, "--tag", sealedImage, "--tls-verify=false", "--hermetic");

        Assert.True(hermetic.ExitCode == 1, hermetic.All);
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("hermetic-network-used", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"the RUN step \"{fetch}\"", message, StringComparison.Ordinal);
        Assert.Contains("the build is hermetic (build-runner/hermetic: true)", message, StringComparison.Ordinal);
        Assert.Contains("the build is hermetic", File.ReadAllText(sandbox.TerminationLogPath), StringComparison.Ordinal);
        // The base image was pulled before the build, with the network; the build itself never reached the registry.
        Assert.Contains($"pulled {registry.BaseImage} into ", hermetic.StandardOutput, StringComparison.Ordinal);
        var missing = await Run.ProcessAsync("skopeo", ["inspect", "--tls-verify=false", "docker://" + sealedImage]);
        Assert.NotEqual(0, missing.ExitCode);
    }

    [Fact]
    public async Task A_hermetic_build_whose_RUN_steps_need_no_network_pulls_its_base_first_pushes_and_its_steps_saw_only_loopback()
    {
        using var sandbox = Sandbox.Create("hermetic-push");
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"ARG BASE\nFROM $BASE AS build\nRUN echo made offline > /made\n"
                + $"FROM {registry.BaseImage}\nCOPY --from=build /made /made\n"
                + "RUN cat /proc/net/dev > /net-dev && test -s /made\n",
        });
        var image = $"{registry.Address}/hermetic/offline:1";

        var run = await sandbox.BuildAsync(Pod, null, "--context", context, "--tag", image, "--tls-verify=false", "--hermetic",
            "--build-arg", $"BASE={registry.BaseImage}", "--log-level", "debug");

        Assert.True(run.ExitCode == 0, run.All);
        var result = sandbox.ReadResult();
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal(result.GetProperty("digest").GetString(), (await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString());
        Assert.Contains($"pulled {registry.BaseImage} into ", run.StandardOutput, StringComparison.Ordinal);

        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal("made offline\n", files.Single(f => f.Path == "made").Content);
        // /proc/net/dev lists the interfaces of the RUN step's network namespace: loopback only (the node has eth0 and more).
        var interfaces = files.Single(f => f.Path == "net-dev").Content!.Split('\n').Skip(2)
            .Select(l => l.Split(':')[0].Trim()).Where(n => n.Length > 0).ToList();
        Assert.Equal(["lo"], interfaces);
    }

    [Fact]
    public async Task Doctor_says_hermetic_builds_are_possible_with_the_four_capabilities_and_why_not_without_CAP_SETFCAP()
    {
        using var sandbox = Sandbox.Create("hermetic-doctor");
        var context = sandbox.AddContext("ctx", new Dictionary<string, string> { ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN true\n" });

        var possible = await sandbox.RunAsync(Pod, null, sandbox.Binary, "doctor", "--json", "--context", context, "--no-push", "--hermetic");
        var withoutSetfcap = await sandbox.RunAsync(new SandboxOptions { Bounding = "-all,+setuid,+setgid,+sys_chroot" }, null,
            sandbox.Binary, "doctor", "--context", context, "--no-push");

        Assert.True(possible.ExitCode == 0, possible.All);
        var hermetic = JsonDocument.Parse(possible.StandardOutput).RootElement.GetProperty("hermetic");
        Assert.True(hermetic.GetProperty("on").GetBoolean());
        Assert.True(hermetic.GetProperty("possible").GetBoolean(), hermetic.ToString());
        Assert.Contains("hermetic builds:  not possible (this build is not hermetic): writing /proc/", withoutSetfcap.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("uid_map", withoutSetfcap.StandardOutput, StringComparison.Ordinal);
    }
}
