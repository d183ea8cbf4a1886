using System.Text.Json;

namespace BuildRunner.Secrets;

/// <summary>Whether a registry credentials file is the JSON object buildah reads, said without quoting its content.</summary>
public static class AuthFileShape
{
    /// <summary>What is wrong with <paramref name="content"/> as an auth file, or null when it is a JSON object.</summary>
    public static string? Problem(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? null
                : $"it holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object with \"auths\"";
        }
        catch (JsonException e)
        {
            // The exception's own text may quote the offending character, which may be part of a password.
            return $"it is not JSON (the first error is on line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})";
        }
    }
}
