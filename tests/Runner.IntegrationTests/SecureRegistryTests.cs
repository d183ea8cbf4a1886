using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// A registry as clusters have them (hack/registry.sh --tls --htpasswd: HTTPS signed by a CA made for the run, basic
/// auth): the runner in the sandbox pod pulls its base image from it and pushes to it only when both the CA (the
/// cert-dir setting) and the credentials (authfile) reach buildah; without either, the failure names the real cause,
/// TLS or credentials, with its fix, and never storage or seccomp.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class SecureRegistryTests(RegistryFixture registry)
{
    [Fact]
    public async Task With_the_CA_in_cert_dir_and_the_credentials_in_authfile_the_base_is_pulled_and_the_image_pushed_over_TLS_with_auth()
    {
        using var sandbox = Sandbox.Create("secure");
        var secure = registry.Secure;
        var image = $"{secure.Address}/team/secure:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", Context(sandbox), "--tag", image, "--cert-dir", secure.CertDir!, "--authfile", secure.AuthFilePath!);

        Assert.True(run.ExitCode == 0, run.All);
        var pushed = await Inspect(secure, image);
        Assert.Equal(pushed.GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
        // The test's password is in the auth file only: it never reaches the log.
        Assert.DoesNotContain(RegistryFixture.SecurePassword, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_certificate_and_the_auth_file_also_cover_localhost_with_the_certs_d_folder_for_that_name()
    {
        using var sandbox = Sandbox.Create("securelocal");
        var secure = registry.Secure;
        var name = $"localhost:{secure.Port}";
        var image = $"{name}/team/local:1";

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", Context(sandbox), "--tag", image,
            "--cert-dir", Path.Combine(secure.CertsDirectory!, name), "--authfile", secure.AuthFilePath!);

        Assert.True(run.ExitCode == 0, run.All);
        var pushed = await Inspect(secure, $"{secure.Address}/team/local:1");
        Assert.Equal(pushed.GetProperty("Digest").GetString(), sandbox.ReadResult().GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Without_the_CA_the_build_fails_on_TLS_with_the_certs_d_fix_and_with_a_cert_dir_lacking_it_with_the_cert_dir_fix()
    {
        using var sandbox = Sandbox.Create("securenoca");
        var secure = registry.Secure;
        var image = $"{secure.Address}/team/noca:1";
        var emptyCertDir = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "no-cas")).FullName;

        var noCa = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", Context(sandbox), "--tag", image, "--authfile", secure.AuthFilePath!);
        var noCaError = Error(sandbox, noCa, "registry-tls-failed");
        var wrongDir = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", Context(sandbox), "--tag", image, "--authfile", secure.AuthFilePath!, "--cert-dir", emptyCertDir);
        var wrongDirError = Error(sandbox, wrongDir, "registry-tls-failed");

        // The base image is pulled first: that is where TLS fails.
        Assert.StartsWith($"building the image from {sandbox.Dir}/ctx: pulling {registry.SecureBaseImage}: TLS with the registry {secure.Address} failed: its certificate is signed by an authority the pod does not trust",
            noCaError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("x509: certificate signed by unknown authority", noCaError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"give the pod the registry's CA: mount it (from a ConfigMap or Secret) as /etc/containers/certs.d/{secure.Address}/ca.crt",
            noCaError.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"put the CA that signed {secure.Address}'s certificate in {emptyCertDir} (build-runner/cert-dir, --cert-dir)",
            wrongDirError.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_or_with_a_wrong_password_the_build_fails_as_refused_credentials_with_their_fix()
    {
        using var sandbox = Sandbox.Create("securenoauth");
        var secure = registry.Secure;
        var image = $"{secure.Address}/team/noauth:1";
        var wrong = secure.WriteAuthFile(Path.Combine(sandbox.Dir, "wrong.json"), RegistryFixture.SecureUser, "not-the-password");

        var anonymous = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", Context(sandbox), "--tag", image, "--cert-dir", secure.CertDir!);
        var anonymousError = Error(sandbox, anonymous, "registry-auth-refused");
        var refused = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", Context(sandbox), "--tag", image, "--cert-dir", secure.CertDir!, "--authfile", wrong);
        var refusedError = Error(sandbox, refused, "registry-auth-refused");

        Assert.StartsWith($"building the image from {sandbox.Dir}/ctx: pulling {registry.SecureBaseImage}: the registry {secure.Address} refused the credentials for build-runner/busybox (401: authentication required)",
            anonymousError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("no credentials were given: mount the registry's secret", anonymousError.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"the credentials in {wrong} (--authfile, or the push secret) are refused by {secure.Address} for build-runner/busybox",
            refusedError.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", refused.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushing_a_scratch_image_fails_on_the_push_itself_as_TLS_without_the_CA_and_as_refused_without_credentials()
    {
        // No base image: only the push meets the secure registry, so each failure is the push's.
        using var sandbox = Sandbox.Create("securepush");
        var secure = registry.Secure;
        var image = $"{secure.Address}/team/pushonly:1";
        var context = sandbox.AddContext("scratch", new Dictionary<string, string>
        {
            ["Containerfile"] = "FROM scratch\nCOPY hello.txt /hello.txt\n",
            ["hello.txt"] = "hello over TLS\n",
        });

        var noCa = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--authfile", secure.AuthFilePath!);
        var noCaError = Error(sandbox, noCa, "registry-tls-failed");
        var noAuth = await sandbox.BuildAsync(new SandboxOptions(), null, "--context", context, "--tag", image, "--cert-dir", secure.CertDir!);
        var noAuthError = Error(sandbox, noAuth, "registry-auth-refused");

        Assert.StartsWith($"pushing {image}: TLS with the registry {secure.Address} failed: its certificate is signed by an authority the pod does not trust",
            noCaError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"pushing {image}: the registry {secure.Address} refused the credentials for team/pushonly (401: authentication required)",
            noAuthError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"with an entry for \"{secure.Address}\" that may push to team/pushonly", noAuthError.GetProperty("fix").GetString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Inspect(secure, image));
    }

    // Its base image is the secure registry's copy of busybox: the pull needs the CA and the credentials too.
    private string Context(Sandbox sandbox) => sandbox.AddContext("ctx", new Dictionary<string, string>
    {
        ["Containerfile"] = $"FROM {registry.SecureBaseImage}\nCOPY hello.txt /hello.txt\n",
        ["hello.txt"] = "hello over TLS with auth\n",
    });

    private static async Task<JsonElement> Inspect(RegistryServer server, string reference) =>
        JsonDocument.Parse(await Run.CheckedAsync("skopeo", ["inspect", .. server.SkopeoOptions(), "docker://" + reference])).RootElement;

    private static JsonElement Error(Sandbox sandbox, ProcessResult run, string code)
    {
        Assert.True(run.ExitCode == 8, $"exit {run.ExitCode}, wanted 8:\n{run.All}");
        var error = sandbox.ReadResult().GetProperty("error");
        Assert.True(error.GetProperty("code").GetString() == code, $"code {error.GetProperty("code").GetString()}, wanted {code}:\n{error}");
        Assert.Equal("registry", error.GetProperty("category").GetString());
        foreach (var wrongCause in new[] { "storage", "seccomp" })
        {
            Assert.DoesNotContain(wrongCause, error.GetProperty("code").GetString()!, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongCause, error.GetProperty("fix").GetString()!, StringComparison.OrdinalIgnoreCase);
        }
        return error;
    }
}
