using System.IO.Abstractions;
using System.Text;

namespace BuildRunner.Settings;

/// <summary>Reader for the kubelet's annotations file (placeholder until the exact reader lands).</summary>
public static class AnnotationsFile
{
    /// <summary>Largest file read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Parses key="value" lines.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var line in text.Split('\n'))
        {
            n++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.Length < eq + 3 || line[eq + 1] != '"' || line[^1] != '"')
            {
                throw new RunnerException(ExitCodes.InvalidSettings, "malformed-annotations", $"reading annotations file \"{source}\": line {n}: not key=\"value\"", "write key=\"value\" lines");
            }
            result[line[..eq]] = line[(eq + 2)..^1].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);
        }
        return result;
    }

    /// <summary>Reads a file, or null when missing.</summary>
    public static IReadOnlyDictionary<string, string>? TryRead(IFileSystem fileSystem, string path)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        return fileSystem.File.Exists(path) ? Parse(Encoding.UTF8.GetString(fileSystem.File.ReadAllBytes(path)), path) : null;
    }

    /// <summary>Formats annotations.</summary>
    public static string Format(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return string.Join("\n", annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}=\"{a.Value.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\""));
    }
}
