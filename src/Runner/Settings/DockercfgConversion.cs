using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace BuildRunner.Settings;

/// <summary>
/// Turns the registry secrets OpenShift mounts for a build (the push secret and the pull secret, each a
/// <c>.dockerconfigjson</c> with <c>{"auths": {...}}</c> or a legacy <c>.dockercfg</c> with the registries at the top
/// level) into the one <c>{"auths": {...}}</c> file buildah's <c>--authfile</c> reads. No message it makes quotes a
/// secret's content: a file that cannot be used is named with where it breaks, never with what it holds.
/// </summary>
public static class DockercfgConversion
{
    /// <summary>One secret file to convert.</summary>
    /// <param name="Role">What it is for, in messages: <c>push secret</c> or <c>pull secret</c>.</param>
    /// <param name="Path">Where it was read.</param>
    /// <param name="Content">What it holds (a secret: never shown).</param>
    public sealed record Source(string Role, string Path, string Content)
    {
        // A record prints its members; this one must not print the content.
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Role = ").Append(Role).Append(", Path = ").Append(Path).Append(", Content = (hidden)");
            return true;
        }
    }

    /// <summary>The converted file and what to tell about it.</summary>
    /// <param name="Json">The <c>{"auths": ...}</c> file (a secret: never shown).</param>
    /// <param name="Registries">The registries it holds credentials for, in file order.</param>
    /// <param name="Warnings">Entries left out or replaced, named by registry and file.</param>
    public sealed record Result(string Json, ImmutableArray<string> Registries, ImmutableArray<string> Warnings)
    {
        private bool PrintMembers(StringBuilder builder)
        {
            builder.Append("Json = (hidden), Registries = ").Append(string.Join(", ", Registries))
                .Append(", Warnings = ").Append(Warnings.Length);
            return true;
        }
    }

    /// <summary>
    /// Converts <paramref name="sources"/>, later ones winning for a registry both name: pass the pull secret first
    /// and the push secret last, so pushing uses the push secret's credentials (which can pull as well).
    /// </summary>
    /// <exception cref="RunnerException"><c>authfile-invalid</c>: a file is not JSON, not an object, or an entry is not an object.</exception>
    public static Result Convert(IEnumerable<Source> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var entries = new Dictionary<string, (string Auth, string? Token, string From)>(StringComparer.Ordinal);
        var order = new List<string>();
        var warnings = ImmutableArray.CreateBuilder<string>();
        foreach (var source in sources)
        {
            foreach (var (key, auth, token) in Entries(source, warnings))
            {
                if (entries.TryGetValue(key, out var earlier))
                {
                    if (earlier.From != source.Role)
                    {
                        warnings.Add($"the {earlier.From} and the {source.Role} both hold credentials for {key}; the {source.Role}'s are used for it");
                    }
                }
                else
                {
                    order.Add(key);
                }
                entries[key] = (auth, token, source.Role);
            }
        }
        return new Result(Render(order, entries), [.. order], warnings.ToImmutable());
    }

    private static List<(string Key, string Auth, string? Token)> Entries(Source source, ImmutableArray<string>.Builder warnings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.Content);
        }
        catch (JsonException e)
        {
            // The exception's own text may quote the offending character, which may be part of a password.
            throw Invalid(source, $"it is not JSON (the first error is on line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, $"it holds a JSON {Kind(root)}, not an object of registries");
            }
            // .dockerconfigjson nests the registries under "auths"; a legacy .dockercfg has them at the top level.
            var registries = root.TryGetProperty("auths", out var auths) ? auths : root;
            if (registries.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, $"its \"auths\" is a JSON {Kind(registries)}, not an object of registries");
            }
            var found = new List<(string, string, string?)>();
            foreach (var registry in registries.EnumerateObject())
            {
                var key = RegistryKey(registry.Name);
                if (registry.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(source, $"the entry for {key} is a JSON {Kind(registry.Value)}, not an object with \"auth\"");
                }
                var auth = Text(registry.Value, "auth");
                var token = Text(registry.Value, "identitytoken");
                if (auth is null && Text(registry.Value, "username") is string user && Text(registry.Value, "password") is string password)
                {
                    // buildah reads only "auth" (base64 of user:password) and "identitytoken".
                    auth = System.Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
                }
                if (auth is null && token is null)
                {
                    warnings.Add($"the {source.Role} \"{source.Path}\" has an entry for {key} with neither \"auth\", \"username\" and \"password\", nor \"identitytoken\"; it is left out");
                    continue;
                }
                found.Add((key, auth ?? "", token));
            }
            return found;
        }
    }

    /// <summary>
    /// The key buildah looks credentials up by: a legacy URL key (<c>https://index.docker.io/v1/</c>) becomes its host,
    /// as Docker reads it; a registry or repository key (<c>registry.example.com:5000/team</c>) stays as written.
    /// </summary>
    public static string RegistryKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stripped = key;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (stripped.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                stripped = stripped[scheme.Length..];
                var slash = stripped.IndexOf('/', StringComparison.Ordinal);
                stripped = slash < 0 ? stripped : stripped[..slash];
                break;
            }
        }
        return stripped == "index.docker.io" ? "docker.io" : stripped;
    }

    private static string? Text(JsonElement entry, string name)
    {
        foreach (var field in entry.EnumerateObject())
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && field.Value.ValueKind == JsonValueKind.String
                && field.Value.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }
        return null;
    }

    private static string Render(List<string> order, Dictionary<string, (string Auth, string? Token, string From)> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("auths");
            foreach (var key in order)
            {
                var (auth, token, _) = entries[key];
                writer.WriteStartObject(key);
                if (auth.Length > 0)
                {
                    writer.WriteString("auth", auth);
                }
                if (token is not null)
                {
                    writer.WriteString("identitytoken", token);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static RunnerException Invalid(Source source, string why) => FailureCatalog.AuthFileInvalid.Fails(
        $"reading the {source.Role} \"{source.Path}\": {why}",
        $"recreate the Secret the {source.Role} comes from as a kubernetes.io/dockerconfigjson Secret ({{\"auths\": {{\"REGISTRY\": {{\"auth\": \"BASE64 of USER:PASSWORD\"}}}}}}) or a kubernetes.io/dockercfg one ({{\"REGISTRY\": {{\"auth\": ...}}}}), for example with oc create secret docker-registry");
}
