using System.Collections.Immutable;
using System.Text.RegularExpressions;
using BuildRunner.Cli;
using BuildRunner.Planning;
using BuildRunner.Settings;
using k8s.Models;

namespace BuildRunner.Tests.Deploy;

/// <summary>
/// Where the manifests and the runner's code must say the same thing, and every place they do not, each named with its
/// file, object, container and field: the core objects read as the client's model types; annotation keys and flags that
/// the settings catalog and the command options know; the capabilities the planner requires; the seccomp profile the
/// preflight's fix names; the annotations where the runner reads them by default; storage on an emptyDir at the storage
/// root; each platform's result files written by the result-file setting that produces their content.
/// </summary>
public static partial class ManifestAgreement
{
    /// <summary>The setting whose file holds each platform result's content.</summary>
    public static readonly ImmutableDictionary<string, string> ResultSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Tekton's image-building convention (and Tekton Chains'): the digest, and the image by digest.
        ["IMAGE_DIGEST"] = "digest-file",
        ["IMAGE_URL"] = "image-ref-file",
        ["IMAGE_REF"] = "image-ref-file",
        // Shipwright's results for strategies that push themselves.
        ["shp-image-digest"] = "digest-file",
        ["shp-image-size"] = "image-size-file",
    }.ToImmutableDictionary();

    /// <summary>The CRI-O annotation that gives a pod a user namespace where the manifest cannot set hostUsers.</summary>
    public const string CrioUserNamespaceAnnotation = "io.kubernetes.cri-o.userns-mode";

    /// <summary>The cluster defaults and overrides ConfigMap (deploy/cluster-config.yaml).</summary>
    public const string ClusterConfigMap = "build-runner-cluster";

    /// <summary>Every disagreement between <paramref name="documents"/> and the code; empty when they agree.</summary>
    public static IReadOnlyList<string> Check(IEnumerable<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new List<string>();
        foreach (var document in documents)
        {
            if (Manifests.CoreType(document) is { } type)
            {
                try
                {
                    Manifests.As(type, document.Tree);
                }
                catch (YamlDotNet.Core.YamlException e)
                {
                    problems.Add($"{document}: does not read as the client's {type.Name}: {e.Message} {e.InnerException?.Message}".TrimEnd());
                    continue;
                }
            }
            if (document is { ApiVersion: "v1", Kind: "ConfigMap", Name: ClusterConfigMap })
            {
                problems.AddRange(ClusterConfig(document));
            }
            IReadOnlyList<BuildStep> steps;
            try
            {
                steps = BuildStep.Of(document);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                problems.Add($"{document}: a container, volume or security context does not read as the client's type: {e.Message} {e.InnerException?.Message}".TrimEnd());
                continue;
            }
            foreach (var step in steps)
            {
                problems.AddRange(Step(step));
            }
            if (steps.Count == 0)
            {
                // Any other object's build-runner/ annotations (an OpenShift BuildConfig's reach the runner through BUILD).
                var keys = document.Tree["metadata"]?["annotations"]?.AsObject().Select(p => p.Key) ?? [];
                problems.AddRange(UnknownAnnotationKeys(keys).Select(k => $"{document}: the annotation {k} is no setting of the runner"));
            }
        }
        return problems;
    }

    private static IEnumerable<string> ClusterConfig(ManifestDocument document)
    {
        var map = Manifests.As<V1ConfigMap>(document.Tree);
        foreach (var key in new[] { "defaults", "overrides" })
        {
            if (map.Data?.TryGetValue(key, out var text) != true)
            {
                yield return $"{document}: data.{key} is missing (the pods mount it at /etc/build-runner/{key})";
                continue;
            }
            IReadOnlyDictionary<string, string> values;
            string? error = null;
            try
            {
                values = AnnotationsFile.Parse(text!, $"data.{key}");
            }
            catch (RunnerException e)
            {
                values = new Dictionary<string, string>();
                error = e.Message;
            }
            if (error is not null)
            {
                yield return $"{document}: data.{key} is not in the annotations file format: {error}";
            }
            foreach (var unknown in UnknownAnnotationKeys(values.Keys))
            {
                yield return $"{document}: data.{key} sets {unknown}, which is no setting of the runner";
            }
        }
    }

    private static IEnumerable<string> Step(BuildStep step)
    {
        var context = step.Container.SecurityContext;
        var root = step.RunAsUser == 0;

        // Capabilities: drop ALL, add what the planner requires of this identity mode and nothing more.
        var drop = context?.Capabilities?.Drop ?? [];
        if (!drop.SequenceEqual(["ALL"]))
        {
            yield return $"{step}: securityContext.capabilities.drop is [{string.Join(", ", drop)}]; it must be [ALL]";
        }
        var add = (context?.Capabilities?.Add ?? []).Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c).ToHashSet(StringComparer.Ordinal);
        var required = (root ? PrivilegePlanner.RootRequired : PrivilegePlanner.NonRootRequired).Names();
        var allowed = PrivilegePlanner.RootRequired.Names();
        foreach (var missing in required.Where(c => !add.Contains(c)))
        {
            yield return $"{step}: securityContext.capabilities.add lacks {missing[4..]}, which the runner requires ({Identity(root)})";
        }
        foreach (var extra in add.Where(c => !allowed.Contains(c)).Order(StringComparer.Ordinal))
        {
            yield return $"{step}: securityContext.capabilities.add has {extra[4..]}, which the runner does not need (it needs {string.Join(", ", allowed.Select(c => c[4..]))})";
        }
        if (context?.Privileged == true)
        {
            yield return $"{step}: securityContext.privileged is true; the runner needs no privileged container";
        }

        // Privilege escalation and the root filesystem: what each identity mode needs.
        if (root && context?.AllowPrivilegeEscalation != false)
        {
            yield return $"{step}: securityContext.allowPrivilegeEscalation must be false as root of the user namespace (nothing gains privileges at exec)";
        }
        if (!root && context?.AllowPrivilegeEscalation != true)
        {
            yield return $"{step}: securityContext.allowPrivilegeEscalation must be true for a non-root build user (newuidmap gains its capabilities at exec)";
        }
        if (root && context?.ReadOnlyRootFilesystem != true)
        {
            yield return $"{step}: securityContext.readOnlyRootFilesystem must be true as root of the user namespace";
        }

        // Seccomp: the profile the preflight's fix names.
        var profile = context?.SeccompProfile ?? step.PodSecurityContext?.SeccompProfile;
        if (profile is not { Type: "Localhost", LocalhostProfile: SeccompPlanner.ProfileName })
        {
            yield return $"{step}: the seccomp profile is {Describe(profile)}; the runner's fix names Localhost {SeccompPlanner.ProfileName}";
        }

        // The user namespace: hostUsers where the manifest can set it, CRI-O's annotation where it cannot.
        if (step.Platform == Platform.Kubernetes && step.HostUsers != false)
        {
            yield return $"{step}: the pod's hostUsers must be false (a user namespace of its own)";
        }
        if (step.Platform != Platform.Kubernetes
            && !(step.PodAnnotations.TryGetValue(CrioUserNamespaceAnnotation, out var mode) && mode.StartsWith("auto", StringComparison.Ordinal)))
        {
            yield return $"{step}: a {step.Platform} object cannot set hostUsers; its metadata.annotations must carry {CrioUserNamespaceAnnotation}: \"auto:size=65536\"";
        }

        // Annotation keys the pod gets.
        foreach (var unknown in UnknownAnnotationKeys(step.PodAnnotations.Keys))
        {
            yield return $"{step}: the annotation {unknown} is no setting of the runner";
        }

        // Flags.
        var flags = step.Words.SelectMany(w => FlagPattern().Matches(w).Select(m => m.Value)).ToList();
        foreach (var flag in flags.Distinct(StringComparer.Ordinal).Where(f => !IsBuildFlag(f)))
        {
            yield return $"{step}: {flag} is no flag of build-runner build";
        }
        if (!flags.Contains(CommandOptions.Annotations))
        {
            foreach (var problem in Mounted(step, CommandOptions.DefaultAnnotationsPath, "the annotations (a downwardAPI item of metadata.annotations)",
                v => v.DownwardAPI?.Items?.Where(i => i.FieldRef?.FieldPath == "metadata.annotations").Select(i => i.Path)))
            {
                yield return problem;
            }
        }
        if (step.Volumes.Any(v => v.ConfigMap?.Name == ClusterConfigMap))
        {
            foreach (var (flag, path) in new[] { (CommandOptions.Defaults, CommandOptions.DefaultDefaultsPath), (CommandOptions.Overrides, CommandOptions.DefaultOverridesPath) })
            {
                if (!flags.Contains(flag))
                {
                    foreach (var problem in Mounted(step, path, $"the cluster {flag[2..]} (ConfigMap {ClusterConfigMap})",
                        v => v.ConfigMap?.Name == ClusterConfigMap ? v.ConfigMap.Items?.Select(i => i.Path) ?? [] : null))
                    {
                        yield return problem;
                    }
                }
            }
        }

        // Storage: an emptyDir at the folder that holds the storage root.
        if (!flags.Contains(SettingsCatalog.StorageRoot.Flag))
        {
            var storageRoot = SettingsCatalog.StorageRoot.DefaultValue;
            var mount = (step.Container.VolumeMounts ?? []).Where(m => storageRoot.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
                .OrderByDescending(m => m.MountPath.Length).FirstOrDefault();
            var volume = step.Volumes.FirstOrDefault(v => v.Name == mount?.Name);
            if (volume?.EmptyDir is null)
            {
                yield return $"{step}: no emptyDir is mounted above the storage root {storageRoot} (native overlay does not work over the container's own overlay root)";
            }
        }

        // Results: each written by the setting that produces its content, at the path the platform gives.
        var text = string.Join("\n", step.Words);
        foreach (var result in step.Results)
        {
            if (!ResultSettings.TryGetValue(result, out var settingName))
            {
                yield return $"{step}: no runner setting writes the result {result}";
                continue;
            }
            if (SettingsCatalog.ByName(settingName) is not { } setting)
            {
                yield return $"{step}: the result {result} needs the runner's {settingName} setting, which the settings catalog does not have";
                continue;
            }
            var written = new Regex(Regex.Escape(setting.Flag) + @"(=|\s+)[""']?" + Regex.Escape($"$(results.{result}.path)"), RegexOptions.None, TimeSpan.FromSeconds(1));
            // Or copied, after the runner ends well, from a result the same setting writes (one flag, two platform names).
            var copied = new Regex(@"cp\s+[""']?\$\(results\.([A-Za-z0-9_-]+)\.path\)[""']?\s+[""']?" + Regex.Escape($"$(results.{result}.path)"), RegexOptions.None, TimeSpan.FromSeconds(1));
            var copiedFrom = copied.Match(text) is { Success: true } copy ? copy.Groups[1].Value : null;
            var copiedWell = copiedFrom is not null && ResultSettings.GetValueOrDefault(copiedFrom) == settingName
                && new Regex(Regex.Escape(setting.Flag) + @"(=|\s+)[""']?" + Regex.Escape($"$(results.{copiedFrom}.path)"), RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch(text);
            if (!written.IsMatch(text) && !copiedWell)
            {
                yield return $"{step}: the result {result} is not written by {setting.Flag} \"$(results.{result}.path)\"";
            }
        }
        foreach (var referenced in ResultReference().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            if (!step.Results.Contains(referenced))
            {
                yield return $"{step}: $(results.{referenced}.path) names a result the {step.Platform} object does not have";
            }
        }

        // Params: every reference declared (or one of the platform's own), arrays only as whole arrays, every param used.
        if (step.Platform != Platform.Kubernetes)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match reference in ParamReference().Matches(text + "\n" + step.Container.Image + "\n"
                + string.Join("\n", (step.Container.Env ?? []).Select(e => e.Value)) + "\n" + step.Container.WorkingDir))
            {
                var name = reference.Groups[1].Value;
                var whole = reference.Groups[2].Success;
                used.Add(name);
                if (!step.Params.TryGetValue(name, out var type))
                {
                    if (!(step.Platform == Platform.Shipwright && name.StartsWith("shp-", StringComparison.Ordinal)))
                    {
                        yield return $"{step}: {reference.Value} names a param the {step.Platform} object does not declare";
                    }
                }
                else if ((type == "array") != whole)
                {
                    yield return $"{step}: {reference.Value} uses the {type} param {name} as {(whole ? "an array" : "a string")}";
                }
            }
            foreach (var unused in step.Params.Keys.Where(p => !used.Contains(p)).Order(StringComparer.Ordinal))
            {
                yield return $"{step}: the param {unused} is declared and never used";
            }
        }
    }

    /// <summary>Problems with <paramref name="path"/> not being a file of a volume that <paramref name="files"/> says holds it.</summary>
    private static IEnumerable<string> Mounted(BuildStep step, string path, string what, Func<V1Volume, IEnumerable<string>?> files)
    {
        var found = (step.Container.VolumeMounts ?? [])
            .SelectMany(m => step.Volumes.Where(v => v.Name == m.Name).SelectMany(v => files(v) ?? []).Select(f => m.MountPath.TrimEnd('/') + "/" + f))
            .ToList();
        if (!found.Contains(path))
        {
            yield return found.Count == 0
                ? $"{step}: {what} is not mounted; the runner reads it at {path}"
                : $"{step}: {what} is mounted at {string.Join(", ", found)}; the runner reads it at {path}";
        }
    }

    private static bool IsBuildFlag(string flag)
    {
        if (SettingsCatalog.ByFlag(flag) is not null
            || CommandOptions.ValuedByCommand["build"].Contains(flag)
            || CommandOptions.SwitchesByCommand["build"].Contains(flag))
        {
            return true;
        }
        return flag.StartsWith("--no-", StringComparison.Ordinal) && SettingsCatalog.ByFlag("--" + flag[5..]) is { IsSwitch: true };
    }

    private static IEnumerable<string> UnknownAnnotationKeys(IEnumerable<string> keys) =>
        keys.Where(k => k.StartsWith(SettingDefinition.AnnotationPrefix, StringComparison.Ordinal) && SettingsCatalog.ByAnnotationKey(k) is null)
            .Order(StringComparer.Ordinal);

    private static string Identity(bool root) => root ? "root of the user namespace" : "a non-root build user";

    private static string Describe(V1SeccompProfile? profile) => profile is null ? "not set" : $"{profile.Type} {profile.LocalhostProfile}".TrimEnd();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex FlagPattern();

    [GeneratedRegex(@"\$\(results\.([A-Za-z0-9_-]+)\.path\)")]
    private static partial Regex ResultReference();

    [GeneratedRegex(@"\$\(params\.([A-Za-z0-9_-]+)(\[\*\])?\)")]
    private static partial Regex ParamReference();
}
