using System.Collections.Immutable;
using BuildRunner.Buildah;
using BuildRunner.Host;
using BuildRunner.Identity;
using BuildRunner.Secrets;
using BuildRunner.Settings;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// Turns <see cref="Facts"/> into the complete <see cref="BuildPlan"/>. Pure: no file, process or clock is touched,
/// so the same facts always give the same plan, and <c>doctor</c> and <c>build</c> cannot disagree.
/// </summary>
public static class Planner
{
    /// <summary>The storage.conf the runner writes, inside the work folder.</summary>
    public const string StorageConfName = "storage.conf";

    /// <summary>The home folder buildah gets, inside the work folder, when registry certificates are to be trusted.</summary>
    public const string BuildahHomeName = "buildah-home";

    /// <summary>
    /// Makes the plan for <paramref name="facts"/>: a build, or with <paramref name="prefetch"/> the pulls that fill
    /// the store under the storage root (the same identity, privileges and storage; no context, no push).
    /// </summary>
    public static BuildPlan Plan(Facts facts, PrefetchRequest? prefetch = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var settings = BuildSettings.From(facts.Gathered.Resolved);
        var host = facts.Host;
        var request = UserNamespaceRequest.From(facts.Gathered.PodAnnotations, settings.RequireUserNamespace);
        var privileges = PrivilegePlanner.Plan(host, request);
        var problems = privileges.Problems.ToBuilder();
        problems.AddRange(SeccompPlanner.Problems(facts.Seccomp, privileges.Missing.IsEmpty));

        RootlessSetup? rootless = null;
        NewIdMapVerdict? newIdMap = null;
        if (privileges.Mode == IdentityMode.NonRootUser)
        {
            var identity = facts.Identity;
            rootless = RootlessSetup.Plan(host.UserNamespace, host.Credentials.EffectiveUid, host.Credentials.EffectiveGid, identity.Home, identity.Files);
            newIdMap = NewIdMapCheck.Evaluate(identity.NewUidMap, identity.NewGidMap);
            problems.AddRange(IdentityPlanner.Problems(rootless, identity.Files, identity.SubIdFilesWritable, newIdMap));
        }

        if (prefetch is null)
        {
            problems.AddRange(ContextProblems(facts.Context));
            problems.AddRange(SecretProblems(facts.Secrets));
        }
        else if (prefetch.Images.IsEmpty)
        {
            problems.Add(FailureCatalog.Usage.Blocks("nothing to prefetch: no image is named", "name the images to put into the store: build-runner prefetch --storage-root DIR IMAGE..."));
        }
        problems.AddRange(AuthFileProblems(settings, facts.Secrets));
        problems.AddRange(BuildContextProblems(facts.BuildContexts));
        settings = WithBuildArgsFile(settings, facts.Secrets, problems);
        settings = settings with { BuildContexts = [.. facts.BuildContexts.Select(c => KeyValuePair.Create(c.Name, c.Argument))] };
        var secretMask = SecretValues.Collect(settings, facts.Secrets);
        if (prefetch is null && settings.Push && settings.OutputImages.IsEmpty)
        {
            problems.Add(FailureCatalog.NoOutputImage.Blocks("nothing to push: no output image is set",
                $"set the annotation {SettingsCatalog.OutputImage.AnnotationKey} (or --tag IMAGE), or turn pushing off with --no-push"));
        }

        var storageRequest = new StorageRequest(settings.StorageDriver, settings.StorageRoot, Path.Combine(facts.WorkDirectory, "run"));
        var probeKey = ProbeMemoPlanner.Key(facts, settings, privileges, rootless);
        facts = ProbeMemoPlanner.Remembered(facts, probeKey, BuildPlan.AllowsStorageStep(problems));
        var storage = facts.Storage is { } found ? Storage(found, storageRequest, problems) : null;
        ImmutableArray<SharedStoreVerdict> sharedStores = storage is null || prefetch is not null ? [] : SharedStorePlanner.Decide(facts.SharedStores, storage.Driver);
        problems.AddRange(SharedStorePlanner.Problems(sharedStores));
        storage = storage is null ? null : storage with { ImageStores = [.. sharedStores.Where(v => v.Used).Select(v => v.Store.Path)] };
        var storageConf = Path.Combine(facts.WorkDirectory, StorageConfName);
        // A hermetic build reaches no registry from inside, so no layer cache either.
        var layers = storage is null ? null : LayersPlanner.Decide(settings.Hermetic ? settings with { CacheRepo = null } : settings, facts.ImageStore, storage.Driver);
        problems.AddRange(HermeticProblems(settings, facts));
        var blobInfoCache = BlobInfoCachePlan.For(privileges.Mode, settings.StorageRoot, facts.BlobInfoCache);
        problems.AddRange(BlobInfoCachePlan.Problems(blobInfoCache, facts.BlobInfoCache, settings.Push && prefetch is null));

        return new BuildPlan
        {
            Facts = facts,
            Settings = settings,
            Request = request,
            Privileges = privileges,
            Rootless = rootless,
            NewIdMap = newIdMap,
            StorageRequest = storageRequest,
            ProbeKey = probeKey,
            Storage = storage,
            StorageConfPath = storageConf,
            BuildahHome = BuildahHome(settings, facts),
            Layers = layers,
            SharedStores = sharedStores,
            BlobInfoCache = blobInfoCache,
            Steps = storage is null ? []
                : prefetch is not null ? PullSteps(settings, prefetch, storage, storageConf, blobInfoCache, secretMask)
                : layers is null ? [] : Steps(settings, layers, facts, storage, storageConf, blobInfoCache, secretMask),
            AlreadyInStore = storage is null || prefetch is null ? [] : [.. prefetch.Images.Where(i => prefetch.Holds(i, storage.Driver))],
            SecretMask = secretMask,
            Problems = [.. problems.OrderByDescending(p => p.Blocking)],
        };
    }

