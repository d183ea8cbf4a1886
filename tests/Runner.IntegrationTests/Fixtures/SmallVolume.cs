using System.Globalization;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A tiny tmpfs mounted on the node, writable by the sandbox's root (node UID 100000): a storage volume that runs out
/// of space for real. Unmounted and removed on dispose; dispose it before the sandbox that holds it.
/// </summary>
public sealed class SmallVolume : IAsyncDisposable
{
    private SmallVolume(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kibibytes"/> KiB at <paramref name="path"/> (made if missing).</summary>
    public static async Task<SmallVolume> MountAsync(string path, int kibibytes)
    {
        Directory.CreateDirectory(path);
        await Run.CheckedAsync("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={kibibytes}k,mode=0755"), "tmpfs", path);
        var volume = new SmallVolume(path);
        try
        {
            await Run.CheckedAsync("chown", string.Create(CultureInfo.InvariantCulture, $"{Sandbox.HostUidOfRoot}:{Sandbox.HostUidOfRoot}"), path);
        }
        catch
        {
            await volume.DisposeAsync();
            throw;
        }
        return volume;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Lazily, should a process of the sandbox still hold it: it goes once that process ends.
        await Run.ProcessAsync("umount", ["--lazy", Path]);
        Directory.Delete(Path, recursive: true);
    }
}
