using System.Text;
using System.Text.Json;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The builder image run as OpenShift runs a custom builder: a <c>BUILD</c> object whose output is an ImageStreamTag,
/// <c>OUTPUT_REGISTRY</c>/<c>OUTPUT_IMAGE</c> as the build controller resolves it, the builder service account's legacy
/// <c>.dockercfg</c> push secret at <c>PUSH_DOCKERCFG_PATH</c>, and the registry's CA where the controller mounts the
/// cluster's CAs (<c>/var/run/configs/openshift.io/certs/certs.d/HOST:PORT/ca.crt</c>), against a registry with TLS from
/// a test CA and htpasswd. The pod is podman with <c>--userns=auto</c> and the four capabilities (OpenShift's own
/// controller and CRI-O cannot run here); everything the runner reads is as OpenShift writes it.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed class OpenShiftTests(RegistryFixture registry, EngineFixture engine)
{
    private const string PushMount = "/var/run/secrets/openshift.io/push";
    private const string CertsMount = "/var/run/configs/openshift.io/certs";

    [Fact]
    public async Task A_custom_build_with_an_image_stream_tag_output_a_legacy_dockercfg_and_the_clusters_CA_pushes_to_a_TLS_and_htpasswd_registry()
    {
        using var sandbox = Sandbox.Create("openshift");
        var secure = registry.Secure;
        var pod = Pod(sandbox, RegistryFixture.SecurePassword, withCa: true);

        var run = await RunAsync(sandbox, pod, "team-a/app:latest");

        Assert.True(run.ExitCode == 0, run.All);
        var image = $"{secure.Address}/team-a/app:latest";
        var pushed = JsonDocument.Parse(await Run.CheckedAsync("skopeo", ["inspect", .. secure.SkopeoOptions(), "docker://" + image])).RootElement;
        var result = sandbox.ReadResult();
        Assert.Equal(image, result.GetProperty("image").GetString());
        Assert.Equal(pushed.GetProperty("Digest").GetString(), result.GetProperty("digest").GetString());
        // spec.output.imageLabels reached the image.
        Assert.Equal("app-7", pushed.GetProperty("Labels").GetProperty("io.openshift.build.name").GetString());
        // The credentials were used and never shown.
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryFixture.SecureUser}:{RegistryFixture.SecurePassword}"));
        Assert.DoesNotContain(RegistryFixture.SecurePassword, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(auth, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(RegistryFixture.SecurePassword, File.ReadAllText(sandbox.ResultPath), StringComparison.Ordinal);
        // What the Build asks for that the runner does not do is named.
        Assert.Contains("spec.strategy.customStrategy.exposeDockerSocket", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_clusters_CA_the_push_target_is_not_trusted_and_the_build_says_so()
    {
        using var sandbox = Sandbox.Create("openshift-no-ca");
        var pod = Pod(sandbox, RegistryFixture.SecurePassword, withCa: false);

        var run = await RunAsync(sandbox, pod, "team-a/no-ca:latest");

        Assert.Equal(8, run.ExitCode);
        Assert.Equal("registry-tls-failed", sandbox.ReadResult().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_legacy_dockercfg_with_the_wrong_password_is_refused_as_registry_auth_refused_without_showing_it()
    {
        using var sandbox = Sandbox.Create("openshift-bad-auth");
        const string wrong = "not-the-password-123";
        var pod = Pod(sandbox, wrong, withCa: true);

        var run = await RunAsync(sandbox, pod, "team-a/refused:latest");

        Assert.Equal(8, run.ExitCode);
        Assert.Equal("registry-auth-refused", sandbox.ReadResult().GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(wrong, run.All, StringComparison.Ordinal);
    }

    /// <summary>The folders OpenShift would mount: the push secret (a kubernetes.io/dockercfg Secret) and the CA bundle.</summary>
    private (string Push, string Certs) Pod(Sandbox sandbox, string password, bool withCa)
    {
        var secure = registry.Secure;
        var push = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "push")).FullName;
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryFixture.SecureUser}:{password}"));
        // The legacy format the builder service account's own dockercfg secret has: registries at the top level.
        File.WriteAllText(Path.Combine(push, ".dockercfg"),
            $$$"""{"{{{secure.Address}}}":{"username":"{{{RegistryFixture.SecureUser}}}","password":"{{{password}}}","email":"builder@example.com","auth":"{{{auth}}}"} }""");
        var certs = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "certs")).FullName;
        if (withCa)
        {
            var folder = Directory.CreateDirectory(Path.Combine(certs, "certs.d", secure.Address)).FullName;
            File.Copy(secure.CaPath!, Path.Combine(folder, "ca.crt"));
        }
        Readable(sandbox.Dir);
        return (push, certs);
    }

    // The pod's root is an unprivileged node ID: what it reads must be readable by others (OpenShift mounts secrets
    // owned by the pod's user; a bind mount keeps the node's owners).
    private static void Readable(string dir)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Append(dir))
        {
            File.SetUnixFileMode(path, Directory.Exists(path)
                ? (UnixFileMode)0b111_101_101
                : (UnixFileMode)0b110_100_100);
        }
    }

    private async Task<ProcessResult> RunAsync(Sandbox sandbox, (string Push, string Certs) pod, string outputImage)
    {
        var secure = registry.Secure;
        // As the build controller encodes it for a custom build: the ImageStreamTag output, an inline Dockerfile.
        var build = $$$"""
            {"kind":"Build","apiVersion":"build.openshift.io/v1",
             "metadata":{"name":"app-7","namespace":"team-a","annotations":{"openshift.io/build-config.name":"app"} },
             "spec":{"serviceAccount":"builder",
              "source":{"type":"Dockerfile","dockerfile":"FROM {{{registry.SecureBaseImage}}}\nRUN echo openshift > /built-by\n"},
              "strategy":{"type":"Custom","customStrategy":{"from":{"kind":"DockerImage","name":"{{{EngineFixture.Image}}}"},"exposeDockerSocket":true} },
              "output":{"to":{"kind":"ImageStreamTag","name":"app:latest"},"pushSecret":{"name":"builder-dockercfg-x7k2p"},
               "imageLabels":[{"name":"io.openshift.build.name","value":"app-7"}]} } }
            """;
        Directory.CreateDirectory(sandbox.Out);
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;
        return await engine.RunAsync(volume,
            ["--cap-drop=all", "--cap-add=SETUID,SETGID,SETFCAP,SYS_CHROOT", "--security-opt", "no-new-privileges", "--read-only",
             "-v", pod.Push + ":" + PushMount + ":ro", "-v", pod.Certs + ":" + CertsMount + ":ro", "-v", sandbox.Out + ":/out:U",
             "-e", "BUILD=" + build, "-e", "OUTPUT_REGISTRY=" + secure.Address, "-e", "OUTPUT_IMAGE=" + outputImage,
             "-e", "PUSH_DOCKERCFG_PATH=" + PushMount, "-e", "HOME=/tmp"],
            "build", "--result", "/out/result.json");
    }
}