    private static string? BuildahHome(BuildSettings settings, Facts facts) =>
        settings.RegistryCerts is null ? null : Path.Combine(facts.WorkDirectory, BuildahHomeName);

    private static IEnumerable<Problem> ContextProblems(ContextFacts context)
    {
        if (context.IsFile)
        {
            yield return FailureCatalog.ContextMissing.Blocks($"reading the build context \"{context.Directory}\": it is a file, not a folder",
                $"set {SettingsCatalog.Context.AnnotationKey} (--context) to the folder that holds the sources, and {SettingsCatalog.File.AnnotationKey} (--file) to the Containerfile");
        }
        else if (!context.DirectoryExists)
        {
            yield return FailureCatalog.ContextMissing.Blocks($"reading the build context \"{context.Directory}\": the folder does not exist",
                $"mount or clone the context there, or set {SettingsCatalog.Context.AnnotationKey} (--context) to the folder that holds it");
        }
        else if (context.Containerfile is string file && !context.ContainerfileExists)
        {
            yield return FailureCatalog.ContainerfileMissing.Blocks($"reading the Containerfile \"{file}\": the file does not exist",
                $"set {SettingsCatalog.File.AnnotationKey} (--file) to a path relative to the context ({context.Directory}) or an absolute path");
        }
        else if (!context.ContainerfileExists)
        {
            yield return FailureCatalog.ContainerfileMissing.Blocks($"reading the build context \"{context.Directory}\": it holds neither a Containerfile nor a Dockerfile",
                $"add one, or set {SettingsCatalog.File.AnnotationKey} (--file) to the file to build");
        }
    }

    // The file's arguments go under the explicit ones; a file that cannot be used stops the build before buildah runs,
    // since a build missing an argument would still succeed and push a wrong image.
    private static BuildSettings WithBuildArgsFile(BuildSettings settings, SecretFacts secrets, ImmutableArray<Problem>.Builder problems)
    {
        if (settings.BuildArgsFile is not string path)
        {
            return settings;
        }
        var fix = $"mount the file (a Secret or ConfigMap volume) at {path}, or correct {SettingsCatalog.BuildArgsFile.AnnotationKey} (--build-args-file); write one NAME=VALUE per line";
        if (secrets.BuildArgsFileContent is not string content)
        {
            problems.Add(FailureCatalog.BuildArgsFileInvalid.Blocks($"reading the build arguments file \"{path}\": {secrets.BuildArgsFileError ?? "it cannot be read"}", fix));
            return settings;
        }
        if (!BuildArgsFile.TryParse(content, out var fromFile, out var problem))
        {
            problems.Add(FailureCatalog.BuildArgsFileInvalid.Blocks($"reading the build arguments file \"{path}\": {problem}", fix));
            return settings;
        }
        return settings with { BuildArgs = BuildArgsFile.Merge(fromFile, settings.BuildArgs) };
    }

