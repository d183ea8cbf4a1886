using BuildRunner.Cli;
using BuildRunner.Planning;
using BuildRunner.Storage;
using BuildRunner.Tests.Storage;

namespace BuildRunner.Tests.Planning;

/// <summary>The plan of <c>build-runner prefetch</c>: build's identity and storage steps, then one pull per image the store lacks.</summary>
public class PrefetchPlanTests
{
    private const string Base = "registry.example/base/debian:12";
    private const string Other = "registry.example/base/alpine:3";

    private static StorageFacts Usable(StorageDriver driver) =>
        new(null, new StorageSelection(driver, [new StorageCandidate(driver, true, "wrote a layer")], $"auto picked {driver.ToName()}"));

    // A pod with neither context nor output image: prefetch needs neither.
    private static Facts Pod(params (string Key, string Value)[] settings) =>
        PodFacts.Ready([("build-runner/storage-root", "/stores/base"), .. settings]) with
        {
            Context = new ContextFacts("/nowhere", false, null, false),
            Storage = Usable(StorageDriver.Overlay),
        };

    [Fact]
    public void Each_image_the_store_lacks_is_pulled_into_the_storage_root_with_auth_tls_and_retries_and_what_it_holds_is_skipped()
    {
        var request = new PrefetchRequest([Base, Other], [Base], []);

        var plan = Planner.Plan(Pod(("build-runner/authfile", "/auth/config.json"), ("build-runner/tls-verify", "false")), request);

        Assert.Equal("ready", plan.Verdict);
        Assert.Equal([Base], plan.AlreadyInStore.AsEnumerable());
        var pull = Assert.Single(plan.Steps);
        Assert.Equal(BuildahStepKind.Pull, pull.Kind);
        Assert.Equal(Other, pull.Image);
        Assert.Equal(
            ["--root", "/stores/base", "--runroot", PodFacts.Work + "/run", "--storage-driver", "overlay", "--storage-opt", "overlay.mountopt=nodev",
             "pull", "--policy", "missing", "--tls-verify=false", "--retry", "3", "--retry-delay", "2s", "--authfile", "/auth/config.json", Other],
            pull.Invocation.Arguments.AsEnumerable());
    }

    [Theory]
    [InlineData("always", "always")]
    [InlineData("newer", "always")]
    public void Always_and_newer_pull_again_what_the_store_holds(string policy, string flag)
    {
        var plan = Planner.Plan(Pod(("build-runner/pull-policy", policy)), new PrefetchRequest([Base], [Base], []));

        var pull = Assert.Single(plan.Steps);
        Assert.Equal(["--policy", flag], pull.Invocation.Arguments.SkipWhile(a => a != "--policy").Take(2));
    }

    [Fact]
    public void The_store_holds_an_image_only_for_the_driver_whose_index_names_it()
    {
        var plan = Planner.Plan(Pod() with { Storage = Usable(StorageDriver.Vfs) }, new PrefetchRequest([Base], [Base], []));

        Assert.Equal(Base, Assert.Single(plan.Steps).Image);
        Assert.Empty(plan.AlreadyInStore);
    }

    [Fact]
    public void No_image_named_blocks_as_a_usage_error()
    {
        var plan = Planner.Plan(Pod(), new PrefetchRequest([], [], []));

        Assert.Equal("usage", plan.Blocking!.Kind.Code);
        Assert.Contains("nothing to prefetch", plan.Blocking.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debian", "docker.io/library/debian:latest")]
    [InlineData("docker://library/debian:12", "docker.io/library/debian:12")]
    [InlineData("127.0.0.1:5000/base/busybox", "127.0.0.1:5000/base/busybox:latest")]
    [InlineData("localhost/base", "localhost/base:latest")]
    [InlineData("quay.io/a/b@sha256:0123", "quay.io/a/b@sha256:0123")]
    public void Image_names_compare_in_the_form_the_stores_index_records(string reference, string stored)
    {
        Assert.Equal(stored, ImageName.Normalize(reference));
    }

    [Fact]
    public void Prefetch_takes_its_images_as_arguments_and_the_setting_flags()
    {
        var parsed = ArgumentParser.Parse(["prefetch", "--storage-root", "/stores/base", Base, "--tls-verify=false", Other]);

        Assert.Equal("prefetch", parsed.Command);
        Assert.Equal(Base + "\n" + Other, parsed.Options[CommandOptions.Images]);
        Assert.Equal("/stores/base", parsed.SettingFlags["build-runner/storage-root"]);
    }
}
