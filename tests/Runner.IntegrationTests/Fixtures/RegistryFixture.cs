namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A real registry (docker-registry) on 127.0.0.1 for the whole test run, holding a busybox base image that was
/// itself built and pushed by the runner in a sandbox (no public registry is reachable); and a second registry as
/// clusters have them (<see cref="Secure"/>: TLS from a test CA and htpasswd) holding the same base image.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"build-runner-registry-{Guid.NewGuid():N}");

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The base image every sample builds on.</summary>
    public string BaseImage => $"{Address}/build-runner/busybox:latest";

    /// <summary>The user <see cref="Secure"/> lets in.</summary>
    public const string SecureUser = "builder";

    /// <summary>That user's password.</summary>
    public const string SecurePassword = "tls-and-htpasswd";

    /// <summary>
    /// A registry with TLS (a CA made for the run: <see cref="RegistryServer.CaPath"/>, <see cref="RegistryServer.CertDir"/>,
    /// <see cref="RegistryServer.CertsDirectory"/>) and htpasswd (<see cref="SecureUser"/>, <see cref="SecurePassword"/>,
    /// <see cref="RegistryServer.AuthFilePath"/>), its certificate also naming <c>localhost</c>; it holds <see cref="SecureBaseImage"/>.
    /// </summary>
    public RegistryServer Secure { get; private set; } = null!;

    /// <summary>The busybox base image in <see cref="Secure"/>.</summary>
    public string SecureBaseImage => $"{Secure.Address}/build-runner/busybox:latest";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(Repository.Binary))
        {
            throw new InvalidOperationException($"{Repository.Binary} is missing: run hack/build.sh (hack/test.sh does) before this tier");
        }
        Address = (await Run.CheckedAsync(Repository.Path_("hack", "registry.sh"), "start", dir)).Trim();

        using var sandbox = Sandbox.Create("base");
        var context = sandbox.AddContext(Repository.Path_("images", "base", "busybox"), "base");
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
        var result = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", BaseImage, "--tls-verify=false", "--storage-driver", "vfs");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("building the busybox base image failed:\n" + result.All);
        }

        Secure = await RegistryServer.WithTlsAndHtpasswdAsync(SecureUser, SecurePassword);
        await Run.CheckedAsync("skopeo", ["copy", "--src-tls-verify=false", .. Secure.SkopeoOptions("dest-"), "docker://" + BaseImage, "docker://" + SecureBaseImage]);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Secure is not null)
        {
            await Secure.DisposeAsync();
        }
        await Run.ProcessAsync(Repository.Path_("hack", "registry.sh"), ["stop", dir]);
    }
}