    private static IEnumerable<Problem> BuildContextProblems(ImmutableArray<BuildContextFacts> contexts) =>
        contexts.Where(c => !c.DirectoryExists).Select(c => FailureCatalog.BuildContextMissing.Blocks(
            $"reading the build context \"{c.Name}\" at \"{c.Directory}\": the folder does not exist",
            $"mount or clone that context there, or correct {c.Name}={c.Value} in {SettingsCatalog.BuildContexts.AnnotationKey} (--build-context NAME=PATH)"));

    // buildah would stop with "could not parse secrets" only after the storage step; say which file and how to mount it.
    // buildah would only say so when it first needs a credential, after the build; and a file that is not JSON
    // is named here without a word of its content, which holds secrets.
    private static IEnumerable<Problem> AuthFileProblems(BuildSettings settings, SecretFacts secrets)
    {
        if (settings.AuthFile is not string authFile)
        {
            yield break;
        }
        const string fix = "mount the registry credentials (a kubernetes.io/dockerconfigjson Secret: its .dockerconfigjson key) and point --authfile at that file";
        if (secrets.AuthFileError is string error)
        {
            yield return FailureCatalog.AuthFileInvalid.Blocks($"reading the registry credentials file \"{authFile}\": {error}", fix);
        }
        else if (secrets.AuthFileContent is string content && AuthFileShape.Problem(content) is string shape)
        {
            yield return FailureCatalog.AuthFileInvalid.Blocks($"reading the registry credentials file \"{authFile}\": {shape}", fix);
        }
    }

    private static IEnumerable<Problem> SecretProblems(SecretFacts secrets) =>
        secrets.Files.Where(f => f.Content is null).Select(f => FailureCatalog.SecretMissing.Blocks(
            $"reading the build secret \"{f.Secret.Id}\" from \"{f.Path}\": {f.Error}",
            $"mount the Secret (a secret volume) so the file is at {f.Path}, or correct src= for id={f.Secret.Id} in {SettingsCatalog.Secrets.AnnotationKey} (--secret)"));

    private static StorageConfiguration? Storage(StorageFacts found, StorageRequest request, ImmutableArray<Problem>.Builder problems)
    {
        if (found.RootError is not null || found.Selection is null)
        {
            problems.Add(FailureCatalog.StorageRootUnwritable.Blocks($"creating the storage root \"{request.GraphRoot}\": {found.RootError}",
                $"mount a writable volume (an emptyDir) at {request.GraphRoot}, or point {SettingsCatalog.StorageRoot.AnnotationKey} at one"));
            return null;
        }
        var selection = found.Selection;
        if (selection.Selected is not StorageDriver driver)
        {
            problems.Add(FailureCatalog.StorageUnusable.Blocks(selection.Explanation,
                "mount an emptyDir at the storage root (native overlay does not work over the container's own overlay root), give the pod /dev/fuse for fuse-overlayfs, or ask for vfs"));
            return null;
        }
        if (driver == StorageDriver.Vfs && request.Wanted is null)
        {
            problems.Add(FailureCatalog.StorageSlow.Warns(selection.Explanation,
                "put the storage root on an emptyDir or tmpfs volume so native overlay works; vfs copies every layer"));
        }
        var mountProgram = selection.Candidates.First(c => c.Driver == driver).MountProgram;
        return new StorageConfiguration(driver, request.GraphRoot, request.RunRoot, mountProgram);
    }

    private static IEnumerable<Problem> HermeticProblems(BuildSettings settings, Facts facts)
    {
        var trial = facts.Hermetic.Trial;
        if (settings.Hermetic && !trial.Succeeded)
        {
            yield return FailureCatalog.HermeticUnavailable.Blocks(
                $"making the hermetic build's network namespace: {trial.Detail}",
                $"run the build as root of the pod's user namespace (hostUsers: false) with CAP_SETUID, CAP_SETGID and CAP_SETFCAP, a seccomp profile that allows unshare (deploy/seccomp/build-runner.json) and util-linux's unshare in the image; or set {SettingsCatalog.Hermetic.AnnotationKey} to false");
        }
    }

    /// <summary>How many stages buildah builds at once, and why: the setting, else the CPUs the pod may use.</summary>
    public static CpuAllowance Jobs(BuildSettings settings, Facts facts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(facts);
        return settings.Jobs is int jobs
            ? new CpuAllowance(jobs, $"the setting {SettingsCatalog.Jobs.AnnotationKey} ({facts.Gathered.Resolved[SettingsCatalog.Jobs].Source.ToName()})")
            : facts.Cpu;
    }

