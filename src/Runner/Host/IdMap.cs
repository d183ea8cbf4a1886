using System.Collections.Immutable;
using System.Globalization;

namespace BuildRunner.Host;

/// <summary>A parsed user or group ID map of a process.</summary>
public sealed record IdMap(ImmutableArray<IdMapExtent> Extents)
{
    /// <summary>The map of the initial namespace: every 32-bit ID maps to itself.</summary>
    public static IdMap Identity { get; } = new([new IdMapExtent(0, 0, 4294967295)]);

    /// <summary>True when this is the initial namespace's map (no user namespace).</summary>
    public bool IsIdentity => Extents.Length == 1 && Extents[0] == Identity.Extents[0];

    /// <summary>How many IDs are mapped in total.</summary>
    public long Size => Extents.Sum(e => e.Count);

    /// <summary>The parent's ID for <paramref name="inside"/>, or null when it is not mapped.</summary>
    public long? ToOutside(long inside)
    {
        foreach (var e in Extents)
        {
            if (e.ContainsInside(inside))
            {
                return e.Outside + (inside - e.Inside);
            }
        }
        return null;
    }

    /// <summary>
    /// Parses the text of <c>/proc/PID/uid_map</c>: one extent per line, three whitespace-separated numbers.
    /// </summary>
    /// <exception cref="FormatException">A line is not three non-negative numbers.</exception>
    public static IdMap Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var extents = ImmutableArray.CreateBuilder<IdMapExtent>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var inside)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var outside)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new FormatException($"an ID map line must be three numbers, got \"{line}\"");
            }
            extents.Add(new IdMapExtent(inside, outside, count));
        }
        return new IdMap(extents.ToImmutable());
    }

    /// <summary>The map as <c>[inside, outside, count]</c> triples, for JSON reports.</summary>
    public IReadOnlyList<long[]> ToTriples() => Extents.Select(e => new[] { e.Inside, e.Outside, e.Count }).ToList();

    /// <inheritdoc />
    public bool Equals(IdMap? other) => other is not null && Extents.SequenceEqual(other.Extents);

    /// <inheritdoc />
    public override int GetHashCode() => Extents.Aggregate(0, (h, e) => HashCode.Combine(h, e));
}
