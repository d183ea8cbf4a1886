using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>Reads an image back from the registry with skopeo, as a user checking the push would.</summary>
public static class RegistryImage
{
    /// <summary><c>skopeo inspect</c> of <paramref name="reference"/>.</summary>
    public static async Task<JsonElement> InspectAsync(string reference)
    {
        var json = await Run.CheckedAsync("skopeo", "inspect", "--tls-verify=false", "docker://" + reference);
        return JsonDocument.Parse(json).RootElement;
    }

    /// <summary>
    /// Every blob of the image as bytes: each layer decompressed (its tar stream: every name, header and file content)
    /// and the config blob, which holds the history; keyed by digest.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> BlobsAsync(string reference)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"build-runner-image-{Guid.NewGuid():N}");
        try
        {
            await Run.CheckedAsync("skopeo", "copy", "--src-tls-verify=false", "docker://" + reference, "dir:" + dir);
            var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"))).RootElement;
            var digests = manifest.GetProperty("layers").EnumerateArray().Append(manifest.GetProperty("config")).Select(b => b.GetProperty("digest").GetString()!);
            var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var digest in digests)
            {
                var raw = await File.ReadAllBytesAsync(Path.Combine(dir, digest["sha256:".Length..]));
                if (raw is [0x1f, 0x8b, ..])
                {
                    using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                    using var plain = new MemoryStream();
                    await gzip.CopyToAsync(plain);
                    raw = plain.ToArray();
                }
                blobs[digest] = raw;
            }
            return blobs;
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>Every file of every layer, with owners and (for small regular files) content.</summary>
    public static async Task<IReadOnlyList<ImageLayerEntry>> FilesAsync(string reference)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"build-runner-image-{Guid.NewGuid():N}");
        try
        {
            await Run.CheckedAsync("skopeo", "copy", "--src-tls-verify=false", "docker://" + reference, "dir:" + dir);
            var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json"))).RootElement;
            var entries = new List<ImageLayerEntry>();
            foreach (var layer in manifest.GetProperty("layers").EnumerateArray())
            {
                var digest = layer.GetProperty("digest").GetString()!;
                var blob = Path.Combine(dir, digest["sha256:".Length..]);
                await using var file = File.OpenRead(blob);
                await using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                while (await tar.GetNextEntryAsync() is TarEntry entry)
                {
                    string? content = null;
                    if (entry.DataStream is not null && entry.Length < 64 * 1024 && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    {
                        using var reader = new StreamReader(entry.DataStream);
                        content = await reader.ReadToEndAsync();
                    }
                    entries.Add(new ImageLayerEntry(entry.Name.TrimStart('.', '/'), entry.Uid, entry.Gid, content));
                }
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
}
