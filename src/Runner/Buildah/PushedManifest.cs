using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BuildRunner.Buildah;

/// <summary>
/// The size of a pushed image, from its manifest's bytes as the registry holds them: the sum of the config's and every
/// layer's <c>size</c> (the compressed blobs a pull downloads), what Shipwright reports as the image size.
/// </summary>
public static class PushedManifest
{
    /// <summary>
    /// The size the manifest <paramref name="manifest"/> states, when its bytes hash to <paramref name="digest"/> (so they
    /// are the bytes pushed, not a re-encoding); otherwise null with <paramref name="why"/> saying what was wrong.
    /// </summary>
    public static long? SizeOf(string manifest, string digest, out string? why)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(digest);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
        if (!string.Equals(actual, digest, StringComparison.Ordinal))
        {
            why = $"the manifest read back hashes to {actual}, not to the pushed digest {digest}";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("config", out var config)
                || !root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
            {
                why = "the manifest has no config and layers (an image index?)";
                return null;
            }
            var size = BlobSize(config);
            foreach (var layer in layers.EnumerateArray())
            {
                size = checked(size + BlobSize(layer));
            }
            why = null;
            return size;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
        {
            why = $"the manifest is not an image manifest: {e.Message}";
            return null;
        }
    }

    private static long BlobSize(JsonElement descriptor)
    {
        var size = descriptor.GetProperty("size").GetInt64();
        return size >= 0 ? size : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"a blob's size is {size}"));
    }
}
