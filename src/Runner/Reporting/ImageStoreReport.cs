using BuildRunner.Planning;

namespace BuildRunner.Reporting;

/// <summary>One read-only image store of the <c>image-stores</c> setting, as <c>doctor</c> reports it.</summary>
/// <param name="Path">The store's graph root.</param>
/// <param name="Readable">Whether the pod can read it.</param>
/// <param name="Owner">Its owner UID as the pod sees it, or null when it cannot be told.</param>
/// <param name="OwnersMapped">Whether that owner maps inside the pod's user namespace (the overflow ID means it does not).</param>
/// <param name="Images">Image names per driver (<c>overlay</c>, <c>vfs</c>).</param>
/// <param name="Used">Whether buildah gets it; null when the storage driver is not known yet.</param>
/// <param name="Reason">Why (or why not), or why it cannot be read.</param>
/// <param name="Fix">What makes it usable, or null.</param>
public sealed record ImageStoreReport(
    string Path,
    bool Readable,
    long? Owner,
    bool OwnersMapped,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Images,
    bool? Used,
    string Reason,
    string? Fix)
{
    /// <summary>The stores of <paramref name="plan"/>: its verdicts once the driver is known, else what was found.</summary>
    public static IReadOnlyList<ImageStoreReport> Of(BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.SharedStores.IsEmpty)
        {
            return [.. plan.SharedStores.Select(v => Of(v.Store, v.Used, v.Reason, v.Fix))];
        }
        return [.. plan.Facts.SharedStores.Select(s => Of(s, null, s.Error ?? "not decided: the storage driver is not known", null))];
    }

    private static ImageStoreReport Of(SharedStoreFacts store, bool? used, string reason, string? fix) =>
        new(store.Path, store.Exists && store.Error is null, store.Owner, store.OwnersMapped,
            new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["overlay"] = store.OverlayImages,
                ["vfs"] = store.VfsImages,
            },
            used, reason, fix);
}
