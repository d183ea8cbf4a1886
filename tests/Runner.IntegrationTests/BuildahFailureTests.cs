using System.Globalization;
using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// buildah's failures, each caused for real in the sandbox pod, come back classified: the code and exit code of their
/// catalog entry, a message naming the culprit and a specific fix. Transient registry failures are retried; the rest
/// are not. Retry delays are cut to fractions of a second to keep the tier fast.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class BuildahFailureTests(RegistryFixture registry)
{
    private const string User = "builder";
    private const string Password = "correct-horse";

    [Fact]
    public async Task A_RUN_step_that_fills_a_small_storage_volume_fails_as_storage_full_naming_the_storage_root_and_the_step()
    {
        using var sandbox = Sandbox.Create("full");
        // Room for the busybox base (about 2 MiB unpacked) but not for the step's 16 MiB: with a volume barely larger
        // than the base, whether the pull or the step fills it first depends on timing.
        await using var volume = await SmallVolume.MountAsync(Path.Combine(sandbox.Dir, "small"), 8192);
        var storageRoot = Path.Combine(volume.Path, "storage");
        var context = sandbox.AddContext("big", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN dd if=/dev/zero of=/big bs=1k count=16384\n",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--no-push", "--tls-verify=false", "--storage-root", storageRoot);

        var error = Error(sandbox, run, "storage-full", 7);
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"the storage volume is full (the storage root {storageRoot})", message, StringComparison.Ordinal);
        // The step is named whichever error buildah ends on (the step's, or saving its own state on the full disk).
        Assert.Contains("the RUN step \"dd if=/dev/zero of=/big bs=1k count=16384\"", message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", message, StringComparison.Ordinal);
        Assert.StartsWith($"give the storage volume more room: raise the sizeLimit of the emptyDir mounted at {storageRoot}", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_RUN_step_that_exits_3_fails_as_run_step_failed_with_the_step_its_status_and_its_last_lines()
    {
        using var sandbox = Sandbox.Create("runstep");
        var context = sandbox.AddContext("broken", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN echo preparing && ls /no/such/file; echo 'oh no' >&2; exit 3\n",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--no-push", "--tls-verify=false");

        var error = Error(sandbox, run, "run-step-failed", 1);
        Assert.StartsWith(
            $"building the image from {context}: the RUN step \"echo preparing && ls /no/such/file; echo 'oh no' >&2; exit 3\" exited with status 3; its last lines:\n"
            + "preparing\nls: /no/such/file: No such file or directory\noh no\n",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushing_to_a_registry_with_htpasswd_is_refused_at_once_without_and_with_wrong_credentials_and_works_with_right_ones()
    {
        await using var auth = await RegistryServer.WithHtpasswdAsync(User, Password);
        using var sandbox = Sandbox.Create("auth");
        var context = ScratchContext(sandbox);
        var image = $"{auth.Address}/team/app:1";
        var wrong = AuthFile(sandbox, "wrong.json", auth.Address, User, "battery-staple");
        var right = AuthFile(sandbox, "right.json", auth.Address, User, Password);

        var anonymous = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--tls-verify=false");
        var anonymousError = Error(sandbox, anonymous, "registry-auth-refused", 8);
        var refused = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--tls-verify=false", "--authfile", wrong);
        var refusedError = Error(sandbox, refused, "registry-auth-refused", 8);
        var accepted = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--tls-verify=false", "--authfile", right);

        Assert.StartsWith($"pushing {image}: the registry {auth.Address} refused the credentials for team/app (401: authentication required)",
            anonymousError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("no credentials were given", anonymousError.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal("registry", anonymousError.GetProperty("category").GetString());
        Assert.StartsWith($"the credentials in {wrong} (--authfile, or the push secret) are refused by {auth.Address} for team/app",
            refusedError.GetProperty("fix").GetString(), StringComparison.Ordinal);
        // Never retried: neither buildah nor the runner tried again.
        Assert.DoesNotContain("retrying", anonymous.All + refused.All, StringComparison.Ordinal);
        Assert.DoesNotContain("running buildah again", anonymous.All + refused.All, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.All);
    }

    [Fact]
    public async Task Pulling_the_base_image_from_a_registry_with_htpasswd_without_credentials_is_refused_with_exit_8()
    {
        await using var auth = await RegistryServer.WithHtpasswdAsync(User, Password);
        var privateBase = $"{auth.Address}/private/busybox:latest";
        await Run.CheckedAsync("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--dest-creds", $"{User}:{Password}",
            "docker://" + registry.BaseImage, "docker://" + privateBase);
        using var sandbox = Sandbox.Create("authpull");
        var context = sandbox.AddContext("private", new Dictionary<string, string> { ["Containerfile"] = $"FROM {privateBase}\nRUN true\n" });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--no-push", "--tls-verify=false");

        var error = Error(sandbox, run, "registry-auth-refused", 8);
        Assert.StartsWith($"building the image from {context}: pulling {privateBase}: the registry {auth.Address} refused the credentials for private/busybox",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("may pull from private/busybox", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushing_to_a_stopped_registry_fails_as_unreachable_after_buildahs_own_retries_with_the_reachability_fix()
    {
        var stopped = await RegistryServer.StartAsync();
        await stopped.StopAsync();
        await using var _ = stopped;
        using var sandbox = Sandbox.Create("stopped");
        var image = $"{stopped.Address}/team/app:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", ScratchContext(sandbox), "--tag", image, "--tls-verify=false", "--retry-delay", "100ms");

        var error = Error(sandbox, run, "registry-unreachable", 8);
        // buildah 1.28's push retries connection failures 3 times whatever --retry says, at --retry-delay.
        Assert.Contains("Failed, retrying in 100ms ... (3/3)", run.All, StringComparison.Ordinal);
        Assert.StartsWith($"pushing {image}: the registry {stopped.Address} could not be reached (connection refused, 4 attempts)",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"check that {stopped.Address} is up and reachable from the pod", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("running buildah again", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulling_a_base_image_from_a_stopped_registry_is_tried_as_often_as_the_retries_setting_says()
    {
        var stopped = await RegistryServer.StartAsync();
        await stopped.StopAsync();
        await using var _ = stopped;
        using var sandbox = Sandbox.Create("stoppedpull");
        var context = sandbox.AddContext("gone", new Dictionary<string, string> { ["Containerfile"] = $"FROM {stopped.Address}/base/busybox:latest\nRUN true\n" });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--no-push", "--tls-verify=false", "--retries", "2", "--retry-delay", "100ms");

        var error = Error(sandbox, run, "registry-unreachable", 8);
        Assert.Contains("Failed, retrying in 100ms ... (1/2)", run.All, StringComparison.Ordinal);
        Assert.Contains("Failed, retrying in 100ms ... (2/2)", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("(3/", run.All, StringComparison.Ordinal);
        Assert.Contains($"pulling {stopped.Address}/base/busybox:latest: the registry {stopped.Address} could not be reached (connection refused, 3 attempts)",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_registry_without_its_CA_fails_TLS_and_the_CA_in_certs_d_the_fix_names_lets_the_push_through()
    {
        await using var tls = await RegistryServer.WithSelfSignedCertificateAsync();
        using var sandbox = Sandbox.Create("tls");
        var context = ScratchContext(sandbox);
        var image = $"{tls.Address}/team/app:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image);

        var error = Error(sandbox, run, "registry-tls-failed", 8);
        Assert.StartsWith($"pushing {image}: TLS with the registry {tls.Address} failed: its certificate is signed by an authority the pod does not trust",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("x509: certificate signed by unknown authority", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var fix = error.GetProperty("fix").GetString()!;
        var caPath = $"/etc/containers/certs.d/{tls.Address}/ca.crt";
        Assert.Contains($"as {caPath}", fix, StringComparison.Ordinal);

        // The fix, followed: the CA where the fix says (the sandbox sees the node's /etc), for this one port only.
        Directory.CreateDirectory(Path.GetDirectoryName(caPath)!);
        try
        {
            File.Copy(tls.CaPath!, caPath);
            var fixedRun = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image);
            Assert.True(fixedRun.ExitCode == 0, fixedRun.All);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(caPath)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_base_image_tag_the_registry_does_not_have_fails_as_manifest_unknown_naming_the_image()
    {
        using var sandbox = Sandbox.Create("notag");
        var missing = $"{registry.Address}/build-runner/busybox:no-such-tag";
        var context = sandbox.AddContext("notag", new Dictionary<string, string> { ["Containerfile"] = $"FROM {missing}\nRUN true\n" });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--no-push", "--tls-verify=false");

        var error = Error(sandbox, run, "manifest-unknown", 1);
        Assert.StartsWith($"building the image from {context}: pulling {missing}: the registry {registry.Address} has no manifest for {missing}",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"skopeo list-tags docker://{registry.Address}/build-runner/busybox", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_image_not_in_the_store_with_pull_policy_never_fails_as_base_image_not_found()
    {
        using var sandbox = Sandbox.Create("never");
        var context = sandbox.AddContext("never", new Dictionary<string, string> { ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN true\n" });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--no-push", "--tls-verify=false", "--pull-policy", "never");

        var error = Error(sandbox, run, "base-image-not-found", 1);
        Assert.StartsWith($"building the image from {context}: pulling {registry.BaseImage}: the base image cannot be found: it is not in the store and build-runner/pull-policy is never",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("set build-runner/pull-policy to missing", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_refuses_the_first_two_connections_and_then_accepts_gets_the_image_pushed()
    {
        await using var proxy = new FlakyProxy(PortOf(registry.Address), failFirst: 2, FlakyFailure.Close);
        using var sandbox = Sandbox.Create("flaky");
        var image = $"{proxy.Address}/samples/flaky:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", ScratchContext(sandbox), "--tag", image, "--tls-verify=false", "--retry-delay", "200ms");

        Assert.True(run.ExitCode == 0, run.All);
        // buildah's own retry: its first attempt met the two closed connections (HTTPS ping, then HTTP), its second got through.
        Assert.Contains("Failed, retrying in 200ms ... (1/3)", run.All, StringComparison.Ordinal);
        Assert.Equal(2, proxy.Failed);
        Assert.True(proxy.Connections > 2, $"{proxy.Connections} connections");
        var inspected = await RegistryImage.InspectAsync($"{registry.Address}/samples/flaky:1");
        Assert.Equal(inspected.GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
    }

    [Fact]
    public async Task A_registry_that_answers_503_to_the_first_two_connections_gets_the_image_pushed_by_the_runners_retry()
    {
        await using var proxy = new FlakyProxy(PortOf(registry.Address), failFirst: 2, FlakyFailure.ServiceUnavailable);
        using var sandbox = Sandbox.Create("busy");
        var image = $"{proxy.Address}/samples/busy:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", ScratchContext(sandbox), "--tag", image, "--tls-verify=false", "--retry-delay", "200ms");

        Assert.True(run.ExitCode == 0, run.All);
        // buildah gives up on a 503 at once; the runner logged its retry and ran the push again.
        Assert.DoesNotContain("Failed, retrying", run.All, StringComparison.Ordinal);
        Assert.Contains($"pushing {image}: the registry {proxy.Address} answered 503 Service Unavailable; running buildah again in 200ms (retry 1 of 3)", run.All, StringComparison.Ordinal);
        var inspected = await RegistryImage.InspectAsync($"{registry.Address}/samples/busy:1");
        Assert.Equal(inspected.GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
    }

    [Fact]
    public async Task A_registry_that_keeps_answering_503_fails_as_unreachable_after_the_retries_with_doubling_waits()
    {
        await using var proxy = new FlakyProxy(PortOf(registry.Address), failFirst: int.MaxValue, FlakyFailure.ServiceUnavailable);
        using var sandbox = Sandbox.Create("down");
        var image = $"{proxy.Address}/samples/down:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", ScratchContext(sandbox), "--tag", image, "--tls-verify=false", "--retries", "2", "--retry-delay", "100ms");

        var error = Error(sandbox, run, "registry-unreachable", 8);
        Assert.Contains("running buildah again in 100ms (retry 1 of 2)", run.All, StringComparison.Ordinal);
        Assert.Contains("running buildah again in 200ms (retry 2 of 2)", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("retry 3 of", run.All, StringComparison.Ordinal);
        Assert.StartsWith($"pushing {image}: the registry {proxy.Address} answered 503 Service Unavailable (3 attempts)",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("the registry itself is failing", error.GetProperty("fix").GetString(), StringComparison.Ordinal);
        // Each run pings /v2/ and, when that fails, /v1/_ping, each over HTTPS and then HTTP: four connections a run, three runs.
        Assert.Equal(12, proxy.Connections);
    }

    private static JsonElement Error(Sandbox sandbox, ProcessResult run, string code, int exitCode)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}, wanted {exitCode}:\n{run.All}");
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.True(error.GetProperty("code").GetString() == code, $"code {error.GetProperty("code").GetString()}, wanted {code}:\n{error}");
        Assert.Equal(exitCode, error.GetProperty("exitCode").GetInt32());
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        return error;
    }

    // No base image to pull: only the push meets the registry under test, whatever its TLS.
    private static string ScratchContext(Sandbox sandbox) => sandbox.AddContext("scratch", new Dictionary<string, string>
    {
        ["Containerfile"] = "FROM scratch\nCOPY hello.txt /hello.txt\n",
        ["hello.txt"] = "hello from a failure test\n",
    });

    // A .dockerconfigjson the sandbox's root can read.
    private static string AuthFile(Sandbox sandbox, string name, string registryAddress, string user, string password)
    {
        var path = Path.Combine(sandbox.Dir, name);
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));
        File.WriteAllText(path, "{\"auths\":{\"" + registryAddress + "\":{\"auth\":\"" + auth + "\"}}}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static int PortOf(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
}
