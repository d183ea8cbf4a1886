using System.Collections.Immutable;
using System.Globalization;

namespace BuildRunner.Settings;

/// <summary>
/// The <c>build-args-file</c> format: one <c>NAME=VALUE</c> per line, blank lines and lines starting with <c>#</c>
/// skipped, the value taken as written after the first <c>=</c> (a file written on Windows loses its carriage returns).
/// Values are secrets like every build argument: a problem names the line by number, never by content.
/// </summary>
public static class BuildArgsFile
{
    /// <summary>Reads <paramref name="content"/>; false with <paramref name="problem"/> saying which line is wrong.</summary>
    public static bool TryParse(string content, out ImmutableArray<KeyValuePair<string, string>> arguments, out string problem)
    {
        ArgumentNullException.ThrowIfNull(content);
        var found = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }
            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? "" : trimmed[..eq];
            if (eq <= 0 || name.Any(char.IsWhiteSpace))
            {
                arguments = [];
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"line {i + 1} is not NAME=VALUE with a NAME free of spaces (its content is not shown: build arguments may be secrets)");
                return false;
            }
            found.Add(new KeyValuePair<string, string>(name, trimmed[(eq + 1)..]));
        }
        arguments = found.ToImmutable();
        problem = "";
        return true;
    }

    /// <summary>
    /// <paramref name="fromFile"/> with <paramref name="explicitArguments"/> over it: a name in both takes the explicit
    /// value, and within each a later line wins, as buildah's repeated <c>--build-arg</c> does.
    /// </summary>
    public static ImmutableArray<KeyValuePair<string, string>> Merge(
        ImmutableArray<KeyValuePair<string, string>> fromFile, ImmutableArray<KeyValuePair<string, string>> explicitArguments)
    {
        var merged = new List<KeyValuePair<string, string>>();
        foreach (var argument in fromFile.Concat(explicitArguments))
        {
            var index = merged.FindIndex(a => a.Key == argument.Key);
            if (index >= 0)
            {
                merged[index] = argument;
            }
            else
            {
                merged.Add(argument);
            }
        }
        return [.. merged];
    }
}
