using System.Collections.Immutable;
using BuildRunner.Host;

namespace BuildRunner.Identity;

/// <summary>Arithmetic on sets of subordinate ID ranges.</summary>
public static class SubordinateRanges
{
    /// <summary>
    /// The subordinate IDs a rootless user with ID <paramref name="ownId"/> can hand to newuidmap/newgidmap:
    /// every ID the namespace maps (inside side of each extent) except the user's own ID and ID 0.
    /// Sorted, with ranges that touch merged.
    /// </summary>
    /// <remarks>
    /// ID 0 is left out because since Linux 5.12 a map that includes the parent namespace's root needs
    /// CAP_SETFCAP in the writer: newuidmap with only <c>cap_setuid=ep</c> fails to map it (measured, kernel 6.x).
    /// buildah maps the user's own ID to root of the nested namespace anyway.
    /// </remarks>
    public static ImmutableArray<SubordinateRange> Compute(IdMap map, long ownId)
    {
        ArgumentNullException.ThrowIfNull(map);
        var pieces = new List<SubordinateRange>();
        foreach (var extent in map.Extents)
        {
            var whole = new SubordinateRange(extent.Inside, extent.Count);
            pieces.AddRange(Subtract([whole], [new SubordinateRange(ownId, 1), new SubordinateRange(0, 1)]));
        }
        return Normalize(pieces);
    }

    /// <summary>
    /// Sorts ranges and merges those that overlap or touch, so equal ID sets compare equal.
    /// Empty ranges are dropped.
    /// </summary>
    public static ImmutableArray<SubordinateRange> Normalize(IEnumerable<SubordinateRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var result = ImmutableArray.CreateBuilder<SubordinateRange>();
        foreach (var range in ranges.Where(r => r.Count > 0).OrderBy(r => r.Start))
        {
            if (result.Count > 0 && result[^1].End >= range.Start)
            {
                var last = result[^1];
                result[^1] = last with { Count = Math.Max(last.End, range.End) - last.Start };
            }
            else
            {
                result.Add(range);
            }
        }
        return result.ToImmutable();
    }

    /// <summary>The IDs of <paramref name="from"/> that are in none of <paramref name="remove"/>, normalized.</summary>
    public static ImmutableArray<SubordinateRange> Subtract(IEnumerable<SubordinateRange> from, IEnumerable<SubordinateRange> remove)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(remove);
        var holes = Normalize(remove);
        var result = new List<SubordinateRange>();
        foreach (var range in Normalize(from))
        {
            var start = range.Start;
            foreach (var hole in holes)
            {
                if (hole.End <= start || hole.Start >= range.End)
                {
                    continue;
                }
                if (hole.Start > start)
                {
                    result.Add(new SubordinateRange(start, hole.Start - start));
                }
                start = Math.Max(start, hole.End);
            }
            if (start < range.End)
            {
                result.Add(new SubordinateRange(start, range.End - start));
            }
        }
        return Normalize(result);
    }
}
