using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BuildRunner.Tests.Deploy;

/// <summary>
/// Reads the manifests under deploy/ with a real YAML parser: every document as a plain tree (so custom objects such as
/// Tekton Tasks, Shipwright strategies and OpenShift objects can be read), and core objects, or core parts of custom
/// ones, as the official Kubernetes client's model types, strictly (an unknown field is an error, as the API server's
/// strict field validation makes it).
/// </summary>
public static class Manifests
{
    /// <summary>The model type of every built-in kind the client knows, by <c>apiVersion</c> and <c>kind</c>.</summary>
    private static readonly ImmutableDictionary<(string ApiVersion, string Kind), Type> CoreTypes = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(e => e.Entity is { Kind.Length: > 0 } && !e.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(e => (string.IsNullOrEmpty(e.Entity!.Group) ? e.Entity.ApiVersion : $"{e.Entity.Group}/{e.Entity.ApiVersion}", e.Entity.Kind))
        .ToImmutableDictionary(g => g.Key, g => g.First().Type);

    /// <summary>Every document of every YAML file under <paramref name="deployDirectory"/>, files in ordinal order.</summary>
    public static IReadOnlyList<ManifestDocument> LoadAll(string deployDirectory) =>
        [.. Directory.GetFiles(deployDirectory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Load(Path.GetRelativePath(deployDirectory, f), File.ReadAllText(f)))];

    /// <summary>The documents of one YAML text, named <paramref name="file"/> in messages.</summary>
    public static IReadOnlyList<ManifestDocument> Load(string file, string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }
        return [.. stream.Documents
            .Where(d => d.RootNode is YamlMappingNode)
            .Select((d, i) =>
            {
                var tree = ToJson(d.RootNode)!.AsObject();
                return new ManifestDocument(file, i, (string?)tree["apiVersion"] ?? "", (string?)tree["kind"] ?? "",
                    (string?)tree["metadata"]?["name"] ?? "", tree);
            })];
    }

    /// <summary>The client's model type for <paramref name="document"/>'s kind, or null for a custom kind.</summary>
    public static Type? CoreType(ManifestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return CoreTypes.GetValueOrDefault((document.ApiVersion, document.Kind));
    }

    /// <summary>
    /// <paramref name="node"/> as the model type <typeparamref name="T"/>, strictly: a field the type does not have is an
    /// error. JSON is YAML, so the tree goes to the client's own YAML reader unchanged.
    /// </summary>
    /// <exception cref="YamlException">The tree does not fit the type.</exception>
    public static T As<T>(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return KubernetesYaml.Deserialize<T>(node.ToJsonString(), strict: true);
    }

    /// <summary><paramref name="node"/> as the model type <paramref name="type"/>, strictly.</summary>
    /// <exception cref="YamlException">The tree does not fit the type.</exception>
    public static object As(Type type, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var method = typeof(KubernetesYaml).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(KubernetesYaml.Deserialize) && m.IsGenericMethod
                && m.GetParameters() is [{ ParameterType: var p }, { ParameterType: var s }] && p == typeof(string) && s == typeof(bool));
        try
        {
            return method.MakeGenericMethod(type).Invoke(null, [node.ToJsonString(), true])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>A copy of <paramref name="node"/> without the keys <paramref name="keys"/> (fields a platform adds to a core type).</summary>
    public static JsonObject Without(JsonObject node, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(node);
        var copy = node.DeepClone().AsObject();
        foreach (var key in keys)
        {
            copy.Remove(key);
        }
        return copy;
    }

    /// <summary>A YAML node as JSON: plain null, true, false and integers keep their type; other scalars are strings.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Style: not ScalarStyle.Plain } text => JsonValue.Create(text.Value ?? ""),
        YamlScalarNode { Value: null or "" or "~" or "null" } => null,
        YamlScalarNode { Value: "true" } => JsonValue.Create(true),
        YamlScalarNode { Value: "false" } => JsonValue.Create(false),
        YamlScalarNode scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType} at {node.Start}"),
    };
}
