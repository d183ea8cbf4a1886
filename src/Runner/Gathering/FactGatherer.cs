using System.IO.Abstractions;
using BuildRunner.Host;
using BuildRunner.Identity;
using BuildRunner.Planning;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Gathering;

/// <summary>
/// Reads every fact the planner needs from the pod: the setting sources, <c>/proc/self</c>, the seccomp preflight,
/// the identity files and newuidmap/newgidmap, the context, how many images the store holds, what decides the
/// storage drivers with the verdict an earlier probe left in the storage root, and whether buildah's blob-info cache
/// can be written. Reads only; the one fact that needs
/// acting first (the storage probe) is a step of the plan (<see cref="Execution.PlanExecutor"/>).
/// </summary>
public sealed class FactGatherer(IFileSystem fileSystem, string procSelf, Func<string, string?> variable, Func<string, long?> ownerOf)
{
    /// <summary>A gatherer that asks the kernel for file owners.</summary>
    public FactGatherer(IFileSystem fileSystem, string procSelf, Func<string, string?> variable)
        : this(fileSystem, procSelf, variable, Posix.FileOwnership.OwnerOf)
    {
    }

    /// <summary>Reads and resolves every setting source.</summary>
    public GatheredSettings GatherSettings(SettingInputs inputs) => new SettingsGatherer(fileSystem).Gather(inputs);

    /// <summary>
    /// Reads everything but storage. The hermetic trial (namespaces made in a child process) is made when the build is
    /// hermetic, or when <paramref name="tryHermetic"/> asks (doctor says whether hermetic builds work either way).
    /// </summary>
    public async Task<Facts> GatherAsync(GatheredSettings gathered, string workDirectory, ResultFiles resultFiles, CancellationToken cancellationToken,
        bool tryHermetic = false)
    {
        ArgumentNullException.ThrowIfNull(gathered);
        var settings = BuildSettings.From(gathered.Resolved);
        var host = new HostProbe(fileSystem, procSelf).Read();
        var context = ReadContext(settings);
        if (settings.Hermetic && context.ContainerfileExists)
        {
            context = context with { ContainerfileText = ReadContainerfile(context) };
        }
        return new Facts
        {
            Gathered = gathered,
            Host = host,
            Seccomp = await new SeccompProbe(fileSystem, procSelf).ProbeAsync(cancellationToken),
            Identity = ReadIdentity(host.Credentials),
            Context = context,
            BuildContexts = [.. settings.BuildContexts.Select(ReadBuildContext)],
            Hermetic = settings.Hermetic || tryHermetic ? await TryHermeticAsync(host, cancellationToken) : HermeticFacts.NotTried,
            Secrets = ReadSecrets(settings),
            ImageStore = new ImageStoreReader(fileSystem).Read(settings.StorageRoot),
            SharedStores = new SharedStoreReader(fileSystem, ownerOf).Read(settings.ImageStores),
            WorkDirectory = workDirectory,
            ResultFiles = resultFiles,
            StorageHost = new StorageHostReader(fileSystem, variable).Read(settings.StorageRoot),
            StorageMemo = new ProbeMemoFile(fileSystem).Read(settings.StorageRoot),
            Cpu = new CpuAllowanceReader(fileSystem, procSelf).Read(),
            BlobInfoCache = new BlobInfoCacheReader(fileSystem).Read(),
        };
    }

    // buildah's own search order when no Containerfile is named.
    private static readonly string[] DefaultNames = ["Containerfile", "Dockerfile"];

    // The trial keeps what the pod's bounding set holds; the build keeps the plan's set, never more.
    private static async Task<HermeticFacts> TryHermeticAsync(HostFacts host, CancellationToken cancellationToken)
    {
        var runner = Environment.ProcessPath ?? "/proc/self/exe";
        var launcher = new NetworkNamespaceLauncher(runner, host.UserNamespace.UidMap, host.UserNamespace.GidMap);
        return new HermeticFacts(runner, await new HermeticProbe(launcher, host.Credentials.Bounding).TryAsync(cancellationToken));
    }

