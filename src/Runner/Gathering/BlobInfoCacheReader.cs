using System.IO.Abstractions;
using BuildRunner.Planning;
using BuildRunner.Posix;

namespace BuildRunner.Gathering;

/// <summary>
/// Reads <see cref="BlobInfoCacheFacts"/>: whether root buildah can make (or write in) its blob-info cache folder.
/// buildah makes the folder itself when it is missing, so the question goes to the nearest folder that exists.
/// Reads only: nothing is created.
/// </summary>
/// <param name="fileSystem">Files.</param>
/// <param name="writeProblem">Why files cannot be made in a folder, or null when they can (<see cref="WriteAccess.Problem"/>).</param>
public sealed class BlobInfoCacheReader(IFileSystem fileSystem, Func<string, string?>? writeProblem = null)
{
    /// <summary>The facts for <see cref="BlobInfoCacheFacts.SystemDirectory"/>.</summary>
    public BlobInfoCacheFacts Read() => Read(BlobInfoCacheFacts.SystemDirectory);

    /// <summary>The facts for a cache folder at <paramref name="directory"/>.</summary>
    public BlobInfoCacheFacts Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var existing = directory;
        while (!fileSystem.Directory.Exists(existing))
        {
            if (fileSystem.File.Exists(existing))
            {
                return new BlobInfoCacheFacts(directory, $"{existing} is a file, not a folder");
            }
            var parent = fileSystem.Path.GetDirectoryName(existing);
            if (string.IsNullOrEmpty(parent) || parent == existing)
            {
                return new BlobInfoCacheFacts(directory, "no folder above it exists");
            }
            existing = parent;
        }
        return (writeProblem ?? WriteAccess.Problem)(existing) is string problem
            ? new BlobInfoCacheFacts(directory, existing == directory ? problem : $"{existing}: {problem}")
            : new BlobInfoCacheFacts(directory, null);
    }
}