    // An image the store already holds is not pulled again unless the pull policy asks for it (always, newer).
    private static ImmutableArray<BuildahStep> PullSteps(BuildSettings settings, PrefetchRequest prefetch, StorageConfiguration storage, string storageConf,
        BlobInfoCachePlan blobInfoCache, SecretMask secretMask)
    {
        var environment = BuildahEnvironment.For(storageConf, blobInfoCache.DataHome);
        var store = StoreArguments.For(storage);
        var refresh = settings.PullPolicy is PullPolicy.Always or PullPolicy.Newer;
        return [.. prefetch.Images.Distinct(StringComparer.Ordinal).Where(i => refresh || !prefetch.Holds(i, storage.Driver)).Select(image =>
            new BuildahStep(BuildahStepKind.Pull, image,
                new BuildahInvocation([.. store, .. BuildahArguments.Pull(settings, image)], environment, $"pulling {image} into the store", []) { Mask = secretMask },
                ""))];
    }

    private static ImmutableArray<BuildahStep> Steps(BuildSettings settings, LayersDecision layers, Facts facts, StorageConfiguration storage, string storageConf,
        BlobInfoCachePlan blobInfoCache, SecretMask secretMask)
    {
        var environment = BuildahEnvironment.WithHome(BuildahEnvironment.For(storageConf, blobInfoCache.DataHome, settings.Proxy), BuildahHome(settings, facts));
        var store = StoreArguments.For(storage);
        ImmutableArray<string> secrets = [.. settings.BuildArgs.Select(a => a.Value)];
        var iidFile = Path.Combine(facts.WorkDirectory, "image-id");
        var steps = ImmutableArray.CreateBuilder<BuildahStep>();
        // Hermetic: every base image is pulled first, with the network; buildah then never pulls (it has no network),
        // and reuses no layer an earlier build left in a kept store (that build may have had the network).
        var budSettings = settings.Hermetic ? settings with { PullPolicy = PullPolicy.Never, NoCache = true } : settings;
        var isolation = settings.Hermetic
            ? new NetworkNamespaceLauncher(facts.Hermetic.RunnerPath, facts.Host.UserNamespace.UidMap, facts.Host.UserNamespace.GidMap)
            : null;
        if (settings.Hermetic && settings.PullPolicy != PullPolicy.Never)
        {
            foreach (var image in BaseImages.Of(facts.Context.ContainerfileText ?? "", settings.BuildArgs))
            {
                steps.Add(new BuildahStep(BuildahStepKind.Pull, image,
                    new BuildahInvocation([.. store, .. BuildahArguments.Pull(settings, image)], environment, $"pulling the base image {image}", secrets) { Mask = secretMask },
                    ""));
            }
        }
        BuildahInvocation Build(LayerCache? cache, string purpose) =>
            new([.. store, .. BuildahArguments.Bud(budSettings, layers.Enabled, cache, facts.Context.Directory, facts.Context.Containerfile, iidFile, Jobs(settings, facts).Count)],
                environment, settings.Hermetic ? purpose + " without network (hermetic)" : purpose, secrets) { Mask = secretMask, Isolation = isolation };
        steps.Add(new BuildahStep(BuildahStepKind.Build, null, Build(layers.Cache, "building the image"), iidFile)
        {
            // Only writing the cache can fail a build (buildah 1.28 goes on when it cannot read it).
            WithoutCache = layers.Cache is { Push: true } ? Build(null, "building the image without the layer cache") : null,
        });
        if (settings.Push)
        {
            for (var i = 0; i < settings.OutputImages.Length; i++)
            {
                var image = settings.OutputImages[i];
                var digestFile = Path.Combine(facts.WorkDirectory, $"digest-{i}");
                var sizeWanted = i == 0 && (settings.ImageSizeFile is not null || facts.ResultFiles.Result is not null);
                steps.Add(new BuildahStep(BuildahStepKind.Push, image,
                    new BuildahInvocation([.. store, .. BuildahArguments.Push(settings, image, digestFile)], environment, $"pushing {image}", []) { Mask = secretMask },
                    digestFile)
                {
                    ReadBack = sizeWanted ? new ManifestReadBack(store, environment, settings, image) : null,
                });
            }
        }
        return steps.ToImmutable();
    }
}
