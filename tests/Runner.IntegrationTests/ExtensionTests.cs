using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The image-author extensions in images/examples, each built on top of the builder image the engine tests run, by
/// build-runner in the sandbox (as an image author's build pod would build it), then run in the real engine: the
/// extension takes effect, and the plain builder image behaves the other way.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class ExtensionTests(RegistryFixture registry, EngineFixture engine)
{
    private static readonly string[] Pod = ["--cap-drop=all", "--cap-add=SETUID,SETGID,SETFCAP,SYS_CHROOT", "--security-opt", "no-new-privileges", "--read-only"];

    private ImageStore Store => new(engine.Store);

    [Fact]
    public async Task A_defaults_file_baked_into_an_extension_makes_vfs_the_driver_doctor_reports_and_a_pod_annotation_still_wins()
    {
        using var sandbox = Sandbox.Create("ext-defaults");
        var context = sandbox.AddContext(Repository.Path_("images", "examples", "storage-driver-default"), "example");
        var extended = await BuildExtensionAsync(sandbox, context, "storage-driver-default");
        var workspace = sandbox.AddContext("workspace", new Dictionary<string, string> { ["Containerfile"] = "FROM scratch\n" });
        var annotations = Path.Combine(sandbox.Dir, "annotations");
        await File.WriteAllTextAsync(annotations, "build-runner/storage-driver=\"overlay\"");

        var inExtension = await DoctorAsync(extended, sandbox, "extended", workspace);
        var inBuilder = await DoctorAsync(EngineFixture.Image, sandbox, "builder", workspace);
        var annotated = await DoctorAsync(extended, sandbox, "annotated", workspace, "-v", annotations + ":/etc/podinfo/annotations:ro");

        Assert.Equal(("vfs", "cluster-defaults"), StorageDriver(inExtension));
        Assert.Equal("vfs", inExtension.GetProperty("storage").GetProperty("selected").GetString());
        Assert.Equal(("auto", "default"), StorageDriver(inBuilder));
        Assert.Equal("overlay", inBuilder.GetProperty("storage").GetProperty("selected").GetString());
        Assert.Equal(("overlay", "pod-annotation"), StorageDriver(annotated));
        Assert.Equal("overlay", annotated.GetProperty("storage").GetProperty("selected").GetString());
    }

    [Fact]
    public async Task A_CA_and_a_registries_conf_mirror_baked_into_an_extension_pull_a_base_through_a_TLS_mirror_and_the_plain_image_cannot()
    {
        await using var mirror = await RegistryServer.WithSelfSignedCertificateAsync();
        // The mirror holds the base under the path the upstream name has; the upstream registry is never reached here.
        await Run.CheckedAsync("skopeo", "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
            "docker://" + registry.BaseImage, $"docker://{mirror.Address}/build-runner/busybox:latest");
        using var sandbox = Sandbox.Create("ext-mirror");
        var context = sandbox.AddContext(Repository.Path_("images", "examples", "registry-mirror-ca"), "example");
        // What the example asks its user to do: put the CA beside the Containerfile and name the mirror.
        File.Copy(mirror.CertificatePath!, Path.Combine(context, "ca.crt"), overwrite: true);
        var conf = Path.Combine(context, "registries.conf.d", "50-mirror.conf");
        await File.WriteAllTextAsync(conf, (await File.ReadAllTextAsync(conf)).Replace("mirror.example.com:5000", mirror.Address, StringComparison.Ordinal));
        var extended = await BuildExtensionAsync(sandbox, context, "registry-mirror-ca");

        var workspace = sandbox.AddContext("workspace", new Dictionary<string, string>
        {
            ["Containerfile"] = "FROM registry.example.com/build-runner/busybox:latest\nRUN echo pulled through the mirror > /proof\n",
        });
        // Pushed to the TLS registry with verification on: the added CA is what makes both the pull and the push work.
        var image = $"{mirror.Address}/examples/through-mirror:extended";
        var built = await BuildInAsync(extended, sandbox, "extended", workspace, [], "--tag", image);
        var plain = await BuildInAsync(EngineFixture.Image, sandbox, "builder", workspace, [], "--tag", $"{mirror.Address}/examples/through-mirror:plain",
            "--retries", "0");
        // The mirror drop-in alone, mounted into the plain image: the mirror's certificate is not trusted, so the CA matters too.
        var mirrorOnly = await BuildInAsync(EngineFixture.Image, sandbox, "mirror-only", workspace,
            ["-v", conf + ":/etc/containers/registries.conf.d/50-mirror.conf:ro"], "--tag", $"{mirror.Address}/examples/through-mirror:mirror-only", "--retries", "0");

        Assert.True(built.Run.ExitCode == 0, built.Run.All);
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), built.Result.GetProperty("digest").GetString());
        var files = await RegistryImage.BlobsAsync(image);
        Assert.Contains(files.Values, blob => System.Text.Encoding.UTF8.GetString(blob).Contains("pulled through the mirror", StringComparison.Ordinal));
        Assert.True(plain.Run.ExitCode != 0, plain.Run.All);
        Assert.Equal("failed", plain.Result.GetProperty("status").GetString());
        Assert.Contains("registry.example.com/build-runner/busybox", plain.Result.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(mirrorOnly.Run.ExitCode != 0, mirrorOnly.Run.All);
        Assert.Equal("failed", mirrorOnly.Result.GetProperty("status").GetString());
        Assert.Contains("certificate", mirrorOnly.Run.All, StringComparison.Ordinal);
    }

    /// <summary>Pushes the builder image to the test registry, builds the example on it with build-runner in the
    /// sandbox, and copies the result into the engine's store; returns its name there.</summary>
    private async Task<string> BuildExtensionAsync(Sandbox sandbox, string context, string name)
    {
        var builder = $"{registry.Address}/build-runner/builder:extension-base";
        await Store.BuildahAsync("push", "--quiet", "--tls-verify=false", EngineFixture.Image, "docker://" + builder);
        var pushed = $"{registry.Address}/examples/{name}:test";

        var build = await sandbox.BuildAsync(new SandboxOptions(), null,
            "--context", context, "--tag", pushed, "--tls-verify=false", "--build-arg", $"BUILDER={builder}");

        Assert.True(build.ExitCode == 0, build.All);
        var local = $"localhost/build-runner/example-{name}:test";
        await Run.CheckedAsync("skopeo", "copy", "--quiet", "--src-tls-verify=false", "docker://" + pushed, Store.Reference(local));
        return local;
    }

    private async Task<JsonElement> DoctorAsync(string image, Sandbox sandbox, string name, string workspace, params string[] podOptions)
    {
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage-" + name)).FullName;
        var run = await engine.RunImageAsync(image, volume, [.. Pod, "-v", workspace + ":/workspace:ro", .. podOptions],
            "doctor", "--json", "--context", "/workspace", "--no-push");
        Assert.True(run.ExitCode == 0, run.All);
        return JsonDocument.Parse(run.StandardOutput).RootElement;
    }

    private async Task<(ProcessResult Run, JsonElement Result)> BuildInAsync(string image, Sandbox sandbox, string name, string workspace,
        string[] podOptions, params string[] arguments)
    {
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage-" + name)).FullName;
        var output = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "out-" + name)).FullName;
        var run = await engine.RunImageAsync(image, volume, [.. Pod, "-v", workspace + ":/workspace:ro", "-v", output + ":/out:U", .. podOptions],
            ["build", "--context", "/workspace", "--result", "/out/result.json", .. arguments]);
        var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json"))).RootElement;
        return (run, result);
    }

    private static (string? Value, string? Source) StorageDriver(JsonElement doctor)
    {
        var setting = doctor.GetProperty("settings").GetProperty("build-runner/storage-driver");
        return (setting.GetProperty("value").GetString(), setting.GetProperty("source").GetString());
    }
}
