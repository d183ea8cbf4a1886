using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A registry (hack/registry.sh, docker-registry on 127.0.0.1) started by node root inside a pod's own network namespace.
/// A user-namespaced container cannot join a network namespace made outside its user namespace (runc then fails to
/// mount sysfs), so the registry joins the container's instead. Its process keeps that namespace alive after the task
/// ends, so the image is read back through the registry's own <c>/proc/PID/ns/net</c>.
/// </summary>
public sealed class PodNetworkRegistry : IAsyncDisposable
{
    private readonly string dir;

    private PodNetworkRegistry(string dir, string address, int pid)
    {
        this.dir = dir;
        Address = address;
        Pid = pid;
    }

    /// <summary><c>127.0.0.1:PORT</c>, inside the pod's network namespace only.</summary>
    public string Address { get; }

    /// <summary>The registry process's PID on the node.</summary>
    public int Pid { get; }

    /// <summary>
    /// Brings up the loopback of the network namespace of <paramref name="podPid"/> and starts a registry in it, storing under
    /// <paramref name="dir"/>, on <paramref name="port"/> (0: a free one; a fixed one when the pod must be told before).
    /// </summary>
    public static async Task<PodNetworkRegistry> StartAsync(int podPid, string dir, int port = 0)
    {
        var net = string.Create(CultureInfo.InvariantCulture, $"--net=/proc/{podPid}/ns/net");
        await Run.CheckedAsync("nsenter", net, "ip", "link", "set", "lo", "up");
        var started = await Run.ProcessAsync("nsenter", [net, Repository.Path_("hack", "registry.sh"), "start", dir, port.ToString(CultureInfo.InvariantCulture)]);
        if (started.ExitCode != 0)
        {
            await Run.ProcessAsync(Repository.Path_("hack", "registry.sh"), ["stop", dir]);
            throw new InvalidOperationException("the registry did not start in the pod's network namespace:\n" + started.All);
        }
        var pid = int.Parse(File.ReadAllText(Path.Combine(dir, "pid")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        return new PodNetworkRegistry(dir, started.StandardOutput.Trim(), pid);
    }

    /// <summary><c>skopeo inspect</c> of <paramref name="reference"/>, run in the registry's network namespace.</summary>
    public async Task<JsonElement> InspectAsync(string reference)
    {
        var json = await Run.CheckedAsync("nsenter", string.Create(CultureInfo.InvariantCulture, $"--net=/proc/{Pid}/ns/net"),
            "skopeo", "inspect", "--tls-verify=false", "docker://" + reference);
        return JsonDocument.Parse(json).RootElement;
    }

    /// <summary>Whether anything was ever pushed to <paramref name="repository"/> (read from the registry's storage).</summary>
    public bool HasRepository(string repository) => Directory.Exists(Path.Combine(RegistryRoot, "repositories", repository));

    /// <summary>Every file of every layer of <paramref name="repository"/>:<paramref name="tag"/> with its owners, read from the registry's storage on disk.</summary>
    public async Task<IReadOnlyList<ImageLayerEntry>> FilesAsync(string repository, string tag)
    {
        var link = Path.Combine(RegistryRoot, "repositories", repository, "_manifests", "tags", tag, "current", "link");
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Blob((await File.ReadAllTextAsync(link)).Trim()))).RootElement;
        var entries = new List<ImageLayerEntry>();
        foreach (var layer in manifest.GetProperty("layers").EnumerateArray())
        {
            await using var file = File.OpenRead(Blob(layer.GetProperty("digest").GetString()!));
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync() is TarEntry entry)
            {
                entries.Add(new ImageLayerEntry(entry.Name.TrimStart('.', '/'), entry.Uid, entry.Gid, null));
            }
        }
        return entries;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Run.ProcessAsync(Repository.Path_("hack", "registry.sh"), ["stop", dir]);

    private string RegistryRoot => Path.Combine(dir, "data", "docker", "registry", "v2");

    private string Blob(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(RegistryRoot, "blobs", "sha256", hex[..2], hex, "data");
    }
}
