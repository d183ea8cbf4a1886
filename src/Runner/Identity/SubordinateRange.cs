namespace BuildRunner.Identity;

/// <summary>A run of consecutive IDs <c>[Start, Start+Count)</c>, as one line of <c>/etc/subuid</c> or <c>/etc/subgid</c> holds.</summary>
/// <param name="Start">The first ID.</param>
/// <param name="Count">How many IDs.</param>
public sealed record SubordinateRange(long Start, long Count)
{
    /// <summary>The first ID after the range (exclusive end).</summary>
    public long End => Start + Count;

    /// <summary>Whether the two ranges share at least one ID.</summary>
    public bool Overlaps(SubordinateRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End;
    }

    /// <summary>Whether <paramref name="id"/> is in the range.</summary>
    public bool Contains(long id) => id >= Start && id < End;
}
