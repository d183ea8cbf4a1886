using System.IO.Abstractions;
using System.Reflection;
using BuildRunner.Planning;
using BuildRunner.Posix;
using BuildRunner.Storage;

namespace BuildRunner.Gathering;

/// <summary>
/// Reads <see cref="StorageHostFacts"/>: the kernel release, the file system under the storage root, and whether
/// fuse-overlayfs could run. A statfs, a small file and an open of /dev/fuse: no process is started.
/// </summary>
/// <param name="fileSystem">Files.</param>
/// <param name="variable">An environment variable (PATH), or null.</param>
/// <param name="fileSystemType">statfs f_type of a path (<see cref="FileSystemType.Of"/>).</param>
public sealed class StorageHostReader(IFileSystem fileSystem, Func<string, string?> variable, Func<string, long?>? fileSystemType = null)
{
    /// <summary>Where the kernel tells its release.</summary>
    public const string OsReleasePath = "/proc/sys/kernel/osrelease";

    /// <summary>The runner's version with the revision it was built from.</summary>
    public static string RunnerVersion { get; } =
        typeof(StorageHostReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Reads the facts for a store at <paramref name="storageRoot"/> (which need not exist yet).</summary>
    public StorageHostFacts Read(string storageRoot)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new StorageHostFacts(
            RunnerVersion,
            KernelRelease(),
            fileSystem.Directory.Exists(storageRoot) ? (fileSystemType ?? FileSystemType.Of)(storageRoot) : null,
            FuseAvailability.FindProgram(fileSystem, variable("PATH")),
            FuseAvailability.DeviceProblem(fileSystem));
    }

    private string KernelRelease()
    {
        try
        {
            return fileSystem.File.Exists(OsReleasePath) ? fileSystem.File.ReadAllText(OsReleasePath).Trim() : "unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
