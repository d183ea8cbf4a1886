using System.Collections.Immutable;
using System.Text;

namespace BuildRunner.Storage;

/// <summary>The container storage configuration the runner writes for buildah (its own file, pointed to by <c>CONTAINERS_STORAGE_CONF</c>).</summary>
/// <param name="Driver">The driver.</param>
/// <param name="GraphRoot">Where images and layers live.</param>
/// <param name="RunRoot">Where run-time state (locks, mount points) lives.</param>
/// <param name="FuseOverlayfsPath">The fuse-overlayfs binary, for <see cref="StorageDriver.FuseOverlayfs"/>.</param>
public sealed record StorageConfiguration(StorageDriver Driver, string GraphRoot, string RunRoot, string? FuseOverlayfsPath = null)
{
    /// <summary>Read-only image stores buildah takes images from before pulling (<c>additionalimagestores</c>).</summary>
    public ImmutableArray<string> ImageStores { get; init; } = [];

    /// <summary>Equal when every member is, the image stores compared item by item (an array compares by reference).</summary>
    public bool Equals(StorageConfiguration? other) =>
        other is not null && Driver == other.Driver && GraphRoot == other.GraphRoot && RunRoot == other.RunRoot
        && FuseOverlayfsPath == other.FuseOverlayfsPath && ImageStores.SequenceEqual(other.ImageStores);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Driver, GraphRoot, RunRoot, FuseOverlayfsPath, ImageStores.Length);

    /// <summary>The storage.conf text (TOML).</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# Written by build-runner for one build; the image's /etc/containers/storage.conf is left as it is.\n");
        text.Append("[storage]\n");
        text.Append("driver = ").Append(Quote(Driver == StorageDriver.Vfs ? "vfs" : "overlay")).Append('\n');
        text.Append("graphroot = ").Append(Quote(GraphRoot)).Append('\n');
        text.Append("runroot = ").Append(Quote(RunRoot)).Append('\n');
        if (!ImageStores.IsEmpty)
        {
            text.Append("\n[storage.options]\n");
            text.Append("additionalimagestores = [").Append(string.Join(", ", ImageStores.Select(Quote))).Append("]\n");
        }
        if (Driver == StorageDriver.FuseOverlayfs)
        {
            text.Append("\n[storage.options.overlay]\n");
            text.Append("mount_program = ").Append(Quote(FuseOverlayfsPath ?? "/usr/bin/fuse-overlayfs")).Append('\n');
        }
        return text.ToString();
    }

    // TOML basic strings share JSON's escapes for the characters a path can hold.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
