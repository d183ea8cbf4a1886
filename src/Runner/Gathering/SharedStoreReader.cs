using System.Collections.Immutable;
using System.Globalization;
using System.IO.Abstractions;
using System.Text.Json;
using BuildRunner.Planning;
using BuildRunner.Posix;

namespace BuildRunner.Gathering;

/// <summary>
/// Reads a read-only image store (a graph root of the <c>image-stores</c> setting) without starting buildah or
/// taking its lock: its owner (<c>statx</c>), and the image names in containers/storage's own index,
/// <c>overlay-images/images.json</c> and <c>vfs-images/images.json</c>. The index is replaced atomically by
/// containers/storage, so a snapshot is a complete list.
/// </summary>
/// <param name="fileSystem">Files.</param>
/// <param name="ownerOf">The owner UID of a path as this namespace sees it (<see cref="FileOwnership.OwnerOf"/>), or null.</param>
public sealed class SharedStoreReader(IFileSystem fileSystem, Func<string, long?> ownerOf)
{
    /// <summary>Where the kernel says which UID stands for an unmapped owner.</summary>
    public const string OverflowUidPath = "/proc/sys/kernel/overflowuid";

    /// <summary>The kernel's default overflow UID.</summary>
    public const long DefaultOverflowUid = 65534;

    /// <summary>A reader that asks the kernel for owners.</summary>
    public SharedStoreReader(IFileSystem fileSystem)
        : this(fileSystem, FileOwnership.OwnerOf)
    {
    }

    /// <summary>Each store of <paramref name="paths"/>, in order.</summary>
    public ImmutableArray<SharedStoreFacts> Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var overflow = OverflowUid();
        return [.. paths.Select(p => Read(p, overflow))];
    }

    /// <summary>The image names the store under <paramref name="graphRoot"/> holds for <paramref name="driver"/> (<c>overlay</c> or <c>vfs</c>); empty when there is no index.</summary>
    /// <exception cref="IOException">The index exists and cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The index exists and cannot be read.</exception>
    /// <exception cref="JsonException">The index is not JSON.</exception>
    public ImmutableArray<string> ImageNames(string graphRoot, string driver)
    {
        var path = fileSystem.Path.Combine(graphRoot, $"{driver}-images", "images.json");
        if (!fileSystem.File.Exists(path))
        {
            return [];
        }
        using var stream = fileSystem.File.OpenRead(path);
        using var index = JsonDocument.Parse(stream);
        if (index.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var image in index.RootElement.EnumerateArray())
        {
            var named = false;
            if (image.TryGetProperty("names", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in list.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String))
                {
                    names.Add(name.GetString()!);
                    named = true;
                }
            }
            if (!named && image.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                var text = id.GetString()!;
                names.Add("(unnamed) " + text[..Math.Min(12, text.Length)]);
            }
        }
        return names.ToImmutable();
    }

    private SharedStoreFacts Read(string path, long overflow)
    {
        var owner = fileSystem.Directory.Exists(path) || fileSystem.File.Exists(path) ? ownerOf(path) : null;
        if (!fileSystem.Directory.Exists(path))
        {
            var why = fileSystem.File.Exists(path) ? "it is a file, not a folder" : "the folder does not exist";
            return new SharedStoreFacts(path, false, why, owner, overflow, [], []);
        }
        try
        {
            // Listing the folder is what buildah does first; an owner the namespace does not map (mode 0700) stops it here.
            _ = fileSystem.Directory.EnumerateFileSystemEntries(path).Take(1).ToList();
            return new SharedStoreFacts(path, true, null, owner, overflow, ImageNames(path, "overlay"), ImageNames(path, "vfs"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return new SharedStoreFacts(path, true, e.Message, owner, overflow, [], []);
        }
    }

    private long OverflowUid()
    {
        try
        {
            return fileSystem.File.Exists(OverflowUidPath)
                && long.TryParse(fileSystem.File.ReadAllText(OverflowUidPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                ? uid
                : DefaultOverflowUid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DefaultOverflowUid;
        }
    }
}
