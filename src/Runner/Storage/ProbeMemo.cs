namespace BuildRunner.Storage;

/// <summary>
/// A probe's verdict remembered in the storage root (<see cref="ProbeMemoFile"/>), with what decided it: the next
/// run on the same store reuses it while <see cref="Key"/> still holds, and starts no probe.
/// </summary>
/// <param name="Key">What the verdict depends on.</param>
/// <param name="Selection">The probe's choice and every candidate it looked at.</param>
/// <param name="ProbedAt">When the probe ran.</param>
public sealed record ProbeMemo(ProbeMemoKey Key, StorageSelection Selection, DateTimeOffset ProbedAt);
