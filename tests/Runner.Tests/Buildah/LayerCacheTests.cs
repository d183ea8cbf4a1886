using BuildRunner.Buildah;

namespace BuildRunner.Tests.Buildah;

public class LayerCacheTests
{
    // buildah 1.28's last lines when the cache registry was stopped (captured in the sandbox).
    private static readonly string[] PushToStoppedRegistry =
    [
        "--> Pushing cache 127.0.0.1:1/cache/c10:4e4986926197b7ffe329b03c5e433543c041d92d20d493d1b465e26df6c75299",
        "time=\"2026-11-28T11:24:17Z\" level=warning msg=\"Failed, retrying in 2s ... (3/3). Error: trying to reuse blob sha256:d724 at destination: pinging container registry 127.0.0.1:1: Get \\\"http://127.0.0.1:1/v2/\\\": dial tcp 127.0.0.1:1: connect: connection refused\"",
        "Error: failed pushing cache to {{{\"127.0.0.1:1\" \"cache/c10\"} \"4e4986926197b7ffe329b03c5e433543c041d92d20d493d1b465e26df6c75299\"}}: trying to reuse blob sha256:d724 at destination: pinging container registry 127.0.0.1:1: Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused",
    ];

    [Fact]
    public void A_build_that_stopped_because_the_cache_could_not_be_pushed_failed_writing_the_cache()
    {
        Assert.True(LayerCache.FailedWriting(new BuildahOutcome(125, [.. PushToStoppedRegistry], 42)));
    }

    [Fact]
    public void A_failing_RUN_step_is_not_a_cache_failure_even_after_cache_lines()
    {
        var outcome = new BuildahOutcome(1, [PushToStoppedRegistry[0], "STEP 3/4: RUN false", "Error: building at STEP \"RUN false\": exit status 1"], 42);

        Assert.False(LayerCache.FailedWriting(outcome));
    }

    [Fact]
    public void A_build_that_succeeded_did_not_fail_writing_whatever_it_printed()
    {
        Assert.False(LayerCache.FailedWriting(new BuildahOutcome(0, [.. PushToStoppedRegistry], 42)));
    }

    // buildah 1.28's warning when a --cache-from repository was unreachable (captured with a stopped registry).
    private const string UnreachableCache =
        "time=\"2026-11-28T12:58:40Z\" level=warning msg=\"Failed, retrying in 2s ... (1/3). Error: initializing source docker://127.0.0.1:1/nope:ff5671e65bbfd6b937150f4486e4df6eaccfa4bff79608ae67f80be49da8bd65: pinging container registry 127.0.0.1:1: Get \\\"https://127.0.0.1:1/v2/\\\": dial tcp 127.0.0.1:1: connect: connection refused\"";

    [Fact]
    public void A_warning_about_reading_the_cache_repository_is_the_read_failure()
    {
        var outcome = new BuildahOutcome(0, ["COMMIT x"], 42) { Warnings = [UnreachableCache] };

        Assert.Equal(UnreachableCache, new LayerCache("127.0.0.1:1/nope", Push: false).ReadFailure(outcome));
    }

    [Fact]
    public void A_warning_about_another_repository_is_not_a_read_failure_of_this_cache()
    {
        var outcome = new BuildahOutcome(0, ["COMMIT x"], 42) { Warnings = [UnreachableCache] };

        Assert.Null(new LayerCache("127.0.0.1:1/no", Push: false).ReadFailure(outcome));
        Assert.Null(new LayerCache("127.0.0.1:1/nope", Push: false).ReadFailure(new BuildahOutcome(0, [UnreachableCache], 42)));
    }
}
