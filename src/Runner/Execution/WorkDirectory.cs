using System.IO.Abstractions;

namespace BuildRunner.Execution;

/// <summary>A private scratch folder for one run (storage.conf, digest and ID files, run-time state), removed at the end.</summary>
public sealed class WorkDirectory : IDisposable
{
    private readonly IFileSystem fileSystem;

    /// <summary>Creates <c>$TMPDIR/build-runner-PID</c>, readable by its owner only.</summary>
    public WorkDirectory(IFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        this.fileSystem = fileSystem;
        Path = fileSystem.Path.Combine(fileSystem.Path.GetTempPath(), $"build-runner-{Environment.ProcessId}");
        try
        {
            // A container restarted in the same pod keeps an emptyDir /tmp and is often PID 1 again: what a killed
            // run left here (run-time state, locks) must not be mistaken for this run's.
            if (fileSystem.Directory.Exists(Path))
            {
                fileSystem.Directory.Delete(Path, recursive: true);
            }
            fileSystem.Directory.CreateDirectory(Path);
            if (!OperatingSystem.IsWindows())
            {
                fileSystem.File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FailureCatalog.TempUnwritable.Fails($"creating the work folder \"{Path}\": {e.Message}",
                "give the pod a writable /tmp (an emptyDir volume when the root filesystem is read-only), or set TMPDIR to a writable folder", e);
        }
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => fileSystem.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            fileSystem.Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers in the pod's /tmp go away with the pod.
        }
    }
}
