using System.Collections.Immutable;
using System.IO.Abstractions;

namespace BuildRunner.Storage;

/// <summary>
/// Chooses a storage driver by trying it, not by guessing from the kernel version: each candidate gets a
/// scratch store beside the real one (same filesystem, so "overlay over overlayfs" shows up), and a file is
/// written through a mount of the driver (<see cref="MountStoreTester"/>).
/// </summary>
public sealed class StorageProbe(IFileSystem fileSystem, IStoreTester tester)
{
    /// <summary>Where the probe's scratch stores go, inside the graph root.</summary>
    public const string ScratchFolder = "build-runner-probe";

    /// <summary>
    /// Tries the asked-for driver, or for <c>auto</c> (<paramref name="wanted"/> null) the drivers in
    /// <see cref="StorageDriverNames.AutoOrder"/> until one works. With <paramref name="probeAll"/>, every driver is
    /// tried even after one works (for <c>doctor</c>).
    /// </summary>
    public async Task<StorageSelection> SelectAsync(
        StorageDriver? wanted, string graphRoot, string runRoot, bool probeAll, CancellationToken cancellationToken)
    {
        var order = wanted is StorageDriver only ? [only] : StorageDriverNames.AutoOrder;
        var candidates = ImmutableArray.CreateBuilder<StorageCandidate>();
        StorageDriver? selected = null;
        foreach (var driver in order)
        {
            if (selected is not null && !probeAll)
            {
                candidates.Add(new StorageCandidate(driver, false, $"not tried: {selected.Value.ToName()} works and comes first", Probed: false));
                continue;
            }
            var candidate = await TryAsync(driver, graphRoot, runRoot, cancellationToken);
            candidates.Add(candidate);
            if (candidate.Usable && selected is null)
            {
                selected = driver;
            }
        }
        return new StorageSelection(selected, candidates.ToImmutable(), Explain(wanted, selected, candidates));
    }

    private async Task<StorageCandidate> TryAsync(StorageDriver driver, string graphRoot, string runRoot, CancellationToken cancellationToken)
    {
        string? fuseOverlayfs = null;
        if (driver == StorageDriver.FuseOverlayfs)
        {
            fuseOverlayfs = FuseAvailability.FindProgram(fileSystem, Environment.GetEnvironmentVariable("PATH"));
            if (fuseOverlayfs is null)
            {
                return new StorageCandidate(driver, false, "fuse-overlayfs is not installed (no fuse-overlayfs on PATH)");
            }
            if (FuseAvailability.DeviceProblem(fileSystem) is string fuseProblem)
            {
                return new StorageCandidate(driver, false, fuseProblem);
            }
        }

        var scratchRoot = fileSystem.Path.Combine(graphRoot, ScratchFolder, driver.ToName());
        var scratchRun = fileSystem.Path.Combine(runRoot, ScratchFolder + "-" + driver.ToName());
        var configuration = new StorageConfiguration(driver, scratchRoot, scratchRun, fuseOverlayfs);
        try
        {
            // A run killed half-way leaves its scratch store (and a working container whose name the next run,
            // often PID 1 again, would reuse): start from nothing.
            TryDelete(fileSystem.Path.Combine(graphRoot, ScratchFolder));
            TryDelete(scratchRun);
            fileSystem.Directory.CreateDirectory(scratchRoot);
            var failure = await tester.TryAsync(configuration, cancellationToken);
            return failure is null
                ? new StorageCandidate(driver, true, Worked(driver, graphRoot), MountProgram: fuseOverlayfs)
                : new StorageCandidate(driver, false, failure, MountProgram: fuseOverlayfs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StorageCandidate(driver, false, $"cannot create {scratchRoot}: {e.Message}");
        }
        finally
        {
            TryDelete(fileSystem.Path.Combine(graphRoot, ScratchFolder));
            TryDelete(scratchRun);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            if (fileSystem.Directory.Exists(path))
            {
                fileSystem.Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A scratch store left behind costs a few kilobytes; it never decides anything.
        }
    }

    private static string Worked(StorageDriver driver, string graphRoot) => driver == StorageDriver.Vfs
        ? $"wrote a file in a scratch store under {graphRoot}"
        : $"mounted {driver.ToName()} on a scratch store under {graphRoot} and wrote a file through the mount";

    private static string Explain(StorageDriver? wanted, StorageDriver? selected, IEnumerable<StorageCandidate> candidates)
    {
        if (selected is null)
        {
            return "no storage driver works here: " + string.Join("; ", candidates.Select(c => $"{c.Driver.ToName()}: {c.Reason}"));
        }
        var chosen = candidates.First(c => c.Driver == selected);
        if (wanted is not null)
        {
            return $"using {selected.Value.ToName()} as asked: {chosen.Reason}";
        }
        var skipped = candidates.TakeWhile(c => c.Driver != selected).Select(c => $"{c.Driver.ToName()} does not work ({c.Reason})");
        var before = string.Join("; ", skipped);
        return $"auto picked {selected.Value.ToName()}: {(before.Length > 0 ? before + "; " : "")}{chosen.Reason}";
    }
}
