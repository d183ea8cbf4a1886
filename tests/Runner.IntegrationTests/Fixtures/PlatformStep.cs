using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BuildRunner.Settings;
using k8s;
using k8s.Models;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A Tekton or Shipwright step run as its platform runs it, in the builder image under podman with a user namespace: the
/// platform's substitutions done on the step's command, args, script, env and working directory (<c>$(params.NAME)</c>,
/// <c>$(params.NAME[*])</c> as separate arguments, <c>$(results.NAME.path)</c>, <c>$(workspaces.NAME.path)</c>), a
/// script written to a file and run with the args after it (Tekton's <c>script</c>), and the step's own securityContext
/// and volumeMounts turned into podman's options. What is not the platform's is said where it is done.
/// </summary>
public static partial class PlatformStep
{
    /// <summary>Where Tekton keeps a step's result files (<c>$(results.NAME.path)</c>).</summary>
    public const string ResultsPath = "/tekton/results";

    /// <summary>Where Tekton mounts a workspace (<c>$(workspaces.NAME.path)</c>).</summary>
    public const string WorkspacesPath = "/workspace";

    /// <summary>
    /// The text of <paramref name="text"/> with every reference replaced by its value from <paramref name="values"/> (keys such
    /// as <c>params.IMAGE</c>, <c>results.IMAGE_DIGEST.path</c>); a reference without a value is an error, as it is to Tekton.
    /// </summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"{m.Value} has no value (a reference the platform would refuse)"));

    /// <summary>
    /// Runs <paramref name="step"/> (the step's YAML tree) of <paramref name="owner"/> (the Task or strategy) with
    /// <paramref name="values"/> for its string references and <paramref name="arrays"/> for its array params; the step's
    /// volumes come from <paramref name="owner"/>'s <c>spec.volumes</c>.
    /// </summary>
    /// <param name="engine">The engine and the builder image (it stands in for the step's image).</param>
    /// <param name="dir">A folder for the script, the volumes and the results.</param>
    /// <param name="owner">The Task or strategy, as a tree.</param>
    /// <param name="step">The step, as a tree.</param>
    /// <param name="values">Values of string references.</param>
    /// <param name="arrays">Values of array params, by param name.</param>
    /// <param name="workspaces">Host folders bound at each workspace's path, by workspace name.</param>
    /// <param name="podAnnotations">The annotations the pod would have (the downward API file's content).</param>
    public static async Task<ProcessResult> RunAsync(EngineFixture engine, string dir, JsonObject owner, JsonObject step,
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string[]> arrays,
        IReadOnlyDictionary<string, string> workspaces, IReadOnlyDictionary<string, string> podAnnotations)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(step);
        // Everything but the platform's own fields is a container: read it as one, strictly.
        var stepContainer = step.DeepClone().AsObject();
        foreach (var field in new[] { "script", "computeResources" })
        {
            stepContainer.Remove(field);
        }
        var container = KubernetesYaml.Deserialize<V1Container>(stepContainer.ToJsonString(), strict: true);
        var script = (string?)step["script"];

        var args = new List<string>();
        foreach (var arg in container.Args ?? [])
        {
            var whole = WholeArray().Match(arg);
            args.AddRange(whole.Success ? ArrayValue(owner, arrays, whole.Groups[1].Value) : [Substitute(arg, values)]);
        }

        var options = new List<string>
        {
            "run", "--rm", "--runtime", "runc", "--userns=auto:size=65536",
            // The test registry is on the node's loopback: the step shares the node's network (a pod has its own) and, as
            // the engine tests do, gets /sys bound, which a user namespace cannot mount for the node's network namespace.
            "--network", "host", "-v", "/sys:/sys:ro", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096",
        };
        options.AddRange(SecurityOptions(container.SecurityContext, owner));
        foreach (var variable in container.Env ?? [])
        {
            options.AddRange(["-e", $"{variable.Name}={Substitute(variable.Value ?? "", values)}"]);
        }
        if (container.WorkingDir is { } workingDir)
        {
            options.AddRange(["--workdir", Substitute(workingDir, values)]);
        }
        var results = Directory.CreateDirectory(Path.Combine(dir, "results")).FullName;
        options.AddRange(["-v", results + ":" + ResultsPath + ":U"]);
        foreach (var (name, path) in workspaces)
        {
            options.AddRange(["-v", $"{path}:{WorkspacesPath}/{name}"]);
        }
        options.AddRange(await VolumeOptionsAsync(dir, owner, container, podAnnotations));

