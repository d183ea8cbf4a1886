using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// An image store on the node (buildah's <c>--root STORE/root --runroot STORE/run</c>, overlay), read from outside as
/// an auditor would: its images inspected, mounted, and their layers listed entry by entry.
/// </summary>
public sealed class ImageStore(string dir)
{
    /// <summary>The store's folder (<c>root</c> and <c>run</c> below it).</summary>
    public string Dir { get; } = dir;

    /// <summary>The <c>containers-storage:</c> reference skopeo takes for <paramref name="image"/> in this store.</summary>
    public string Reference(string image) => $"containers-storage:[overlay@{Path.Combine(Dir, "root")}+{Path.Combine(Dir, "run")}]{image}";

    /// <summary>buildah against this store, insisting on exit code 0.</summary>
    public Task<string> BuildahAsync(params string[] arguments) =>
        Run.CheckedAsync("buildah", ["--root", Path.Combine(Dir, "root"), "--runroot", Path.Combine(Dir, "run"), "--storage-driver", "overlay", .. arguments]);

    /// <summary>podman against this store, insisting on exit code 0.</summary>
    public Task<string> PodmanAsync(params string[] arguments) =>
        Run.CheckedAsync("podman", ["--root", Path.Combine(Dir, "root"), "--runroot", Path.Combine(Dir, "run"), "--storage-driver", "overlay", .. arguments]);

    /// <summary>The image's ID (its configuration's digest) and its manifest digest, as the store has them.</summary>
    public async Task<(string Id, string Digest)> IdentityAsync(string image)
    {
        var line = (await BuildahAsync("inspect", "--type", "image", "--format", "{{.FromImageID}} {{.FromImageDigest}}", image)).Trim().Split(' ');
        return (line[0], line[1]);
    }

    /// <summary><c>podman image inspect</c> of <paramref name="image"/>.</summary>
    public async Task<JsonElement> InspectAsync(string image) =>
        JsonDocument.Parse(await PodmanAsync("image", "inspect", image)).RootElement[0];

    /// <summary>A working container of <paramref name="image"/> with its file system mounted on the node; removed on dispose.</summary>
    public async Task<Mounted> MountAsync(string image)
    {
        var container = (await BuildahAsync("from", "--pull-never", "--quiet", image)).Trim();
        var path = (await BuildahAsync("mount", container)).Trim();
        return new Mounted(this, container, path);
    }

    /// <summary>Every entry of every layer of <paramref name="image"/>, layer by layer as the tar headers hold them
    /// (so a file a later layer hides or changes is still seen as the earlier layer ships it).</summary>
    public async Task<IReadOnlyList<LayerEntry>> LayerEntriesAsync(string image)
    {
        var dir = Path.Combine(Dir, $"layers-{Guid.NewGuid():N}");
        try
        {
            await Run.CheckedAsync("skopeo", "copy", "--quiet", Reference(image), "dir:" + dir);
            var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"))).RootElement;
            var entries = new List<LayerEntry>();
            var index = 0;
            foreach (var layer in manifest.GetProperty("layers").EnumerateArray())
            {
                var blob = Path.Combine(dir, layer.GetProperty("digest").GetString()!["sha256:".Length..]);
                await using var file = File.OpenRead(blob);
                var gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
                file.Position = 0;
                await using Stream data = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
                using var tar = new TarReader(data);
                while (await tar.GetNextEntryAsync() is TarEntry entry)
                {
                    var attributes = entry is PaxTarEntry pax ? pax.ExtendedAttributes : new Dictionary<string, string>();
                    entries.Add(new LayerEntry(index, entry.Name.TrimStart('.', '/'), entry.EntryType, entry.Mode,
                        attributes.ContainsKey("SCHILY.xattr.security.capability")));
                }
                index++;
            }
            return entries;
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>One tar entry of one layer: its layer's position (0 = base), path, type, mode bits and whether it
    /// carries file capabilities (<c>security.capability</c>).</summary>
    public sealed record LayerEntry(int Layer, string Path, TarEntryType Type, UnixFileMode Mode, bool HasFileCapabilities);

    /// <summary>A mounted working container.</summary>
    public sealed class Mounted(ImageStore store, string container, string path) : IAsyncDisposable
    {
        /// <summary>The image's root file system on the node.</summary>
        public string Path { get; } = path;

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await store.BuildahAsync("umount", container);
            await store.BuildahAsync("rm", container);
        }
    }
}
