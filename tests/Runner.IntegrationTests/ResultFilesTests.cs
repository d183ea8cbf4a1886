using System.Security.Cryptography;
using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The result files platforms read (digest-file, image-ref-file, image-size-file) hold what the registry holds: the
/// digest of the manifest bytes it serves, the repository pinned to it, and the sum of the sizes that manifest
/// states; checked with skopeo against a registry with TLS and auth, the one a cluster has. A failed build leaves none,
/// even where an earlier run left some.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class ResultFilesTests(RegistryFixture registry)
{
    [Fact]
    public async Task After_a_push_to_a_TLS_and_auth_registry_the_files_hold_the_registrys_digest_reference_and_size_with_no_newline()
    {
        using var sandbox = Sandbox.Create("resultfiles");
        var secure = registry.Secure;
        var image = $"{secure.Address}/team/results:v1";
        var files = Files(sandbox);
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.SecureBaseImage}\nCOPY hello.txt /hello.txt\nRUN head -c 100000 /dev/urandom > /noise\n",
            ["hello.txt"] = "hello, result files\n",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", image, "--cert-dir", secure.CertDir!, "--authfile", secure.AuthFilePath!,
            "--digest-file", files.Digest, "--image-ref-file", files.Reference, "--image-size-file", files.Size);

        Assert.True(run.ExitCode == 0, run.All);
        var raw = await Run.ProcessAsync("skopeo", ["inspect", "--raw", .. secure.SkopeoOptions(), "docker://" + image]);
        Assert.True(raw.ExitCode == 0, raw.All);
        var manifestBytes = System.Text.Encoding.UTF8.GetBytes(raw.StandardOutput);
        var registryDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        var manifest = JsonDocument.Parse(manifestBytes).RootElement;
        var registrySize = manifest.GetProperty("config").GetProperty("size").GetInt64()
            + manifest.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("size").GetInt64());

        Assert.Equal(registryDigest, File.ReadAllText(files.Digest));
        Assert.Equal($"{secure.Address}/team/results@{registryDigest}", File.ReadAllText(files.Reference));
        Assert.Equal(registrySize.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(files.Size));
        // The busybox base and the build's one layer (layers are off on an empty store), the noise incompressible.
        Assert.Equal(2, manifest.GetProperty("layers").GetArrayLength());
        Assert.InRange(registrySize, 100_000, 5_000_000);
        var result = sandbox.ReadResult();
        Assert.Equal(registryDigest, result.GetProperty("digest").GetString());
        Assert.Equal(registrySize, result.GetProperty("sizeBytes").GetInt64());
        // The reference pulls the very image.
        var pinned = await Run.ProcessAsync("skopeo", ["inspect", .. secure.SkopeoOptions(), "docker://" + File.ReadAllText(files.Reference)]);
        Assert.True(pinned.ExitCode == 0, pinned.All);
        Assert.DoesNotContain(RegistryFixture.SecurePassword, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_build_leaves_no_result_file_even_where_an_earlier_run_left_some()
    {
        using var sandbox = Sandbox.Create("resultfail");
        var files = Files(sandbox);
        foreach (var stale in new[] { files.Digest, files.Reference, files.Size })
        {
            File.WriteAllText(stale, "left by an earlier run");
        }
        var context = sandbox.AddContext("ctx", new Dictionary<string, string> { ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN exit 3\n" });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", $"{registry.Address}/team/fails:1", "--tls-verify=false",
            "--digest-file", files.Digest, "--image-ref-file", files.Reference, "--image-size-file", files.Size);

        Assert.True(run.ExitCode == 1, run.All);
        Assert.Equal("run-step-failed", sandbox.ReadResult().GetProperty("error").GetProperty("code").GetString());
        Assert.False(File.Exists(files.Digest));
        Assert.False(File.Exists(files.Reference));
        Assert.False(File.Exists(files.Size));
        Assert.False(sandbox.ReadResult().TryGetProperty("sizeBytes", out _));
    }

    [Fact]
    public async Task A_push_refused_for_credentials_leaves_no_result_file()
    {
        using var sandbox = Sandbox.Create("resultauth");
        var secure = registry.Secure;
        var files = Files(sandbox);
        var context = sandbox.AddContext("ctx", new Dictionary<string, string>
        {
            ["Containerfile"] = "FROM scratch\nCOPY hello.txt /hello.txt\n",
            ["hello.txt"] = "refused\n",
        });

        var run = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", $"{secure.Address}/team/refused:1", "--cert-dir", secure.CertDir!,
            "--digest-file", files.Digest, "--image-ref-file", files.Reference, "--image-size-file", files.Size);

        Assert.True(run.ExitCode == 8, run.All);
        Assert.False(File.Exists(files.Digest));
        Assert.False(File.Exists(files.Reference));
        Assert.False(File.Exists(files.Size));
    }

    // Where Tekton puts them (/tekton/results/NAME), stood for by the sandbox's writable out folder.
    private static (string Digest, string Reference, string Size) Files(Sandbox sandbox)
    {
        var results = Directory.CreateDirectory(Path.Combine(sandbox.Out, "results")).FullName;
        File.SetUnixFileMode(results, (UnixFileMode)0b111_111_111);
        return (Path.Combine(results, "IMAGE_DIGEST"), Path.Combine(results, "IMAGE_URL"), Path.Combine(results, "shp-image-size"));
    }
}
