using System.Collections.Immutable;
using BuildRunner.Planning;
using BuildRunner.Storage;
using BuildRunner.Tests.Storage;

namespace BuildRunner.Tests.Planning;

/// <summary>How the planner folds the build-args-file, the named build contexts and the proxies into the buildah runs.</summary>
public class BuildOptionsPlannerTests
{
    private static Facts Ready(params (string Key, string Value)[] settings) =>
        PodFacts.Ready([.. settings.Select(s => ("build-runner/" + s.Key, s.Value))]) with
        {
            Storage = new StorageFacts(null, new StorageSelection(StorageDriver.Vfs, [new StorageCandidate(StorageDriver.Vfs, true, "wrote a layer")], "vfs asked for")),
        };

    private static ImmutableArray<string> Bud(BuildPlan plan) => plan.Steps.Single(s => s.Kind == BuildahStepKind.Build).Invocation.Arguments;

    [Fact]
    public void The_build_args_file_goes_under_the_explicit_build_args_and_every_value_is_masked()
    {
        var plan = Planner.Plan(Ready(("build-args-file", "/secrets/args"), ("build-args", "VERSION=explicit-2.0")) with
        {
            Secrets = SecretFacts.None with { BuildArgsFileContent = "VERSION=file-1.0\nTOKEN=file-s3cr3t\n" },
        });

        Assert.Null(plan.Blocking);
        var build = Bud(plan);
        Assert.Contains("TOKEN=file-s3cr3t", build);
        Assert.Contains("VERSION=explicit-2.0", build);
        Assert.DoesNotContain("VERSION=file-1.0", build);
        var shown = plan.Steps[0].Invocation.Redacted();
        Assert.DoesNotContain("file-s3cr3t", shown, StringComparison.Ordinal);
        // The overridden file value too: it is in the file all the same.
        Assert.Equal("a line with *** and ***", plan.SecretMask.Apply("a line with file-1.0 and file-s3cr3t"));
    }

    [Theory]
    [InlineData(null, "the file does not exist", "the file does not exist")]
    [InlineData("A=1\nhunter2-only\n", null, "line 2 is not NAME=VALUE")]
    public void A_build_args_file_that_is_missing_or_malformed_blocks_before_buildah(string? content, string? error, string said)
    {
        var plan = Planner.Plan(Ready(("build-args-file", "/secrets/args")) with
        {
            Secrets = SecretFacts.None with { BuildArgsFileContent = content, BuildArgsFileError = error },
        });

        Assert.Equal(("build-args-file-invalid", 3), (plan.Blocking!.Code, plan.Blocking.ExitCode));
        Assert.Contains("\"/secrets/args\": " + said, plan.Blocking.Message, StringComparison.Ordinal);
        Assert.Contains("build-runner/build-args-file", plan.Blocking.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", plan.Blocking.Message + plan.Blocking.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_build_contexts_reach_buildah_as_absolute_folders_or_references_as_written()
    {
        var plan = Planner.Plan(Ready(("build-contexts", "shared=../shared\nbase=docker-image://registry:5000/base:1")) with
        {
            BuildContexts = [new("shared", "../shared", "/shared", true), new("base", "docker-image://registry:5000/base:1", null, true)],
        });

        Assert.Null(plan.Blocking);
        var build = Bud(plan);
        var at = build.IndexOf("--build-context");
        Assert.Equal(["--build-context", "shared=/shared", "--build-context", "base=docker-image://registry:5000/base:1"], build.Skip(at).Take(4));
    }

    [Fact]
    public void A_named_build_context_whose_folder_is_missing_blocks_naming_it()
    {
        var plan = Planner.Plan(Ready(("build-contexts", "shared=/mnt/shared")) with
        {
            BuildContexts = [new("shared", "/mnt/shared", "/mnt/shared", false)],
        });

        Assert.Equal(("build-context-missing", 3), (plan.Blocking!.Code, plan.Blocking.ExitCode));
        Assert.Contains("\"shared\" at \"/mnt/shared\": the folder does not exist", plan.Blocking.Message, StringComparison.Ordinal);
        Assert.Contains("shared=/mnt/shared", plan.Blocking.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxies_are_in_the_environment_of_every_buildah_run_RUN_steps_are_told_not_to_see_them_and_a_password_is_masked()
    {
        var plan = Planner.Plan(Ready(("http-proxy", "http://builder:pr0xy-s3cr3t@proxy.corp:3128"), ("no-proxy", ".corp")));

        Assert.Equal(2, plan.Steps.Length);
        Assert.All(plan.Steps, s => Assert.Equal("http://builder:pr0xy-s3cr3t@proxy.corp:3128", s.Invocation.Environment["HTTP_PROXY"]));
        Assert.All(plan.Steps, s => Assert.Equal(".corp", s.Invocation.Environment["NO_PROXY"]));
        Assert.Contains("--http-proxy=false", Bud(plan));
        Assert.Equal("proxy at http://builder:***@proxy.corp:3128", plan.SecretMask.Apply("proxy at http://builder:pr0xy-s3cr3t@proxy.corp:3128"));
    }
}
