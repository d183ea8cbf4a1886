using System.IO.Abstractions;
using System.Text.Json;

namespace BuildRunner.Reporting;

/// <summary>Writes the result file and the termination message.</summary>
public sealed class ResultWriter(IFileSystem fileSystem)
{
    /// <summary>The result as JSON.</summary>
    public static string ToJson(BuildResult result) => JsonSerializer.Serialize(result, ReportJson.Context.BuildResult);

    /// <summary>Writes the result JSON to <paramref name="path"/> (creating its folder).</summary>
    /// <exception cref="RunnerException">The file cannot be written.</exception>
    public void WriteResult(string path, BuildResult result)
    {
        try
        {
            var folder = fileSystem.Path.GetDirectoryName(fileSystem.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                fileSystem.Directory.CreateDirectory(folder);
            }
            fileSystem.File.WriteAllText(path, ToJson(result) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FailureCatalog.ResultUnwritable.Fails($"writing the result file \"{path}\": {e.Message}", "point --result at a writable volume (an emptyDir, or a Tekton results path)", e);
        }
    }

    /// <summary>
    /// Writes the termination message; returns false, without failing, when the path cannot be written
    /// (outside Kubernetes there is no /dev/termination-log). With <paramref name="createIfMissing"/> false, only a file
    /// that already exists is written: the kubelet creates the default one, and a runner started by hand must not
    /// leave a stray file in the node's /dev.
    /// </summary>
    public bool TryWriteTerminationMessage(string path, BuildResult result, bool createIfMissing)
    {
        try
        {
            var folder = fileSystem.Path.GetDirectoryName(fileSystem.Path.GetFullPath(path));
            if (string.IsNullOrEmpty(folder) || !fileSystem.Directory.Exists(folder) || (!createIfMissing && !fileSystem.File.Exists(path)))
            {
                return false;
            }
            fileSystem.File.WriteAllText(path, TerminationMessage.For(result));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
