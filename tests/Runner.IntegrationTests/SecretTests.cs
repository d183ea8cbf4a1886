using System.Text;
using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;
using BuildRunner.Settings;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// Secret values (a build argument, a <c>build-runner/secrets</c> file, registry credentials) in a real build in the
/// sandbox: a step that prints them and fails, doctor in both forms, and a build that uses the secret file and pushes.
/// Each value is unique to the run, so finding it anywhere is a leak and nothing else.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class SecretTests(RegistryFixture registry)
{
    private readonly string argValue = "arg-s3cr3t-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string fileValue = "file-s3cr3t-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string password = "auth-s3cr3t-" + Guid.NewGuid().ToString("N")[..12];

    private string Auth => Convert.ToBase64String(Encoding.UTF8.GetBytes("builder:" + password));

    // What must appear nowhere: the three values, and the credentials as the auth file writes them.
    private IEnumerable<string> SecretValues => [argValue, fileValue, password, Auth, "builder:" + password];

    [Fact]
    public async Task A_failing_step_that_prints_secrets_shows_stars_in_the_log_result_and_termination_message_and_doctor_shows_no_value()
    {
        using var sandbox = Sandbox.Create("secret-fail");
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nARG TOKEN\n"
                + "RUN --mount=type=secret,id=token echo \"build arg: $TOKEN\" && echo \"secret file: $(cat /run/secrets/token)\" && false\n",
        });
        var annotations = Annotations(sandbox, "fail");

        var build = await sandbox.BuildAsync(new SandboxOptions(), annotations, "--context", context, "--tls-verify=false");
        var doctorJson = await sandbox.RunAsync(new SandboxOptions(), annotations,
            sandbox.Binary, "doctor", "--json", "--annotations", sandbox.AnnotationsPath, "--context", context, "--tls-verify=false");
        var doctorText = await sandbox.RunAsync(new SandboxOptions(), annotations,
            sandbox.Binary, "doctor", "--annotations", sandbox.AnnotationsPath, "--context", context, "--tls-verify=false");

        Assert.True(build.ExitCode == 1, build.All);
        var resultText = File.ReadAllText(sandbox.ResultPath);
        var termination = File.ReadAllText(sandbox.TerminationLogPath);
        AssertNoSecret("build stdout", build.StandardOutput);
        AssertNoSecret("build stderr", build.StandardError);
        AssertNoSecret("result file", resultText);
        AssertNoSecret("termination message", termination);
        Assert.True(doctorJson.ExitCode == 0, doctorJson.All);
        AssertNoSecret("doctor --json", doctorJson.All);
        Assert.True(doctorText.ExitCode == 0, doctorText.All);
        AssertNoSecret("doctor", doctorText.All);

        // The stars stand where the values were.
        Assert.Contains("build arg: ***", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("secret file: ***", build.StandardOutput, StringComparison.Ordinal);
        var error = JsonDocument.Parse(resultText).RootElement.GetProperty("error");
        Assert.Contains("build arg: ***", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("secret file: ***", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("build arg: ***", termination, StringComparison.Ordinal);
        Assert.Contains("build arg: ***", build.StandardError, StringComparison.Ordinal);
        var report = JsonDocument.Parse(doctorJson.StandardOutput).RootElement;
        Assert.Equal("TOKEN=***", report.GetProperty("annotations").GetProperty("build-runner/build-args").GetString());
        Assert.Contains("TOKEN=***", report.GetProperty("annotations").GetProperty("kubectl.kubernetes.io/last-applied-configuration").GetString(), StringComparison.Ordinal);
        Assert.Equal("TOKEN=***", report.GetProperty("settings").GetProperty("build-runner/build-args").GetProperty("value").GetString());
        var argv = report.GetProperty("plan").GetProperty("buildah")[0].GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("TOKEN=***", argv);
        Assert.Contains($"id=token,src={TokenPath(sandbox)}", argv);
        Assert.Contains("build-runner/build-args = TOKEN=***", doctorText.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_reads_a_secret_file_without_storing_it_pushes_an_image_holding_no_secret_value_in_any_layer_or_its_config()
    {
        using var sandbox = Sandbox.Create("secret-push");
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            // test -s fails unless the secret is mounted, so a success proves the step had it.
            ["Containerfile"] = $"FROM {registry.BaseImage}\n"
                + "RUN --mount=type=secret,id=token test -s /run/secrets/token && cat /run/secrets/token > /dev/null && echo used > /used\n",
        });
        var image = $"{registry.Address}/secrets/used:1";
        var annotations = Annotations(sandbox, "push", ("build-runner/output-image", image));

        var build = await sandbox.BuildAsync(new SandboxOptions(), annotations, "--context", context, "--tls-verify=false");

        Assert.True(build.ExitCode == 0, build.All);
        AssertNoSecret("build stdout", build.StandardOutput);
        AssertNoSecret("build stderr", build.StandardError);
        AssertNoSecret("result file", File.ReadAllText(sandbox.ResultPath));
        AssertNoSecret("termination message", File.ReadAllText(sandbox.TerminationLogPath));
        var blobs = await RegistryImage.BlobsAsync(image);
        Assert.True(blobs.Count >= 3, "the base layer, the RUN step's layer and the config");
        foreach (var (digest, bytes) in blobs)
        {
            foreach (var value in SecretValues)
            {
                Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(value)) < 0, $"blob {digest} holds a secret value");
            }
        }
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal("used\n", files.Single(f => f.Path == "used").Content);
        Assert.DoesNotContain(files, f => f.Path.StartsWith("run/secrets/", StringComparison.Ordinal) && f.Content is { Length: > 0 });
    }

    private static string TokenPath(Sandbox sandbox) => Path.Combine(sandbox.Dir, "secrets", "token");

    // The secrets as a pod gets them: a mounted Secret file, an auth file for the registry, a build argument, and the
    // last-applied-configuration annotation kubectl writes, which repeats every annotation value.
    private string Annotations(Sandbox sandbox, string tag, params (string Key, string Value)[] more)
    {
        Directory.CreateDirectory(Path.Combine(sandbox.Dir, "secrets"));
        File.WriteAllText(TokenPath(sandbox), fileValue + "\n");
        var authFile = Path.Combine(sandbox.Dir, "secrets", "config.json");
        File.WriteAllText(authFile, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, Dictionary<string, string>>>
        {
            ["auths"] = new() { [registry.Address] = new() { ["auth"] = Auth } },
        }) + "\n");
        var values = new Dictionary<string, string>
        {
            ["build-runner/output-image"] = $"{registry.Address}/secrets/{tag}:1",
            ["build-runner/build-args"] = $"TOKEN={argValue}",
            ["build-runner/secrets"] = $"id=token,src={TokenPath(sandbox)}",
            ["build-runner/authfile"] = authFile,
            ["kubectl.kubernetes.io/last-applied-configuration"] =
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"build-runner/build-args\":\"TOKEN=" + argValue + "\"}}}",
        };
        foreach (var (key, value) in more)
        {
            values[key] = value;
        }
        return AnnotationsFile.Format(values);
    }

    private void AssertNoSecret(string channel, string text)
    {
        foreach (var value in SecretValues)
        {
            Assert.False(text.Contains(value, StringComparison.Ordinal), $"{channel} shows a secret value:\n{text}");
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
