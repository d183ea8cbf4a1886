namespace BuildRunner.Identity;

/// <summary>What <see cref="SubIdWriter.Write"/> did.</summary>
/// <param name="Written">True when the file was replaced with new content.</param>
/// <param name="NotWritableReason">
/// Why the file could not be written, or null when it could (or did not need to be).
/// The caller then falls back to checking the existing entries.
/// </param>
public sealed record SubIdWriteOutcome(bool Written, string? NotWritableReason)
{
    /// <summary>The file already held exactly this content; nothing was written.</summary>
    public static SubIdWriteOutcome Unchanged { get; } = new(false, null);

    /// <summary>The file was replaced.</summary>
    public static SubIdWriteOutcome Wrote { get; } = new(true, null);

    /// <summary>The file or its directory is not writable.</summary>
    public static SubIdWriteOutcome NotWritable(string reason) => new(false, reason);

    /// <summary>False when the file needed writing and could not be written.</summary>
    public bool Writable => NotWritableReason is null;
}
