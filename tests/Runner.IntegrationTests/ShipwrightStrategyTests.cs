using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Tests.Deploy;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// deploy/shipwright/clusterbuildstrategy.yaml's step, run as Shipwright (through Tekton) runs it: its command and args
/// with Shipwright's own params (<c>shp-output-image</c>, <c>shp-source-context</c>, <c>shp-output-insecure</c>, ...) and the
/// strategy's substituted, array params as separate arguments, the step's and the strategy's securityContext and the
/// strategy's volumes as podman options, in the builder image with a user namespace. shp-image-digest and shp-image-size
/// are checked against the registry.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class ShipwrightStrategyTests(RegistryFixture registry, EngineFixture engine)
{
    [Fact]
    public async Task The_strategy_step_pushes_and_leaves_the_digest_and_the_compressed_size_the_registry_holds()
    {
        using var sandbox = Sandbox.Create("shipwright");
        var source = sandbox.AddContext("source", new Dictionary<string, string>
        {
            ["Dockerfile"] = "ARG BASE\nFROM ${BASE}\nARG GREETING\nRUN echo \"$GREETING\" > /greeting\n",
        });
        var image = $"{registry.Address}/shipwright/app:latest";

        var run = await RunAsync(sandbox, source, image, [$"BASE={registry.BaseImage}", "GREETING=ahoy"]);

        Assert.True(run.ExitCode == 0, run.All);
        var digest = (await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString();
        Assert.Equal(digest, PlatformStep.Result(Dir(sandbox), "shp-image-digest"));
        // Shipwright's image size: the compressed size of what was pushed, the manifest's layers and config together.
        var manifest = JsonDocument.Parse(await Run.CheckedAsync("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + image)).RootElement;
        var size = manifest.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("size").GetInt64())
            + manifest.GetProperty("config").GetProperty("size").GetInt64();
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), PlatformStep.Result(Dir(sandbox), "shp-image-size"));
        Assert.Equal("ahoy\n", (await RegistryImage.FilesAsync(image)).Single(f => f.Path == "greeting").Content);
        // An array param of the newer settings (env) reaches the runner as its flag.
        Assert.Contains("APP_MODE=production", (await RegistryImage.InspectAsync(image)).GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_failing_build_leaves_neither_result()
    {
        using var sandbox = Sandbox.Create("shipwright-fail");
        var source = sandbox.AddContext("source", new Dictionary<string, string> { ["Dockerfile"] = $"FROM {registry.BaseImage}\nRUN false\n" });

        var run = await RunAsync(sandbox, source, $"{registry.Address}/shipwright/failing:latest", []);

        Assert.True(run.ExitCode == 1, run.All);
        Assert.Null(PlatformStep.Result(Dir(sandbox), "shp-image-digest"));
        Assert.Null(PlatformStep.Result(Dir(sandbox), "shp-image-size"));
    }

    private static string Dir(Sandbox sandbox) => Path.Combine(sandbox.Dir, "step");

    /// <summary>
    /// A BuildRun of a Build on the strategy: the output image given and marked insecure (the test registry speaks plain
    /// HTTP), the source at Shipwright's source root with no context folder, the strategy's params at their defaults.
    /// </summary>
    private Task<ProcessResult> RunAsync(Sandbox sandbox, string source, string image, string[] buildArgs)
    {
        var strategy = Assert.Single(Manifests.Load("shipwright/clusterbuildstrategy.yaml",
            File.ReadAllText(Repository.Path_("deploy", "shipwright", "clusterbuildstrategy.yaml")))).Tree;
        var step = strategy["spec"]!["steps"]!.AsArray().Single()!.AsObject();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var param in strategy["spec"]!["parameters"]!.AsArray())
        {
            if ((string?)param!["type"] != "array")
            {
                values["params." + (string)param["name"]!] = (string?)param["default"] ?? "";
            }
        }
        values["params.shp-output-image"] = image;
        values["params.shp-output-insecure"] = "true";
        values["params.shp-source-root"] = $"{PlatformStep.WorkspacesPath}/source";
        values["params.shp-source-context"] = $"{PlatformStep.WorkspacesPath}/source";
        values["results.shp-image-digest.path"] = $"{PlatformStep.ResultsPath}/shp-image-digest";
        values["results.shp-image-size.path"] = $"{PlatformStep.ResultsPath}/shp-image-size";
        var annotations = strategy["metadata"]!["annotations"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        // The strategy names a placeholder image; the builder image under test stands in (PlatformStep runs it).
        return PlatformStep.RunAsync(engine, Dir(sandbox), strategy, step, values,
            new Dictionary<string, string[]> { ["build-args"] = buildArgs, ["env"] = ["APP_MODE=production"] },
            new Dictionary<string, string> { ["source"] = source }, annotations);
    }
}
