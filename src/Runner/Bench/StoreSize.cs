namespace BuildRunner.Bench;

/// <summary>How much a store holds after a build.</summary>
public static class StoreSize
{
    /// <summary>
    /// The apparent size of every regular file under <paramref name="folder"/>, symbolic links not followed; 0 when
    /// it does not exist. A folder that cannot be read (a rootless store's subordinate-owned layer) counts as empty.
    /// </summary>
    public static long Of(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var directory = new DirectoryInfo(folder);
        return directory.Exists ? Sum(directory) : 0;
    }

    private static long Sum(DirectoryInfo directory)
    {
        long total = 0;
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (var entry in entries)
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }
            total += entry switch
            {
                FileInfo file => file.Length,
                DirectoryInfo sub => Sum(sub),
                _ => 0,
            };
        }
        return total;
    }
}
