using System.Globalization;
using BuildRunner.Host;

namespace BuildRunner.Settings;

/// <summary>Checks a raw value against its setting and returns it in normal form (trimmed, lower-case words, one item per line).</summary>
public static class SettingValidator
{
    /// <summary>
    /// Normalizes <paramref name="raw"/> for <paramref name="definition"/>.
    /// </summary>
    /// <param name="definition">The setting.</param>
    /// <param name="raw">The value as written in its source.</param>
    /// <param name="origin">Where the value was written, for the error message (such as <c>pod annotation</c>).</param>
    /// <exception cref="RunnerException">The value is not one the setting accepts.</exception>
    public static string Normalize(SettingDefinition definition, string raw, string origin)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(raw);
        var value = raw.Trim();
        switch (definition.Kind)
        {
            case SettingKind.Boolean:
                if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return value.ToLowerInvariant();
                }
                throw Invalid(definition, raw, origin, "true or false");
            case SettingKind.Choice:
                var match = definition.AllowedValues.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase));
                return match ?? throw Invalid(definition, raw, origin, string.Join(", ", definition.AllowedValues));
            case SettingKind.WholeNumber:
                // Nothing is a value only where the default is nothing (no timestamp); a count must be a number.
                // A count must also fit an int (buildah's --retry is one); a timestamp is a long.
                if ((value.Length == 0 && definition.DefaultValue.Length == 0)
                    || (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        && (definition == SettingsCatalog.Timestamp || number <= int.MaxValue)
                        && (definition != SettingsCatalog.Jobs || number >= 1)))
                {
                    return value;
                }
                throw Invalid(definition, raw, origin, definition == SettingsCatalog.Timestamp
                    ? "a whole number of seconds since the epoch, such as 0"
                    : definition == SettingsCatalog.Jobs
                        ? "a whole number of stages from 1 up, such as 2, or nothing for the pod's CPUs"
                        : $"a whole number, such as {definition.DefaultValue}");
            case SettingKind.Duration:
                return DurationText.TryParse(value, out _)
                    ? value.ToLowerInvariant()
                    : throw Invalid(definition, raw, origin, "a duration above zero and at most a day: a whole number with ms, s or m, such as 500ms, 2s or 1m");
            case SettingKind.List:
                var items = Items(value);
                if (definition == SettingsCatalog.RunCapabilities)
                {
                    items = items.Select(i => NormalizeCapability(definition, i, raw, origin)).ToList();
                }
                else if (definition == SettingsCatalog.Secrets)
                {
                    items = NormalizeSecrets(definition, items, raw, origin);
                }
                return string.Join("\n", items);
            case SettingKind.KeyValueList:
                var pairs = Items(value);
                foreach (var pair in pairs)
                {
                    if (KeyValueProblem(definition, pair) is string problem)
                    {
                        // Never echo a build argument or label: either may hold a secret. Environment variables, manifest
                        // annotations and build contexts are public in the image or the pod, and the line helps.
                        var shown = definition == SettingsCatalog.Env || definition == SettingsCatalog.ImageAnnotations || definition == SettingsCatalog.BuildContexts
                            ? $" (\"{pair}\" is not)"
                            : "";
                        throw Invalid(definition, null, origin, problem + shown);
                    }
                }
                return string.Join("\n", pairs);
            case SettingKind.Text when (definition == SettingsCatalog.HttpProxy || definition == SettingsCatalog.HttpsProxy) && value.Length > 0:
                return ProxyUrl.Problem(value) is string proxyProblem
                    ? throw Invalid(definition, null, origin, $"a proxy URL such as http://proxy.example.com:3128 ({proxyProblem} in \"{ProxyUrl.Shown(value)}\")")
                    : value;
            case SettingKind.Text when definition == SettingsCatalog.NoProxy:
                return string.Join(",", value.Split(',').Select(h => h.Trim()).Where(h => h.Length > 0));
            case SettingKind.Text when definition == SettingsCatalog.CacheRepo && value.Length > 0:
                return ImageRepository.TryParse(value, out var repository, out var reason)
                    ? repository
                    : throw Invalid(definition, raw, origin, $"a registry repository without tag or digest, such as registry.example.com/team/cache ({reason})");
            default:
                return value;
        }
    }

    // What each NAME=VALUE list needs of a line, or null when the line is fine.
    private static string? KeyValueProblem(SettingDefinition definition, string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return definition == SettingsCatalog.BuildContexts
                ? "one NAME=PATH per line, with a non-empty NAME"
                : "one NAME=VALUE per line, with a non-empty NAME";
        }
        var name = pair[..eq];
        if (definition == SettingsCatalog.Env && !IsVariableName(name))
        {
            return "one NAME=VALUE per line, NAME made of letters, digits and _ and not starting with a digit";
        }
        if (definition == SettingsCatalog.BuildContexts)
        {
            if (name.Any(char.IsWhiteSpace) || name.Contains(':', StringComparison.Ordinal))
            {
                return "one NAME=PATH per line, NAME without spaces or colons (the name COPY --from= uses)";
            }
            if (pair[(eq + 1)..].Trim().Length == 0)
            {
                return "one NAME=PATH per line, with a non-empty PATH";
            }
        }
        return null;
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static List<string> Items(string value) =>
        value.Split('\n').Select(i => i.Trim()).Where(i => i.Length > 0).ToList();

    private static string NormalizeCapability(SettingDefinition definition, string item, string raw, string origin)
    {
        var sign = item[0] is '+' or '-' ? item[..1] : "";
        var name = item[sign.Length..].Trim();
        var number = Capabilities.NumberOf(name)
            ?? throw Invalid(definition, raw, origin, "capability names such as CAP_CHOWN or NET_BIND_SERVICE, optionally prefixed with + or -");
        return sign + Capabilities.NameOf(number);
    }

    // The items name files, never hold the values, so the error may show them.
    private static List<string> NormalizeSecrets(SettingDefinition definition, List<string> items, string raw, string origin)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var normal = new List<string>();
        foreach (var item in items)
        {
            if (!BuildSecret.TryParse(item, out var secret, out var reason))
            {
                throw Invalid(definition, raw, origin, $"one id=NAME,src=PATH per line ({reason} in \"{item}\")");
            }
            if (!ids.Add(secret.Id))
            {
                throw Invalid(definition, raw, origin, $"one id=NAME,src=PATH per line, each id once (\"{secret.Id}\" is given twice)");
            }
            normal.Add(secret.ToArgument());
        }
        return normal;
    }

    private static RunnerException Invalid(SettingDefinition definition, string? raw, string origin, string allowed)
    {
        var shown = raw is null ? "" : $" \"{raw}\"";
        return FailureCatalog.InvalidSetting.Fails($"reading {origin}: {definition.AnnotationKey} (flag {definition.Flag}) has the invalid value{shown}; allowed: {allowed}",
            $"set {definition.AnnotationKey} to one of the allowed values, or remove it to use the default \"{definition.DefaultValue.Replace("\n", ",", StringComparison.Ordinal)}\"");
    }
}
