namespace BuildRunner.Planning;

/// <summary>Whether a read-only image store is handed to buildah, and why.</summary>
/// <param name="Store">What was found.</param>
/// <param name="Used">Whether buildah gets it (<c>additionalimagestores</c>).</param>
/// <param name="Reason">Why, for the log and <c>doctor</c>.</param>
/// <param name="Fix">What makes an unused store usable, or null when it is used.</param>
public sealed record SharedStoreVerdict(SharedStoreFacts Store, bool Used, string Reason, string? Fix);
