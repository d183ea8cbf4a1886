using System.IO.Abstractions;
using System.Text.Json;

namespace BuildRunner.Storage;

/// <summary>
/// The probe memo's file in the storage root (<c>GRAPHROOT/build-runner-probe.json</c>): it lives and dies with the
/// store it describes. Reading never fails (a missing, unreadable or garbled memo is no memo); writing is atomic
/// (a temporary file renamed over the old one) and never fails the build.
/// </summary>
public sealed class ProbeMemoFile(IFileSystem fileSystem)
{
    /// <summary>The memo's name inside the graph root.</summary>
    public const string FileName = "build-runner-probe.json";

    // A memo is a few kilobytes; anything much larger is not one.
    private const long MaxBytes = 256 * 1024;

    /// <summary>The memo's path in <paramref name="graphRoot"/>.</summary>
    public string PathIn(string graphRoot) => fileSystem.Path.Combine(graphRoot, FileName);

    /// <summary>The memo in <paramref name="graphRoot"/>, or null when there is none that can be used.</summary>
    public ProbeMemo? Read(string graphRoot)
    {
        var path = PathIn(graphRoot);
        try
        {
            if (!fileSystem.File.Exists(path) || fileSystem.FileInfo.New(path).Length > MaxBytes)
            {
                return null;
            }
            var memo = JsonSerializer.Deserialize(fileSystem.File.ReadAllText(path), ProbeMemoJsonContext.Default.ProbeMemo);
            return IsWhole(memo) ? memo : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="memo"/> into <paramref name="graphRoot"/>; returns null, or why it could not.</summary>
    public string? TryWrite(string graphRoot, ProbeMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        var path = PathIn(graphRoot);
        // Not named by PID: pods sharing a volume are often all PID 1.
        var temporary = fileSystem.Path.Combine(graphRoot, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            fileSystem.File.WriteAllText(temporary, JsonSerializer.Serialize(memo, ProbeMemoJsonContext.Default.ProbeMemo) + "\n");
            // rename(2): a reader sees the old memo or the new one, never half of one.
            fileSystem.File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                fileSystem.File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing was written there either.
            }
            return e.Message;
        }
    }

    // Only a verdict that chose a driver is worth keeping; the JSON options already refuse missing or null fields.
    private static bool IsWhole(ProbeMemo? memo) =>
        memo?.Selection is { Selected: StorageDriver selected, Candidates.IsDefaultOrEmpty: false } selection
        && selection.Candidates.Any(c => c.Driver == selected && c.Usable);
}
