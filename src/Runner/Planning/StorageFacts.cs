using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>What the plan's storage step learnt: whether the storage root could be made, and the probe's choice.</summary>
/// <param name="RootError">Why the storage root could not be created, or null when it exists.</param>
/// <param name="Selection">The probe's result, or null when the root could not be created.</param>
public sealed record StorageFacts(string? RootError, StorageSelection? Selection)
{
    /// <summary>When the selection is an earlier probe's, remembered in the storage root: when that probe ran. Null for a fresh probe.</summary>
    public DateTimeOffset? RememberedFrom { get; init; }
}
