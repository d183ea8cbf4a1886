using System.Text.Json.Nodes;

namespace BuildRunner.Tests.Deploy;

/// <summary>One YAML document of a file under deploy/.</summary>
/// <param name="File">The file, relative to deploy/ (such as <c>tekton/task.yaml</c>).</param>
/// <param name="Index">The document's position in the file, from 0.</param>
/// <param name="ApiVersion">Its <c>apiVersion</c>.</param>
/// <param name="Kind">Its <c>kind</c>.</param>
/// <param name="Name">Its <c>metadata.name</c>.</param>
/// <param name="Tree">The whole document as a plain tree.</param>
public sealed record ManifestDocument(string File, int Index, string ApiVersion, string Kind, string Name, JsonObject Tree)
{
    /// <summary>How messages name it: <c>tekton/task.yaml: Task build-runner</c>.</summary>
    public override string ToString() => $"{File}: {Kind} {Name}";
}
