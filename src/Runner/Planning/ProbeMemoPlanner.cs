using System.Globalization;
using BuildRunner.Buildah;
using BuildRunner.Host;
using BuildRunner.Identity;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// Whether an earlier probe's verdict, remembered in the storage root, stands in for the storage step: it does when
/// it was made under the same key (kernel, the storage root's file system, ID maps, user and privileges, the driver
/// asked for and its options, fuse availability, runner version). Pure, like the rest of the planner.
/// </summary>
public static class ProbeMemoPlanner
{
    /// <summary>The key the storage step's verdict is remembered under, for these facts and this plan.</summary>
    public static ProbeMemoKey Key(Facts facts, BuildSettings settings, PrivilegePlan privileges, RootlessSetup? rootless)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(privileges);
        var host = facts.StorageHost;
        var credentials = facts.Host.Credentials;
        var order = settings.StorageDriver is StorageDriver only ? [only] : StorageDriverNames.AutoOrder;
        // The options as buildah gets them, without the store's paths (the memo lives in the store).
        var options = order.Select(driver =>
            $"{driver.ToName()}: {string.Join(' ', StoreArguments.For(new StorageConfiguration(driver, "GRAPHROOT", "RUNROOT", host.FuseOverlayfs)).Skip(4))}");
        return new ProbeMemoKey(
            host.Runner,
            host.KernelRelease,
            BackingFileSystem.Describe(host.FileSystemType),
            Map(facts.Host.UserNamespace.UidMap),
            Map(facts.Host.UserNamespace.GidMap),
            string.Create(CultureInfo.InvariantCulture, $"{credentials.EffectiveUid}:{credentials.EffectiveGid}"),
            $"{privileges.Mode.ToName()}, buildah keeps {privileges.Keep?.ToString() ?? "what the pod gives"}",
            rootless is null ? "none" : $"uids {Ranges(rootless.SubUids)}; gids {Ranges(rootless.SubGids)}",
            settings.StorageDriver?.ToName() ?? "auto",
            string.Join("; ", options),
            host.FuseOverlayfs ?? "none",
            host.FuseDeviceProblem ?? "usable");
    }

    /// <summary>
    /// <paramref name="facts"/> with the remembered verdict as its storage facts when one matches
    /// <paramref name="key"/> and no probe has run yet; otherwise <paramref name="facts"/> as they are. Not when the
    /// storage step itself would not run (<paramref name="storageStepAllowed"/> false): a verdict would mean nothing then.
    /// </summary>
    public static Facts Remembered(Facts facts, ProbeMemoKey key, bool storageStepAllowed)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(key);
        if (facts.Storage is not null || !storageStepAllowed || facts.StorageMemo is not { } memo
            || facts.StorageHost.FileSystemType is null || memo.Key != key)
        {
            return facts;
        }
        var probedAt = memo.ProbedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var selection = memo.Selection with
        {
            Explanation = $"{memo.Selection.Explanation} (remembered from the probe at {probedAt}: nothing it depends on has changed)",
        };
        return facts with { Storage = new StorageFacts(null, selection) { RememberedFrom = memo.ProbedAt } };
    }

    private static string Map(IdMap map) =>
        string.Join(", ", map.Extents.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Inside} {e.Outside} {e.Count}")));

    private static string Ranges(IEnumerable<SubordinateRange> ranges) =>
        string.Join(", ", ranges.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Start}:{r.Count}")));
}
