using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;

namespace BuildRunner.Tests.Deploy;

/// <summary>
/// A container that runs build-runner, found in a manifest of any platform, with what the pod around it gives it. A
/// Kubernetes Pod's or Job's container as the client's <see cref="V1Container"/>; a Tekton step and a Shipwright strategy
/// step are containers too (Tekton adds <c>script</c> and a few fields, taken out before the strict read).
/// </summary>
/// <param name="Document">The manifest document it is in.</param>
/// <param name="Where">How messages name it, such as <c>containers[build]</c> or <c>steps[build]</c>.</param>
/// <param name="Platform">Whose object it is.</param>
/// <param name="Container">The container, strictly read.</param>
/// <param name="Script">The shell script it runs (Tekton's <c>script</c>, or the text after <c>bash -c</c>), or null.</param>
/// <param name="PodSecurityContext">The pod-level security context, where the manifest sets one.</param>
/// <param name="HostUsers">The pod's <c>hostUsers</c>, where the manifest can set it (Pods and Jobs).</param>
/// <param name="PodAnnotations">The annotations the pod gets from the manifest (a template's, or those a platform passes on).</param>
/// <param name="Volumes">The pod's volumes.</param>
/// <param name="Params">The params the object declares, by name (Tekton and Shipwright), each with its type.</param>
/// <param name="Results">The results the object declares or its platform expects the step to write.</param>
public sealed record BuildStep(
    ManifestDocument Document,
    string Where,
    Platform Platform,
    V1Container Container,
    string? Script,
    V1PodSecurityContext? PodSecurityContext,
    bool? HostUsers,
    ImmutableDictionary<string, string> PodAnnotations,
    ImmutableArray<V1Volume> Volumes,
    ImmutableDictionary<string, string> Params,
    ImmutableArray<string> Results)
{
    /// <summary>Fields a Tekton step has beside a container's.</summary>
    private static readonly string[] TektonStepFields =
        ["script", "computeResources", "onError", "stdoutConfig", "stderrConfig", "results", "params", "ref", "when", "timeout", "workspaces"];

    /// <summary>Fields a Shipwright strategy volume has beside a volume's.</summary>
    private static readonly string[] ShipwrightVolumeFields = ["overridable", "description"];

    /// <summary>Every text the step runs: command, args and script, for flags and references.</summary>
    public IEnumerable<string> Words =>
        (Container.Command ?? []).Concat(Container.Args ?? []).Concat(Script is null ? [] : [Script]);

    /// <summary>The effective user: the container's, else the pod's.</summary>
    public long? RunAsUser => Container.SecurityContext?.RunAsUser ?? PodSecurityContext?.RunAsUser;

    /// <summary>How messages name it.</summary>
    public override string ToString() => $"{Document}, {Where}";

    /// <summary>
    /// The build-runner containers of <paramref name="document"/>: a Pod's or a Job's, a Tekton Task's steps, a Shipwright
    /// strategy's steps. Other containers (a git init container) and other kinds give none.
    /// </summary>
    /// <exception cref="YamlDotNet.Core.YamlException">A part that is a core type does not read as one.</exception>
    public static IReadOnlyList<BuildStep> Of(ManifestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tree = document.Tree;
        var metadataAnnotations = Annotations(tree["metadata"]);
        switch (document.ApiVersion, document.Kind)
        {
            case ("v1", "Pod"):
                {
                    var pod = Manifests.As<V1Pod>(tree);
                    return PodSteps(document, pod.Spec, metadataAnnotations);
                }
            case ("batch/v1", "Job"):
                {
                    var job = Manifests.As<V1Job>(tree);
                    var template = job.Spec.Template;
                    return PodSteps(document, template.Spec, (template.Metadata?.Annotations ?? new Dictionary<string, string>()).ToImmutableDictionary());
                }
            case (var api, "Task" or "ClusterTask") when api.StartsWith("tekton.dev/", StringComparison.Ordinal):
                {
                    var spec = tree["spec"]!;
                    var volumes = Items(spec["volumes"]).Select(v => Manifests.As<V1Volume>(v)).ToImmutableArray();
                    var parameters = Items(spec["params"]).ToImmutableDictionary(p => (string)p["name"]!, p => (string?)p["type"] ?? "string");
                    var results = Items(spec["results"]).Select(r => (string)r["name"]!).ToImmutableArray();
                    return [.. Items(spec["steps"]).Select(step =>
                    {
                        var container = Manifests.As<V1Container>(Manifests.Without(step.AsObject(), TektonStepFields));
                        return new BuildStep(document, $"steps[{container.Name}]", Platform.Tekton, container, (string?)step["script"],
                            null, null, metadataAnnotations, volumes, parameters, results);
                    }).Where(s => IsBuildRunner(s.Container.Image, tree, s.Platform))];
                }
            case (var api, "ClusterBuildStrategy" or "BuildStrategy") when api.StartsWith("shipwright.io/", StringComparison.Ordinal):
                {
                    var spec = tree["spec"]!;
                    var volumes = Items(spec["volumes"]).Select(v => Manifests.As<V1Volume>(Manifests.Without(v.AsObject(), ShipwrightVolumeFields))).ToImmutableArray();
                    var parameters = Items(spec["parameters"]).ToImmutableDictionary(p => (string)p["name"]!, p => (string?)p["type"] ?? "string");
                    var podContext = spec["securityContext"] is { } context ? Manifests.As<V1PodSecurityContext>(context) : null;
                    // Shipwright declares its results itself; these are the ones a strategy that pushes writes.
                    ImmutableArray<string> results = ["shp-image-digest", "shp-image-size"];
                    return [.. Items(spec["steps"]).Select(step =>
                    {
                        var container = Manifests.As<V1Container>(step);
                        var script = container.Command is { Count: 1 } command && command[0] is "/bin/bash" or "bash" or "/bin/sh" or "sh"
                            && container.Args is { Count: > 1 } args && args[0] == "-c" ? args[1] : null;
                        return new BuildStep(document, $"steps[{container.Name}]", Platform.Shipwright, container, script,
                            podContext, null, metadataAnnotations, volumes, parameters, results);
                    }).Where(s => IsBuildRunner(s.Container.Image, tree, s.Platform))];
                }
            default:
                return [];
        }
    }

    private static List<BuildStep> PodSteps(ManifestDocument document, V1PodSpec spec, ImmutableDictionary<string, string> annotations)
    {
        var volumes = (spec.Volumes ?? []).ToImmutableArray();
        return [.. (spec.InitContainers ?? []).Select(c => ("initContainers", c)).Concat((spec.Containers ?? []).Select(c => ("containers", c)))
            .Where(c => IsBuildRunner(c.Item2.Image, document.Tree, Platform.Kubernetes))
            .Select(c => new BuildStep(document, $"{c.Item1}[{c.Item2.Name}]", Platform.Kubernetes, c.Item2, null,
                spec.SecurityContext, spec.HostUsers, annotations, volumes, ImmutableDictionary<string, string>.Empty, []))];
    }

    /// <summary>Whether an image reference names the build-runner image, a param's default standing in for a param.</summary>
    private static bool IsBuildRunner(string? image, JsonObject tree, Platform platform)
    {
        if (image is null)
        {
            return false;
        }
        if (image.StartsWith("$(params.", StringComparison.Ordinal) && image.EndsWith(')'))
        {
            var name = image["$(params.".Length..^1];
            var declared = Items(tree["spec"]?[platform == Platform.Tekton ? "params" : "parameters"]).FirstOrDefault(p => (string?)p["name"] == name);
            image = (string?)declared?["default"] ?? "";
        }
        var last = image.Split('@')[0].Split('/')[^1];
        return last.Split(':')[0] == "build-runner";
    }

    private static IEnumerable<JsonNode> Items(JsonNode? list) => list?.AsArray().Select(n => n!) ?? [];

    private static ImmutableDictionary<string, string> Annotations(JsonNode? metadata) =>
        metadata?["annotations"]?.AsObject().ToImmutableDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)
        ?? ImmutableDictionary<string, string>.Empty;
}
