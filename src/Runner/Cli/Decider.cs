using System.IO.Abstractions;
using BuildRunner.Host;
using BuildRunner.Identity;
using BuildRunner.Planning;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Cli;

/// <summary>
/// Gathers the facts (settings sources, /proc, identity files, newuidmap, storage probe) and hands them to the
/// pure planners. The one path both <c>doctor</c> and <c>build</c> take, so they cannot disagree.
/// </summary>
public sealed class Decider(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Reads and resolves every setting source.</summary>
    public GatheredSettings GatherSettings(ParsedArguments arguments) =>
        new SettingsGatherer(fileSystem).Gather(environment.SettingInputs(arguments));

    /// <summary>
    /// Decides everything but storage (which needs buildah, started with the decided capabilities). The seccomp
    /// preflight runs here, before any buildah call, so a refusal is never mistaken for a storage problem.
    /// </summary>
    public async Task<Decision> DecideAsync(GatheredSettings gathered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gathered);
        var settings = BuildSettings.From(gathered.Resolved);
        var host = new HostProbe(fileSystem, environment.ProcSelf).Read();
        var request = UserNamespaceRequest.From(gathered.PodAnnotations, settings.RequireUserNamespace);
        var privileges = PrivilegePlanner.Plan(host, request);
        var problems = privileges.Problems.ToBuilder();
        var seccomp = await new SeccompProbe(fileSystem, environment.ProcSelf).ProbeAsync(cancellationToken);
        problems.AddRange(SeccompPlanner.Problems(seccomp, privileges.Missing.IsEmpty));

        RootlessSetup? rootless = null;
        NewIdMapVerdict? newIdMap = null;
        if (privileges.Mode == IdentityMode.NonRootUser)
        {
            var files = ReadIdentityFiles();
            var home = environment.Variable("HOME") is { Length: > 0 } h ? h : "/tmp";
            rootless = RootlessSetup.Plan(host.UserNamespace, host.Credentials.EffectiveUid, host.Credentials.EffectiveGid, home, files);
            var (uidTool, gidTool) = new NewIdMapProbe(fileSystem, host.Credentials).ProbeBoth();
            newIdMap = NewIdMapCheck.Evaluate(uidTool, gidTool);
            var writable = CanWrite(IdentityFiles.SubUidPath) && CanWrite(IdentityFiles.SubGidPath);
            problems.AddRange(IdentityPlanner.Problems(rootless, files, writable, newIdMap));
        }

        return new Decision
        {
            Gathered = gathered,
            Settings = settings,
            Host = host,
            Request = request,
            Privileges = privileges,
            Seccomp = seccomp,
            Rootless = rootless,
            NewIdMap = newIdMap,
            Problems = [.. problems.OrderByDescending(p => p.Blocking)],
        };
    }

    /// <summary>Adds the storage probe's choice (and, when nothing works, a blocking problem).</summary>
    public async Task<Decision> WithStorageAsync(Decision decision, IStoreTester tester, string runRoot, bool probeAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Problems.Any(p => p.Blocking && p.Code is SeccompPlanner.RefusedCode or SeccompPlanner.NamespacesRefusedCode))
        {
            // Every driver would fail for the same reason, and its message would blame storage.
            return decision;
        }
        var settings = decision.Settings;
        try
        {
            fileSystem.Directory.CreateDirectory(settings.StorageRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return decision with
            {
                Problems = decision.Problems.Add(new Problem("storage-root-unwritable",
                    $"creating the storage root \"{settings.StorageRoot}\": {e.Message}",
                    $"mount a writable volume (an emptyDir) at {settings.StorageRoot}, or point {SettingsCatalog.StorageRoot.AnnotationKey} at one",
                    true, ExitCodes.StorageUnusable)),
            };
        }
        var probe = new StorageProbe(fileSystem, tester);
        var selection = await probe.SelectAsync(StorageDriverNames.Parse(settings.StorageDriver), settings.StorageRoot, runRoot, probeAll, cancellationToken);
        var problems = decision.Problems;
        if (selection.Selected is null)
        {
            problems = problems.Add(new Problem("storage-unusable", selection.Explanation,
                "mount an emptyDir at the storage root (native overlay does not work over the container's own overlay root), give the pod /dev/fuse for fuse-overlayfs, or ask for vfs",
                true, ExitCodes.StorageUnusable));
        }
        else if (selection.Selected == StorageDriver.Vfs && StorageDriverNames.Parse(settings.StorageDriver) is null)
        {
            problems = problems.Add(new Problem("storage-slow", selection.Explanation,
                "put the storage root on an emptyDir or tmpfs volume so native overlay works; vfs copies every layer",
                false, ExitCodes.StorageUnusable));
        }
        return decision with { Storage = selection, Problems = [.. problems.OrderByDescending(p => p.Blocking)] };
    }

    private IdentityFiles ReadIdentityFiles()
    {
        string Text(string path) => fileSystem.File.Exists(path) ? fileSystem.File.ReadAllText(path) : "";
        var subIds = new SubIdWriter(fileSystem);
        return new IdentityFiles(
            Text(IdentityFiles.PasswdPath),
            Text(IdentityFiles.GroupPath),
            subIds.Read(IdentityFiles.SubUidPath),
            subIds.Read(IdentityFiles.SubGidPath));
    }

    // Opening for writing without truncating changes nothing, and answers for this process's real credentials.
    private bool CanWrite(string path)
    {
        try
        {
            using var stream = fileSystem.File.Open(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
