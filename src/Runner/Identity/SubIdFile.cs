using System.Collections.Immutable;
using System.Globalization;

namespace BuildRunner.Identity;

/// <summary>
/// An immutable parsed <c>/etc/subuid</c> or <c>/etc/subgid</c>: lines <c>name:start:count</c>, where name may
/// also be a numeric ID. Lines that are not entries (comments, blanks, malformed) are kept verbatim,
/// because the file may hold other users' content the runner must never lose.
/// </summary>
public sealed class SubIdFile : IEquatable<SubIdFile>
{
    private readonly ImmutableArray<string> _lines;

    private SubIdFile(ImmutableArray<string> lines) => _lines = lines;

    /// <summary>A file with no lines.</summary>
    public static SubIdFile Empty { get; } = new([]);

    /// <summary>The lines, verbatim, without their newlines.</summary>
    public ImmutableArray<string> Lines => _lines;

    /// <summary>Parses the text of the file. Never fails: what is not an entry is kept as it is.</summary>
    public static SubIdFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').ToList();
        // The final newline ends the last line; it does not start an empty one.
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return new SubIdFile([.. lines]);
    }

    /// <summary>The ranges listed for the user, under its name or its numeric ID, in file order.</summary>
    public ImmutableArray<SubordinateRange> RangesFor(string name, long id) =>
        [.. Entries().Where(e => IsUser(e.Owner, name, id)).Select(e => e.Range)];

    /// <summary>
    /// A file where the user's lines (under its name or numeric ID) are replaced by <paramref name="ranges"/>
    /// (normalized, under <paramref name="name"/>, appended at the end); every other line keeps its text and order.
    /// Returns this file when the user already has exactly those IDs, so applying twice changes nothing.
    /// </summary>
    public SubIdFile WithRangesFor(string name, long id, IEnumerable<SubordinateRange> ranges)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var wanted = SubordinateRanges.Normalize(ranges);
        if (SubordinateRanges.Normalize(RangesFor(name, id)).SequenceEqual(wanted))
        {
            return this;
        }
        var kept = _lines.Where(line => !(TryParseEntry(line, out var owner, out _) && IsUser(owner, name, id)));
        var added = wanted.Select(r => string.Create(CultureInfo.InvariantCulture, $"{name}:{r.Start}:{r.Count}"));
        return new SubIdFile([.. kept, .. added]);
    }

    /// <summary>The text of the file: every line followed by a newline (empty when there are no lines).</summary>
    public string Render() => _lines.IsEmpty ? string.Empty : string.Join('\n', _lines) + "\n";

    /// <summary>The IDs of <paramref name="wanted"/> that the user's existing entries do not cover.</summary>
    public ImmutableArray<SubordinateRange> Missing(string name, long id, IEnumerable<SubordinateRange> wanted) =>
        SubordinateRanges.Subtract(wanted, RangesFor(name, id));

    /// <summary>
    /// Other users' entries that overlap <paramref name="wanted"/>. They are reported, never removed:
    /// newuidmap only reads the calling user's lines, but shared IDs defeat the isolation between users.
    /// </summary>
    public ImmutableArray<(string Owner, SubordinateRange Range)> Conflicts(string name, long id, IEnumerable<SubordinateRange> wanted)
    {
        var want = SubordinateRanges.Normalize(wanted);
        return [.. Entries().Where(e => !IsUser(e.Owner, name, id) && want.Any(w => w.Overlaps(e.Range)))];
    }

    /// <inheritdoc />
    public bool Equals(SubIdFile? other) => other is not null && _lines.SequenceEqual(other._lines);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SubIdFile);

    /// <inheritdoc />
    public override int GetHashCode() => _lines.Aggregate(0, (h, line) => HashCode.Combine(h, line));

    /// <inheritdoc />
    public override string ToString() => Render();

    private IEnumerable<(string Owner, SubordinateRange Range)> Entries()
    {
        foreach (var line in _lines)
        {
            if (TryParseEntry(line, out var owner, out var range))
            {
                yield return (owner, range);
            }
        }
    }

    private static bool IsUser(string owner, string name, long id) =>
        owner == name || owner == id.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseEntry(string line, out string owner, out SubordinateRange range)
    {
        owner = string.Empty;
        range = new SubordinateRange(0, 0);
        var parts = line.Trim().Split(':');
        if (parts.Length != 3
            || parts[0].Length == 0
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count == 0)
        {
            return false;
        }
        owner = parts[0];
        range = new SubordinateRange(start, count);
        return true;
    }
}
