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
}
