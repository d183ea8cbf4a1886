using System.Collections.ObjectModel;
using System.IO.Abstractions;
using System.Text;

namespace BuildRunner.Settings;

/// <summary>
/// The kubelet's downward-API annotations file (<c>metadata.annotations</c> projected into a volume),
/// and the defaults and overrides files written in the same format.
/// </summary>
/// <remarks>
/// The kubelet writes one line per annotation, <c>key="value"</c>, keys sorted, the value quoted as Go's
/// <c>%q</c> does, lines joined by "\n" with no trailing newline. Hand-written files may also have a
/// trailing newline, blank lines, CRLF line endings, <c>#</c> comment lines and keys in any order.
/// </remarks>
public static class AnnotationsFile
{
    /// <summary>
    /// The largest file read. Kubernetes caps an object's annotations at 256 KiB together, and quoting
    /// can expand them about 4 times (a byte that is not printable becomes <c>\xNN</c>).
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    private const string FormatFix =
        "write each line as key=\"value\" with the value quoted as Go's %q does (the kubelet's downward API format)";

    // Keys are quoted into messages; a runaway "key" (a line with no '=') must not flood the log.
    private const int MaxKeyShownInMessage = 100;

    /// <summary>Parses the text of an annotations file.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="source">Where the text came from, for messages (usually the path).</param>
    /// <returns>The annotations by key (ordinal), read-only.</returns>
    /// <exception cref="RunnerException">
    /// A line is malformed or a key repeats; the message names the line and, for a value, the column
    /// (counted in UTF-16 code units).
    /// </exception>
    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var rest = text.AsSpan();

        // Editors on other systems may save a byte-order mark; it is never part of a key.
        if (rest.StartsWith('\uFEFF'))
        {
            rest = rest[1..];
        }

        for (var number = 1; ; number++)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            ParseLine(line, number, source, annotations, lineOfKey);
            if (end < 0)
            {
                break;
            }
            rest = rest[(end + 1)..];
        }
        return new ReadOnlyDictionary<string, string>(annotations);
    }

    /// <summary>
    /// Reads and parses an annotations file, or returns null when it does not exist.
    /// </summary>
    /// <remarks>
    /// The file is opened once and read whole: the kubelet updates a projected volume by swapping the
    /// <c>..data</c> symlink, so one open sees one consistent version.
    /// </remarks>
    /// <exception cref="RunnerException">The file is unreadable, too large or malformed.</exception>
    public static IReadOnlyDictionary<string, string>? TryRead(IFileSystem fileSystem, string path)
    {
        var bytes = TryReadBytes(fileSystem, path);
        return bytes is null ? null : Parse(Encoding.UTF8.GetString(bytes), path);
    }

    /// <summary>
    /// Reads a single-key projection file (<c>metadata.annotations['key']</c>), which holds the raw
    /// value, unquoted; or returns null when it does not exist.
    /// </summary>
    /// <returns>The value exactly as written, not trimmed.</returns>
    /// <exception cref="RunnerException">The file is unreadable or too large.</exception>
    public static string? TryReadSingleValue(IFileSystem fileSystem, string path)
    {
        var bytes = TryReadBytes(fileSystem, path);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Writes annotations as the kubelet does: keys sorted (ordinal), one <c>key="value"</c> line each,
    /// the value quoted by <see cref="GoQuotedString.Quote"/>, joined by "\n", no trailing newline.
    /// </summary>
    /// <exception cref="ArgumentException">A key could not be read back: it is empty, starts with '#' or a
    /// byte-order mark, or contains whitespace, '=' or '"'.</exception>
    public static string Format(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);

        // Go sorts UTF-8 bytes; UTF-16 ordinal order differs only for keys mixing astral characters with
        // U+E000..U+FFFF, which Kubernetes keys (ASCII) never contain.
        var keys = annotations.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var key in keys)
        {
            if (KeyProblem(key) is not null || key.StartsWith('#') || key.StartsWith('\uFEFF') || key.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"key {Show(key)} cannot be written as an annotations line", nameof(annotations));
            }
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }
            builder.Append(key).Append('=').Append(GoQuotedString.Quote(annotations[key]));
        }
        return builder.ToString();
    }

    private static void ParseLine(
        ReadOnlySpan<char> line,
        int number,
        string source,
        Dictionary<string, string> annotations,
        Dictionary<string, int> lineOfKey)
    {
        // The kubelet never writes a raw CR (it quotes it as \r), so a trailing one is a CRLF line ending.
        if (line.EndsWith('\r'))
        {
            line = line[..^1];
        }
        var content = line.TrimStart();
        if (content.IsEmpty || content[0] == '#')
        {
            return;
        }

        var equals = line.IndexOf('=');
        if (equals < 0)
        {
            throw Malformed(source, number, "expected key=\"value\" but found no \"=\"");
        }
        var key = line[..equals].ToString();
        if (KeyProblem(key) is { } problem)
        {
            throw Malformed(source, number, problem);
        }
        if (!GoQuotedString.TryUnquote(line[(equals + 1)..], out var value, out var error, out var column))
        {
            throw Malformed(source, number, $"value of {Show(key)} {error} at column {equals + 1 + column}");
        }
        if (!lineOfKey.TryAdd(key, number))
        {
            throw FailureCatalog.MalformedAnnotations.Fails($"{Where(source, number)}key {Show(key)} appears again (first on line {lineOfKey[key]})",
                "keep one line per key");
        }
        annotations.Add(key, value);
    }

    /// <summary>What is wrong with a key read from before the '=', or null when nothing is.</summary>
    private static string? KeyProblem(string key)
    {
        if (key.Length == 0)
        {
            return "the key before \"=\" is empty";
        }
        foreach (var c in key)
        {
            if (char.IsWhiteSpace(c))
            {
                return $"key {Show(key)} contains whitespace";
            }
            if (c == '"')
            {
                return $"key {Show(key)} contains a double quote";
            }
        }
        return null;
    }

    private static byte[]? TryReadBytes(IFileSystem fileSystem, string path)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = fileSystem.File.OpenRead(path);
            using var contents = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                contents.Write(chunk, 0, read);

                // Stop early: a wrong path (a device, a huge file) must not exhaust memory.
                if (contents.Length > MaxFileBytes)
                {
                    throw FailureCatalog.MalformedAnnotations.Fails($"reading annotations file \"{path}\": it is larger than {MaxFileBytes} bytes, more than an object's annotations can quote to",
                        "point the runner at the downward-API annotations file, or split the file");
                }
            }
            return contents.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FailureCatalog.UnreadableAnnotations.Fails($"reading annotations file \"{path}\": {e.Message}",
                "make the file readable by the runner's user (check the volume's defaultMode and the pod's fsGroup)",
                e);
        }
    }

    private static RunnerException Malformed(string source, int number, string what) =>
        FailureCatalog.MalformedAnnotations.Fails($"{Where(source, number)}{what}", FormatFix);

    private static string Where(string source, int number) => $"reading annotations file \"{source}\": line {number}: ";

    private static string Show(string key) =>
        key.Length <= MaxKeyShownInMessage
            ? GoQuotedString.Quote(key)
            : GoQuotedString.Quote(key[..MaxKeyShownInMessage]) + "...";
}
