using System.Collections.Immutable;

namespace BuildRunner.Storage;

/// <summary>The driver chosen for the build, and every candidate looked at.</summary>
/// <param name="Selected">The driver, or null when none works.</param>
/// <param name="Candidates">Each driver looked at, in the order tried.</param>
/// <param name="Explanation">Why this driver, in one sentence for the log.</param>
public sealed record StorageSelection(StorageDriver? Selected, ImmutableArray<StorageCandidate> Candidates, string Explanation);
