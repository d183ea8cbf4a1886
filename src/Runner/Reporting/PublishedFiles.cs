using System.IO.Abstractions;
using BuildRunner.Settings;

namespace BuildRunner.Reporting;

/// <summary>
/// The result files platforms read after a push: <c>digest-file</c>, <c>image-ref-file</c>, <c>image-size-file</c>
/// (Tekton's <c>IMAGE_DIGEST</c> and <c>IMAGE_URL</c>, Shipwright's <c>shp-image-digest</c> and <c>shp-image-size</c>).
/// Each holds one value with no newline. They exist only after a successful push: stale ones go at the start of a run,
/// and each is written whole (a temporary file in the same folder, then renamed over it), so a reader never sees half
/// a value and a failed build leaves none.
/// </summary>
public sealed class PublishedFiles(IFileSystem fileSystem)
{
    /// <summary>Removes the files <paramref name="settings"/> names, left by an earlier run.</summary>
    /// <exception cref="RunnerException">One exists and cannot be removed.</exception>
    public void RemoveStale(BuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (setting, path) in Named(settings))
        {
            try
            {
                if (fileSystem.File.Exists(path))
                {
                    fileSystem.File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unwritable(setting, path, $"removing the {setting.Name} \"{path}\" an earlier run left: {e.Message}", e);
            }
        }
    }

    /// <summary>Writes the files <paramref name="settings"/> names for <paramref name="published"/>; a size that is unknown leaves its file absent.</summary>
    /// <exception cref="RunnerException">A file cannot be written.</exception>
    public void Write(BuildSettings settings, PublishedImage published)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(published);
        foreach (var (setting, path) in Named(settings))
        {
            var value = setting == SettingsCatalog.DigestFile ? published.Digest
                : setting == SettingsCatalog.ImageRefFile ? published.Reference
                : published.SizeText;
            if (value is not null)
            {
                WriteWhole(setting, path, value);
            }
        }
    }

    private static IEnumerable<(SettingDefinition Setting, string Path)> Named(BuildSettings settings)
    {
        if (settings.DigestFile is string digest)
        {
            yield return (SettingsCatalog.DigestFile, digest);
        }
        if (settings.ImageRefFile is string reference)
        {
            yield return (SettingsCatalog.ImageRefFile, reference);
        }
        if (settings.ImageSizeFile is string size)
        {
            yield return (SettingsCatalog.ImageSizeFile, size);
        }
    }

    private void WriteWhole(SettingDefinition setting, string path, string value)
    {
        var full = fileSystem.Path.GetFullPath(path);
        var folder = fileSystem.Path.GetDirectoryName(full) ?? "/";
        var temporary = fileSystem.Path.Combine(folder, $".{fileSystem.Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            fileSystem.Directory.CreateDirectory(folder);
            fileSystem.File.WriteAllText(temporary, value);
            fileSystem.File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                fileSystem.File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The write failed already; that is what the pod owner needs to hear.
            }
            throw Unwritable(setting, path, $"writing the {setting.Name} \"{path}\": {e.Message}", e);
        }
    }

    private RunnerException Unwritable(SettingDefinition setting, string path, string message, Exception cause) =>
        FailureCatalog.ResultUnwritable.Fails(message,
            $"point {setting.AnnotationKey} ({setting.Flag}) at a writable folder: a Tekton result path (/tekton/results/NAME), Shipwright's $(results.shp-image-digest.path), or an emptyDir; \"{fileSystem.Path.GetDirectoryName(path)}\" is not writable by the pod's user",
            cause);
}
