using System.Text;
using System.Text.Json;

namespace BuildRunner.Secrets;

/// <summary>
/// The credentials in a registry auth file (<c>.dockerconfigjson</c> with <c>auths</c>, or a legacy <c>.dockercfg</c> with
/// the registries at the top level): each entry's <c>auth</c> as written and decoded, its <c>password</c>,
/// <c>identitytoken</c> and <c>registrytoken</c>. User names and registry names are not secrets and stay visible.
/// </summary>
public static class AuthFileSecrets
{
    private static readonly string[] SecretFields = ["password", "identitytoken", "registrytoken"];

    /// <summary>The values to hide for an auth file holding <paramref name="content"/>.</summary>
    public static IReadOnlyList<string> Values(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [.. SecretValues.OfFile(content)];
            }
            var registries = root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object ? auths : root;
            var values = new List<string>();
            foreach (var registry in registries.EnumerateObject())
            {
                if (registry.Value.ValueKind == JsonValueKind.Object)
                {
                    values.AddRange(EntryValues(registry.Value));
                }
            }
            return values;
        }
        catch (JsonException)
        {
            // buildah will refuse the file too; until then hide all of it rather than guess which part is the password.
            return [.. SecretValues.OfFile(content)];
        }
    }

    private static IEnumerable<string> EntryValues(JsonElement entry)
    {
        foreach (var field in entry.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.String || field.Value.GetString() is not { Length: > 0 } value)
            {
                continue;
            }
            if (field.Name.Equals("auth", StringComparison.OrdinalIgnoreCase))
            {
                yield return value;
                if (Decoded(value) is string decoded)
                {
                    // base64 of user:password: the pair and the password alone, as a tool printing either would show it.
                    yield return decoded;
                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon >= 0)
                    {
                        yield return decoded[(colon + 1)..];
                    }
                }
            }
            else if (SecretFields.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
            {
                yield return value;
            }
        }
    }

    private static string? Decoded(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var written))
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
