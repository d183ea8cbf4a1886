using System.IO.Abstractions;

namespace BuildRunner.Identity;

/// <summary>Reads and writes <c>/etc/subuid</c> and <c>/etc/subgid</c>.</summary>
/// <param name="fileSystem">The file system to use.</param>
public sealed class SubIdWriter(IFileSystem fileSystem)
{
    /// <summary>The suffix of the temporary file written beside the target.</summary>
    public const string TempSuffix = ".build-runner.tmp";

    /// <summary>The file at <paramref name="path"/>; an empty file when it does not exist.</summary>
    public SubIdFile Read(string path) =>
        fileSystem.File.Exists(path) ? SubIdFile.Parse(fileSystem.File.ReadAllText(path)) : SubIdFile.Empty;

    /// <summary>
    /// Writes <paramref name="file"/> to <paramref name="path"/> unless it already holds that text.
    /// The text goes to a temporary file beside it, which is then renamed over the target, so a reader
    /// (newuidmap) never sees a half-written file. When the folder does not allow a new file but the file itself is
    /// writable (an image that makes /etc/subuid writable for the pod user, not /etc), it is rewritten in place:
    /// nothing reads it before buildah starts. Never throws for a read-only file or directory.
    /// </summary>
    public SubIdWriteOutcome Write(string path, SubIdFile file)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(file);
        var text = file.Render();
        var tmp = path + TempSuffix;
        try
        {
            if (fileSystem.File.Exists(path) && fileSystem.File.ReadAllText(path) == text)
            {
                return SubIdWriteOutcome.Unchanged;
            }
            fileSystem.File.WriteAllText(tmp, text);
            fileSystem.File.Move(tmp, path, overwrite: true);
            return SubIdWriteOutcome.Wrote;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            TryDelete(tmp);
            try
            {
                if (fileSystem.File.Exists(path))
                {
                    fileSystem.File.WriteAllText(path, text);
                    return SubIdWriteOutcome.Wrote;
                }
            }
            catch (Exception inPlace) when (inPlace is UnauthorizedAccessException or IOException)
            {
                return SubIdWriteOutcome.NotWritable($"cannot write {path}: {inPlace.Message}");
            }
            return SubIdWriteOutcome.NotWritable($"cannot write {path}: {e.Message}");
        }
    }

    private void TryDelete(string tmp)
    {
        try
        {
            if (fileSystem.File.Exists(tmp))
            {
                fileSystem.File.Delete(tmp);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Best effort: a directory we could not write to will not hold the file either.
        }
    }
}