        string[] command;
        if (script is not null)
        {
            // Tekton writes the script to a file of its own and runs it (its shebang chooses the shell) with the args after it.
            var file = Path.Combine(dir, "script-0");
            await File.WriteAllTextAsync(file, Substitute(script, values));
            File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
            options.AddRange(["-v", file + ":/tekton/scripts/script-0:ro"]);
            command = ["/tekton/scripts/script-0"];
        }
        else
        {
            command = [.. (container.Command ?? []).Select(c => Substitute(c, values))];
        }
        options.AddRange(["--entrypoint", command[0], EngineFixture.Image]);
        return await Run.ProcessAsync("podman", [.. engine.StoreArguments, .. options, .. command.Skip(1), .. args]);
    }

    /// <summary>The content of a result file the step left, or null when it left none.</summary>
    public static string? Result(string dir, string name)
    {
        var path = Path.Combine(dir, "results", name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>The step's securityContext as podman options (the strategy's pod-level user where the step names none).</summary>
    // An array param the run does not give takes its default, as both platforms do (Tekton's `default`, Shipwright's
    // `defaults`).
    private static IEnumerable<string> ArrayValue(JsonObject owner, IReadOnlyDictionary<string, string[]> arrays, string name)
    {
        if (arrays.TryGetValue(name, out var given))
        {
            return given;
        }
        var spec = owner["spec"]!;
        var declared = (spec["params"] ?? spec["parameters"])!.AsArray().Single(p => (string?)p!["name"] == name)!;
        return ((declared["default"] ?? declared["defaults"])?.AsArray() ?? []).Select(v => (string)v!);
    }

    private static List<string> SecurityOptions(V1SecurityContext? context, JsonObject owner)
    {
        var options = new List<string>();
        var podUser = (long?)owner["spec"]?["securityContext"]?["runAsUser"];
        var podGroup = (long?)owner["spec"]?["securityContext"]?["runAsGroup"];
        if ((context?.RunAsUser ?? podUser) is { } user)
        {
            options.AddRange(["--user", string.Create(CultureInfo.InvariantCulture, $"{user}:{context?.RunAsGroup ?? podGroup ?? user}")]);
        }
        if (context?.Capabilities?.Drop is { } drop)
        {
            options.AddRange(drop.Select(c => "--cap-drop=" + c.ToLowerInvariant()));
        }
        if (context?.Capabilities?.Add is { Count: > 0 } add)
        {
            options.Add("--cap-add=" + string.Join(",", add));
        }
        if (context?.AllowPrivilegeEscalation == false)
        {
            options.AddRange(["--security-opt", "no-new-privileges"]);
        }
        if (context?.ReadOnlyRootFilesystem == true)
        {
            options.Add("--read-only");
        }
        if (context?.SeccompProfile is { Type: "Localhost" } profile)
        {
            // The kubelet's seccomp root holds the shipped profile.
            options.AddRange(["--security-opt", "seccomp=" + Repository.Path_("deploy", "seccomp", profile.LocalhostProfile)]);
        }
        return options;
    }

    /// <summary>Each volumeMount of the step, backed as the owner's volume says: emptyDirs, the downward API's annotations file, the cluster ConfigMap.</summary>
    private static async Task<List<string>> VolumeOptionsAsync(string dir, JsonObject owner, V1Container container, IReadOnlyDictionary<string, string> podAnnotations)
    {
        var options = new List<string>();
        var volumes = (owner["spec"]?["volumes"]?.AsArray() ?? []).ToDictionary(v => (string)v!["name"]!, v => v!.AsObject());
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = volumes[mount.Name];
            var host = Path.Combine(dir, "volumes", mount.Name);
            if (volume["emptyDir"] is { } emptyDir)
            {
                if ((string?)emptyDir["medium"] == "Memory")
                {
                    options.AddRange(["--tmpfs", mount.MountPath]);
                    continue;
                }
                Directory.CreateDirectory(host);
                options.AddRange(["-v", $"{host}:{mount.MountPath}:U"]);
            }
            else if (volume["downwardAPI"] is { } downward)
            {
                // The kubelet writes the pod's annotations in its own format; the pod here has the annotations the test gives.
                Directory.CreateDirectory(host);
                foreach (var item in downward["items"]!.AsArray())
                {
                    if ((string?)item!["fieldRef"]?["fieldPath"] != "metadata.annotations")
                    {
                        throw new InvalidOperationException($"volume {mount.Name}: only metadata.annotations is projected here");
                    }
                    await File.WriteAllTextAsync(Path.Combine(host, (string)item["path"]!), AnnotationsFile.Format(podAnnotations));
                }
                options.AddRange(["-v", $"{host}:{mount.MountPath}:ro"]);
            }
            else if (volume["configMap"] is { } configMap)
            {
                // The one ConfigMap the manifests mount: the cluster defaults and overrides, as shipped.
                var map = KubernetesYaml.Deserialize<V1ConfigMap>(await File.ReadAllTextAsync(Repository.Path_("deploy", "cluster-config.yaml")), strict: true);
                if ((string?)configMap["name"] != map.Metadata.Name)
                {
                    throw new InvalidOperationException($"volume {mount.Name}: ConfigMap {(string?)configMap["name"]} is not deploy/cluster-config.yaml's");
                }
                Directory.CreateDirectory(host);
                foreach (var item in configMap["items"]!.AsArray())
                {
                    await File.WriteAllTextAsync(Path.Combine(host, (string)item!["path"]!), map.Data[(string)item["key"]!]);
                }
                options.AddRange(["-v", $"{host}:{mount.MountPath}:ro"]);
            }
            else
            {
                throw new InvalidOperationException($"volume {mount.Name}: a kind the test does not back");
            }
        }
        return options;
    }

    [GeneratedRegex(@"\$\(([A-Za-z0-9_.\-]+)\)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\$\(params\.([A-Za-z0-9_\-]+)\[\*\]\)$")]
    private static partial Regex WholeArray();
}
