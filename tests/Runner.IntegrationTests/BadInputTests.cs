using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// Inputs written by other tools, or broken on purpose, fed to the real binary: each is answered with the catalog's
/// code and exit code, a message naming the culprit, a fix, a result file, and no stack trace.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class BadInputTests(RegistryFixture registry)
{
    public static TheoryData<string, string> BadAnnotationFiles => new()
    {
        { "bad quoting", "build-runner/target=\"unterminated\nbuild-runner/format=oci" },
        { "binary garbage", "\u0001\u0002\u00ff\u00fe=\"\u0000x\"\n\u007f\u0080" },
        { "an unquoted value", "build-runner/target=stage" },
    };

    [Theory]
    [MemberData(nameof(BadAnnotationFiles))]
    public async Task A_malformed_annotations_file_names_the_file_and_line(string shape, string text)
    {
        using var outside = new Outside();
        var annotations = outside.Write("annotations", text);

        var run = await BuildAsync(outside, "--annotations", annotations);

        AssertAnswered(run, outside, "malformed-annotations", 3, shape);
        Assert.Contains($"reading annotations file \"{annotations}\": line ", outside.ReadResult().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_annotations_file_over_the_size_cap_is_refused_before_it_is_read_whole()
    {
        using var outside = new Outside();
        var annotations = outside.Write("annotations", "build-runner/labels=\"" + new string('a', 2 * 1024 * 1024) + "\"");

        var run = await BuildAsync(outside, "--annotations", annotations);

        AssertAnswered(run, outside, "malformed-annotations", 3, "size cap");
        Assert.Contains("larger than", outside.ReadResult().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_annotations_file_that_is_a_symlink_loop_is_unreadable_and_named()
    {
        using var outside = new Outside();
        var loop = Path.Combine(outside.Dir, "annotations");
        File.CreateSymbolicLink(loop, Path.Combine(outside.Dir, "other"));
        File.CreateSymbolicLink(Path.Combine(outside.Dir, "other"), loop);

        var run = await BuildAsync(outside, "--annotations", loop);

        AssertAnswered(run, outside, "unreadable-annotations", 3, "symlink loop");
        Assert.Contains(loop, outside.ReadResult().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadBuildObjects => new()
    {
        { "not JSON", "this is not json {", "" },
        { "not a Build", """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}""", "kind" },
        { "a wrong type deep inside", """{"kind":"Build","apiVersion":"build.openshift.io/v1","metadata":{"name":"b","annotations":{"build-runner/target":7}},"spec":{}}""", "$.metadata.annotations" },
    };

    [Theory]
    [MemberData(nameof(BadBuildObjects))]
    public async Task A_BUILD_variable_that_is_not_a_usable_Build_is_refused_naming_where(string shape, string json, string named)
    {
        using var outside = new Outside();

        var run = await BuildAsync(outside, new Dictionary<string, string?> { ["BUILD"] = json });

        AssertAnswered(run, outside, "invalid-build-object", 3, shape);
        Assert.Contains(named, outside.ReadResult().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_that_is_a_file_is_named_as_a_file_with_the_fix()
    {
        using var outside = new Outside();
        var file = outside.Write("Containerfile", "FROM scratch\n");

        var run = await outside.RunAsync(null, "build", "--context", file, "--no-push", "--storage-root", outside.StorageRoot,
            "--annotations", Path.Combine(outside.Dir, "none"), "--result", outside.ResultPath);

        AssertAnswered(run, outside, "context-missing", 3, "context is a file");
        var error = outside.ReadResult().GetProperty("error");
        Assert.Contains("it is a file, not a folder", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("--file", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbled_uid_map_is_an_environment_failure_naming_the_file()
    {
        using var sandbox = Sandbox.Create("garbled-map");
        Directory.CreateDirectory(sandbox.Out);
        File.WriteAllText(Path.Combine(sandbox.Out, "garbled"), "0 100000\nnot a map\n");
        // The runner is PID 1 of the sandbox: the shell that becomes it hides /proc/1/uid_map behind a garbled copy.
        var run = await sandbox.RunAsync(new SandboxOptions(), null,
            "/bin/sh", "-c", "mount --bind \"$SANDBOX_DIR/out/garbled\" /proc/1/uid_map && exec \"$0\" \"$@\"",
            sandbox.Binary, "build", "--no-push", "--result", sandbox.ResultPath);

        Assert.True(run.ExitCode == 11, run.All);
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.Equal("proc-unreadable", error.GetProperty("code").GetString());
        Assert.Contains("/proc/self/uid_map", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auth_file_that_is_not_JSON_is_refused_before_buildah_naming_the_file_and_never_its_content()
    {
        using var outside = new Outside();
        var auth = outside.Write("auth.json", "{\"auths\": {\"r\": {\"auth\": hunter2-not-quoted}}}");

        var run = await BuildAsync(outside, "--authfile", auth);

        AssertAnswered(run, outside, "authfile-invalid", 3, "auth file not JSON");
        var message = outside.ReadResult().GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(auth, message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", File.ReadAllText(outside.ResultPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Containerfile_with_a_syntax_error_is_a_configuration_failure_naming_the_instruction()
    {
        using var outside = new Outside();
        var context = Path.GetDirectoryName(outside.Write("bad/Containerfile", "FROM scratch\nFRMO busybox\n"))!;

        var run = await outside.RunAsync(null, "build", "--context", context, "--no-push", "--storage-root", outside.StorageRoot,
            "--storage-driver", "vfs", "--annotations", Path.Combine(outside.Dir, "none"), "--result", outside.ResultPath);

        AssertAnswered(run, outside, "containerfile-invalid", 3, "syntax error");
        Assert.Contains("Unknown instruction: \"FRMO\"", outside.ReadResult().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_of_1000_IDs_and_a_base_with_a_file_owned_by_65534_is_a_namespace_too_small_with_the_size_to_ask_for()
    {
        // The base: built in an ordinary sandbox (65536 IDs), with /nobody owned by 65534 as many images have it.
        using var maker = Sandbox.Create("ids-base");
        var baseContext = maker.AddContext("base", new Dictionary<string, string>
        {
            ["Containerfile"] = "FROM scratch\nCOPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox touch /nobody && /bin/busybox chown 65534:65534 /nobody\"]\n",
        });
        File.Copy("/bin/busybox", Path.Combine(baseContext, "busybox"));
        var baseImage = $"{registry.Address}/bad-input/nobody-base:latest";
        var made = await maker.BuildAsync(new SandboxOptions(), null, "--context", baseContext, "--tag", baseImage, "--tls-verify=false", "--storage-driver", "vfs");
        Assert.True(made.ExitCode == 0, made.All);

        using var small = Sandbox.Create("ids-small");
        var context = small.AddContext("app", new Dictionary<string, string> { ["Containerfile"] = $"FROM {baseImage}\nRUN [\"/bin/busybox\", \"true\"]\n" });
        var run = await small.BuildAsync(new SandboxOptions { Size = 1000 }, null, "--context", context, "--no-push", "--tls-verify=false", "--storage-driver", "vfs");

        Assert.True(run.ExitCode == 4, run.All);
        var error = small.ReadResult().GetProperty("error");
        Assert.Equal("user-namespace-too-small", error.GetProperty("code").GetString());
        Assert.Contains("owned by 65534:65534 (/nobody)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("65536 IDs", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_file_whose_folder_cannot_be_made_is_the_pods_configuration_not_a_defect_and_a_missing_folder_is_made()
    {
        using var outside = new Outside();
        var context = Path.GetDirectoryName(outside.Write("context/Containerfile", "FROM scratch\n"))!;
        string[] Arguments(string result) => ["build", "--context", context, "--no-push", "--storage-root", outside.StorageRoot,
            "--annotations", Path.Combine(outside.Dir, "none"), "--result", result];

        // /proc takes no new folder: the result cannot be written anywhere the flag points.
        var unwritable = "/proc/build-runner-no-such-folder/result.json";
        var run = await outside.RunAsync(null, Arguments(unwritable));

        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains("writing the result file \"" + unwritable + "\"", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("fix: point --result at a writable volume", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("defect", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);

        // A folder that is only missing is made, as a Tekton results path may not exist yet.
        var missing = Path.Combine(outside.Dir, "not-yet", "result.json");
        var made = await outside.RunAsync(null, Arguments(missing));
        Assert.True(made.ExitCode == 0, made.All);
        Assert.Equal("succeeded", JsonDocument.Parse(File.ReadAllText(missing)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_TMPDIR_that_is_not_writable_is_an_environment_failure_with_the_fix()
    {
        using var outside = new Outside();

        var run = await BuildAsync(outside, new Dictionary<string, string?> { ["TMPDIR"] = "/proc/no-tmp-here" });

        AssertAnswered(run, outside, "temp-unwritable", 11, "TMPDIR not writable");
        Assert.Contains("/proc/no-tmp-here", outside.ReadResult().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buildah_missing_from_PATH_is_an_environment_failure_in_the_runners_words()
    {
        using var outside = new Outside();

        var run = await BuildAsync(outside, new Dictionary<string, string?> { ["PATH"] = Path.Combine(outside.Dir, "empty-bin") });

        AssertAnswered(run, outside, "buildah-missing", 11, "buildah not on PATH");
        var error = outside.ReadResult().GetProperty("error");
        Assert.Contains("cannot start buildah", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("install buildah", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("See the inner exception", run.All, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> BuildAsync(Outside outside, params string[] arguments) => BuildAsync(outside, null, arguments);

    private static Task<ProcessResult> BuildAsync(Outside outside, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var context = Path.GetDirectoryName(outside.Write("context/Containerfile", "FROM scratch\n"))!;
        string[] defaults = arguments.Contains("--annotations") ? [] : ["--annotations", Path.Combine(outside.Dir, "none")];
        return outside.RunAsync(environment, ["build", "--context", context, "--no-push", "--storage-root", outside.StorageRoot,
            "--result", outside.ResultPath, .. defaults, .. arguments]);
    }

    private static void AssertAnswered(ProcessResult run, Outside outside, string code, int exitCode, string shape)
    {
        Assert.True(run.ExitCode == exitCode, $"{shape}: exit {run.ExitCode}\n{run.All}");
        var error = outside.ReadResult().GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(exitCode, error.GetProperty("exitCode").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("fix").GetString()));
        Assert.Contains("fix: ", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.StandardError, StringComparison.Ordinal);
        _ = JsonDocument.Parse(File.ReadAllText(outside.ResultPath));
    }
}
