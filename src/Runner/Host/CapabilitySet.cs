using System.Globalization;

namespace BuildRunner.Host;

/// <summary>An immutable set of capabilities, stored as the kernel's 64-bit mask.</summary>
/// <param name="Mask">Bit N set means capability N is in the set.</param>
public readonly record struct CapabilitySet(ulong Mask)
{
    /// <summary>The empty set.</summary>
    public static CapabilitySet None => new(0);

    /// <summary>Builds a set from capability names (with or without <c>CAP_</c>, any case).</summary>
    /// <exception cref="ArgumentException">A name is not a capability.</exception>
    public static CapabilitySet Of(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        ulong mask = 0;
        foreach (var name in names)
        {
            var number = Capabilities.NumberOf(name)
                ?? throw new ArgumentException($"\"{name}\" is not a Linux capability", nameof(names));
            mask |= 1UL << number;
        }
        return new CapabilitySet(mask);
    }

    /// <summary>Parses a hexadecimal mask as written in <c>/proc/PID/status</c> (<c>CapEff:	000001ffffffffff</c>).</summary>
    public static CapabilitySet ParseHex(string hex) =>
        new(ulong.Parse(hex.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    /// <summary>Whether capability <paramref name="number"/> is in the set.</summary>
    public bool Contains(int number) => number is >= 0 and < 64 && (Mask & (1UL << number)) != 0;

    /// <summary>Whether the named capability is in the set.</summary>
    public bool Contains(string name) => Capabilities.NumberOf(name) is int n && Contains(n);

    /// <summary>The capabilities in this set and not in <paramref name="other"/>.</summary>
    public CapabilitySet Except(CapabilitySet other) => new(Mask & ~other.Mask);

    /// <summary>The capabilities in both sets.</summary>
    public CapabilitySet Intersect(CapabilitySet other) => new(Mask & other.Mask);

    /// <summary>The capabilities in either set.</summary>
    public CapabilitySet Union(CapabilitySet other) => new(Mask | other.Mask);

    /// <summary>True when the set is empty.</summary>
    public bool IsEmpty => Mask == 0;

    /// <summary>The capability numbers in the set, ascending.</summary>
    public IEnumerable<int> Numbers()
    {
        for (var i = 0; i < 64; i++)
        {
            if ((Mask & (1UL << i)) != 0)
            {
                yield return i;
            }
        }
    }

    /// <summary>The <c>CAP_*</c> names in the set, in number order.</summary>
    public IReadOnlyList<string> Names() => Numbers().Select(Capabilities.NameOf).ToList();

    /// <summary>The mask as <c>/proc/PID/status</c> writes it.</summary>
    public string ToHex() => Mask.ToString("x16", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "(none)" : string.Join(",", Names());
}
