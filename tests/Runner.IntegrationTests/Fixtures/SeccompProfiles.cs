using System.Text.Json.Nodes;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// The seccomp profiles a build pod meets, made by hack/seccomp-profile.sh from their real sources: podman's default,
/// a CRI-O-style one (podman's with unshare only for CAP_SYS_ADMIN), containerd's generated RuntimeDefault for the
/// pod's four capabilities, and the shipped deploy/seccomp/build-runner.json.
/// </summary>
public sealed class SeccompProfiles : IAsyncLifetime
{
    /// <summary>podman's default: allows unshare, mount and umount2 to every container.</summary>
    public const string PodmanDefault = "podman-default";

    /// <summary>CRI-O 1.24+ (OpenShift 4.11+): unshare only with CAP_SYS_ADMIN.</summary>
    public const string CrioStyle = "crio-style";

    /// <summary>containerd's RuntimeDefault for a pod without SYS_ADMIN (EKS, GKE, AKS, k3s, kind).</summary>
    public const string ContainerdDefault = "containerd-runtime-default";

    /// <summary>deploy/seccomp/build-runner.json.</summary>
    public const string Shipped = "build-runner";

    /// <summary>Where the generated profiles are.</summary>
    public string Dir { get; } = Directory.CreateTempSubdirectory("build-runner-seccomp-").FullName;

    /// <summary>The path of a profile by name (one of the constants).</summary>
    public string Path_(string name) =>
        name == Shipped ? Repository.Path_("deploy", "seccomp", "build-runner.json") : Path.Combine(Dir, name + ".json");

    /// <summary>The shipped profile without <paramref name="syscall"/>: written once, returns its path.</summary>
    public string ShippedWithout(string syscall)
    {
        var profile = JsonNode.Parse(File.ReadAllText(Path_(Shipped)))!;
        var removed = 0;
        foreach (var rule in profile["syscalls"]!.AsArray())
        {
            var names = rule!["names"]!.AsArray();
            foreach (var name in names.Where(n => n!.GetValue<string>() == syscall).ToList())
            {
                names.Remove(name);
                removed++;
            }
        }
        if (removed == 0)
        {
            throw new InvalidOperationException($"the shipped profile does not allow {syscall}");
        }
        var path = Path.Combine(Dir, $"build-runner-without-{syscall}.json");
        File.WriteAllText(path, profile.ToJsonString());
        return path;
    }

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        await Run.CheckedAsync(Repository.Path_("hack", "seccomp-profile.sh"), "--reference", Dir);

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }
}
