using System.IO.Abstractions;
using System.Text.Json;
using BuildRunner.Planning;

namespace BuildRunner.Gathering;

/// <summary>
/// Counts the images a store holds from containers/storage's own index, <c>DRIVER-images/images.json</c> under the
/// graph root (a JSON array with one object per image, intermediate layer images included), without starting buildah
/// or taking the store's lock: a snapshot is enough to tell a kept volume from a fresh one.
/// </summary>
public sealed class ImageStoreReader(IFileSystem fileSystem)
{
    /// <summary>The images under <paramref name="graphRoot"/>, per driver; none when it does not exist.</summary>
    public ImageStoreFacts Read(string graphRoot)
    {
        ArgumentNullException.ThrowIfNull(graphRoot);
        return new ImageStoreFacts(Count(graphRoot, "overlay"), Count(graphRoot, "vfs"));
    }

    // An index that cannot be read or parsed counts as empty: layers then stay off, which is buildah's own default.
    private int Count(string graphRoot, string driver)
    {
        var path = fileSystem.Path.Combine(graphRoot, $"{driver}-images", "images.json");
        try
        {
            if (!fileSystem.File.Exists(path))
            {
                return 0;
            }
            using var stream = fileSystem.File.OpenRead(path);
            using var index = JsonDocument.Parse(stream);
            return index.RootElement.ValueKind == JsonValueKind.Array ? index.RootElement.GetArrayLength() : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return 0;
        }
    }
}