    private string? ReadContainerfile(ContextFacts context)
    {
        var path = context.Containerfile
            ?? DefaultNames.Select(n => fileSystem.Path.Combine(context.Directory, n)).FirstOrDefault(fileSystem.File.Exists);
        try
        {
            return path is null ? null : fileSystem.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private IdentityFacts ReadIdentity(ProcessCredentials credentials)
    {
        string Text(string path) => fileSystem.File.Exists(path) ? fileSystem.File.ReadAllText(path) : "";
        var subIds = new SubIdWriter(fileSystem);
        var files = new IdentityFiles(
            Text(IdentityFiles.PasswdPath),
            Text(IdentityFiles.GroupPath),
            subIds.Read(IdentityFiles.SubUidPath),
            subIds.Read(IdentityFiles.SubGidPath));
        var (newUidMap, newGidMap) = new NewIdMapProbe(fileSystem, credentials).ProbeBoth();
        var home = variable("HOME") is { Length: > 0 } h ? h : "/tmp";
        return new IdentityFacts(files, CanWrite(IdentityFiles.SubUidPath) && CanWrite(IdentityFiles.SubGidPath), newUidMap, newGidMap, home);
    }

    // A relative Containerfile is relative to the context, as buildah's --file is.
    private ContextFacts ReadContext(BuildSettings settings)
    {
        var context = fileSystem.Path.GetFullPath(settings.Context);
        if (settings.File is string file)
        {
            var containerfile = fileSystem.Path.IsPathRooted(file) ? file : fileSystem.Path.Combine(context, file);
            return new ContextFacts(context, fileSystem.Directory.Exists(context), containerfile, fileSystem.File.Exists(containerfile))
            {
                IsFile = fileSystem.File.Exists(context),
            };
        }
        var found = fileSystem.File.Exists(fileSystem.Path.Combine(context, "Containerfile"))
            || fileSystem.File.Exists(fileSystem.Path.Combine(context, "Dockerfile"));
        return new ContextFacts(context, fileSystem.Directory.Exists(context), null, found) { IsFile = fileSystem.File.Exists(context) };
    }

    // Read to hide the values, and so the planner can name an auth file or secret that cannot be read.
    private SecretFacts ReadSecrets(BuildSettings settings)
    {
        var files = settings.Secrets.Select(secret =>
        {
            var path = fileSystem.Path.GetFullPath(secret.Source);
            var (content, error) = ReadSecret(path);
            return new SecretFileFacts(secret, path, content, error);
        });
        var (auth, authError) = settings.AuthFile is string authFile ? ReadSecret(fileSystem.Path.GetFullPath(authFile)) : (null, null);
        var (buildArgs, buildArgsError) = settings.BuildArgsFile is string argsFile ? ReadSecret(fileSystem.Path.GetFullPath(argsFile)) : (null, null);
        return new SecretFacts([.. files], auth) { AuthFileError = authError, BuildArgsFileContent = buildArgs, BuildArgsFileError = buildArgsError };
    }

    // A relative folder is taken from the working directory, as the context is; an image or URL is buildah's to fetch.
    private BuildContextFacts ReadBuildContext(KeyValuePair<string, string> named)
    {
        if (BuildContextFacts.IsRemote(named.Value))
        {
            return new BuildContextFacts(named.Key, named.Value, null, true);
        }
        var directory = fileSystem.Path.GetFullPath(named.Value);
        return new BuildContextFacts(named.Key, named.Value, directory, fileSystem.Directory.Exists(directory));
    }

    private (string? Content, string? Error) ReadSecret(string path)
    {
        if (!fileSystem.File.Exists(path))
        {
            return (null, fileSystem.Directory.Exists(path) ? "it is a folder, not a file" : "the file does not exist");
        }
        try
        {
            return (fileSystem.File.ReadAllText(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
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
