using System.Text.Json;
using System.Text.Json.Nodes;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Tests.Deploy;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// deploy/tekton/task.yaml's build step, run as Tekton runs it (its script in a file of its own with the array params after
/// it, every <c>$(params...)</c>, <c>$(results...)</c> and <c>$(workspaces...)</c> reference substituted, its securityContext
/// and volumes as podman options) in the builder image with a user namespace. The results it leaves are checked against
/// the registry.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class TektonTaskTests(RegistryFixture registry, EngineFixture engine)
{
    [Fact]
    public async Task The_build_step_pushes_with_the_array_params_and_leaves_IMAGE_DIGEST_IMAGE_URL_and_IMAGE_REF_as_the_registry_has_them()
    {
        using var sandbox = Sandbox.Create("tekton");
        var source = sandbox.AddContext("source", new Dictionary<string, string>
        {
            ["Containerfile"] = "ARG BASE\nFROM ${BASE}\nARG VERSION\nRUN echo \"$VERSION\" > /version\n",
        });
        var repository = $"{registry.Address}/tekton/app";
        var (task, step) = Load();

        var run = await RunAsync(sandbox, task, step, source, $"{repository}:1.2.3",
            buildArgs: [$"BASE={registry.BaseImage}", "VERSION=1.2.3"], labels: ["org.example.team=a", "org.example.tier=web"],
            env: ["APP_MODE=production", "APP_TIER=web"], omitHistory: "true");

        Assert.True(run.ExitCode == 0, run.All);
        var pushed = await RegistryImage.InspectAsync($"{repository}:1.2.3");
        var digest = pushed.GetProperty("Digest").GetString()!;
        Assert.Equal(digest, PlatformStep.Result(Dir(sandbox), "IMAGE_DIGEST"));
        Assert.Equal($"{repository}@{digest}", PlatformStep.Result(Dir(sandbox), "IMAGE_URL"));
        Assert.Equal($"{repository}@{digest}", PlatformStep.Result(Dir(sandbox), "IMAGE_REF"));
        // Each array item reached the runner as its own flag.
        var labels = pushed.GetProperty("Labels");
        Assert.Equal(("a", "web"), (labels.GetProperty("org.example.team").GetString(), labels.GetProperty("org.example.tier").GetString()));
        Assert.Equal("1.2.3\n", (await RegistryImage.FilesAsync($"{repository}:1.2.3")).Single(f => f.Path == "version").Content);
        // The pipeline params of the newer settings reach the runner too: an array (ENV_VARS) and a string (OMIT_HISTORY).
        var environment = pushed.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("APP_MODE=production", environment);
        Assert.Contains("APP_TIER=web", environment);
        var config = JsonDocument.Parse(await Run.CheckedAsync("skopeo", "inspect", "--config", "--tls-verify=false", $"docker://{repository}:1.2.3")).RootElement;
        Assert.False(config.TryGetProperty("history", out var history) && history.GetArrayLength() > 0, config.ToString());
    }

    [Fact]
    public async Task A_failing_build_leaves_no_result_for_Tekton_to_report()
    {
        using var sandbox = Sandbox.Create("tekton-fail");
        var source = sandbox.AddContext("source", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN false\n",
        });
        var (task, step) = Load();

        var run = await RunAsync(sandbox, task, step, source, $"{registry.Address}/tekton/failing:1", buildArgs: [], labels: []);

        Assert.True(run.ExitCode == 1, run.All);
        Assert.Null(PlatformStep.Result(Dir(sandbox), "IMAGE_DIGEST"));
        Assert.Null(PlatformStep.Result(Dir(sandbox), "IMAGE_URL"));
        Assert.Null(PlatformStep.Result(Dir(sandbox), "IMAGE_REF"));
    }

    private static (JsonObject Task, JsonObject Step) Load()
    {
        var task = Assert.Single(Manifests.Load("tekton/task.yaml", File.ReadAllText(Repository.Path_("deploy", "tekton", "task.yaml")))).Tree;
        var step = task["spec"]!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "build")!.AsObject();
        return (task, step);
    }

    private static string Dir(Sandbox sandbox) => Path.Combine(sandbox.Dir, "step");

    /// <summary>A TaskRun of the Task: IMAGE and the arrays given, the test registry's plain HTTP (TLS_VERIFY false), the rest of the params at their defaults.</summary>
    private Task<ProcessResult> RunAsync(Sandbox sandbox, JsonObject task, JsonObject step, string source, string image, string[] buildArgs, string[] labels,
        string[]? env = null, string? omitHistory = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var param in task["spec"]!["params"]!.AsArray())
        {
            if ((string?)param!["type"] != "array" && param["default"] is { } value)
            {
                values["params." + (string)param["name"]!] = (string)value!;
            }
        }
        values["params.IMAGE"] = image;
        if (omitHistory is not null)
        {
            values["params.OMIT_HISTORY"] = omitHistory;
        }
        values["params.TLS_VERIFY"] = "false";
        values["params.BUILDER_IMAGE"] = EngineFixture.Image;
        foreach (var result in task["spec"]!["results"]!.AsArray())
        {
            values[$"results.{(string)result!["name"]!}.path"] = $"{PlatformStep.ResultsPath}/{(string)result["name"]!}";
        }
        values["workspaces.source.path"] = $"{PlatformStep.WorkspacesPath}/source";
        // The optional dockerconfig workspace is not bound: the test registry takes anonymous pushes.
        values["workspaces.dockerconfig.bound"] = "false";
        values["workspaces.dockerconfig.path"] = "";
        var annotations = task["metadata"]!["annotations"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        return PlatformStep.RunAsync(engine, Dir(sandbox), task, step, values,
            new Dictionary<string, string[]> { ["BUILD_ARGS"] = buildArgs, ["LABELS"] = labels, ["ENV_VARS"] = env ?? [] },
            new Dictionary<string, string> { ["source"] = source }, annotations);
    }
}
