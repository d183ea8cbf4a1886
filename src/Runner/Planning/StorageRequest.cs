using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>What the plan's storage step must find out: which driver works for this store.</summary>
/// <param name="Wanted">The driver asked for, or null for <c>auto</c>.</param>
/// <param name="GraphRoot">The storage root (an emptyDir in a pod).</param>
/// <param name="RunRoot">Run-time state, in the work folder.</param>
public sealed record StorageRequest(StorageDriver? Wanted, string GraphRoot, string RunRoot);
