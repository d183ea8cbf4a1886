using System.Collections.Immutable;
using System.Globalization;
using System.IO.Abstractions;
using System.Text.Json;

namespace BuildRunner.Settings;

/// <summary>
/// Reads the OpenShift Build object from the <c>BUILD</c> environment variable.
/// Uses <see cref="JsonDocument"/> rather than a serializer so that native AOT needs no reflection metadata.
/// </summary>
public static class OpenShiftBuildReader
{
    private const string ErrorCode = "invalid-build-object";
    private const string Context = "reading the BUILD environment variable: ";
    private const string GeneralFix =
        "Let OpenShift set BUILD (docker or custom build strategy), or set it to a build.openshift.io/v1 Build object " +
        "as JSON; unset BUILD to configure the build through annotations and flags alone.";

    /// <summary>
    /// Parses the Build object. Unknown fields are ignored and JSON <c>null</c> reads as absent, as the
    /// Kubernetes API server does; a known field of the wrong type is an error rather than a silent default.
    /// </summary>
    /// <param name="json">The <c>BUILD</c> environment variable.</param>
    /// <param name="pushDockercfgPath">The <c>PUSH_DOCKERCFG_PATH</c> environment variable, kept as given (empty reads as absent).</param>
    /// <exception cref="RunnerException">
    /// <see cref="ExitCodes.InvalidSettings"/>, code <c>invalid-build-object</c>, for any input that is not a readable Build object.
    /// </exception>
    public static OpenShiftBuild Parse(string json, string? pushDockercfgPath)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw Invalid("it is empty", GeneralFix);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not valid JSON ({Where(e)}{Reason(e)})", GeneralFix, e);
        }
        catch (ArgumentException e)
        {
            // A string with an unpaired surrogate cannot be transcoded to UTF-8.
            throw Invalid("it is not valid text (it holds an unpaired UTF-16 surrogate)", GeneralFix, e);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, string.IsNullOrEmpty(pushDockercfgPath) ? null : pushDockercfgPath);
            }
            catch (InvalidOperationException e)
            {
                // A safety net: JsonElement throws this for an unexpected value kind; every known field is
                // checked first, so reaching here is a gap in those checks, still reported as bad input.
                throw Invalid($"it holds a value the reader could not interpret ({e.Message})", GeneralFix, e);
            }
        }
    }

    /// <summary>
    /// The file buildah's <c>--authfile</c> should use for the push secret named by <c>PUSH_DOCKERCFG_PATH</c>, or null when there is none.
    /// The path may be a directory (OpenShift mounts the secret there) holding <c>.dockerconfigjson</c>, preferred,
    /// or a legacy <c>.dockercfg</c>; or it may name the file itself.
    /// </summary>
    /// <remarks>
    /// buildah reads only the <c>{"auths": ...}</c> format of <c>.dockerconfigjson</c>. A legacy <c>.dockercfg</c>
    /// (registries at the top level) is still returned, so the caller can pass it on or convert it and warn,
    /// rather than silently pushing without credentials.
    /// </remarks>
    public static string? ResolveAuthFile(IFileSystem fs, string? pushDockercfgPath)
    {
        ArgumentNullException.ThrowIfNull(fs);
        if (string.IsNullOrEmpty(pushDockercfgPath))
        {
            return null;
        }
        if (fs.File.Exists(pushDockercfgPath))
        {
            return pushDockercfgPath;
        }
        if (!fs.Directory.Exists(pushDockercfgPath))
        {
            return null;
        }
        foreach (var name in new[] { ".dockerconfigjson", ".dockercfg" })
        {
            var candidate = fs.Path.Combine(pushDockercfgPath, name);
            if (fs.File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static OpenShiftBuild Read(JsonElement root, string? pushSecretPath)
    {
        const string rootPath = "$";
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(rootPath, "an object", root);
        }

        var kind = String(root, "kind", rootPath);
        if (kind is not null && kind != "Build")
        {
            throw Invalid(
                $"$.kind is \"{kind}\", expected \"Build\"",
                "Set BUILD to the Build object itself (kind: Build, build.openshift.io/v1), not another object. " + GeneralFix);
        }

        var metadata = Object(root, "metadata", rootPath);
        var annotations = metadata is { } m ? StringMap(m, "annotations", "$.metadata") : ImmutableSortedDictionary<string, string>.Empty;
        var name = metadata is { } m1 ? String(m1, "name", "$.metadata") : null;
        var ns = metadata is { } m2 ? String(m2, "namespace", "$.metadata") : null;

        var spec = Object(root, "spec", rootPath);
        var source = spec is { } s1 ? Object(s1, "source", "$.spec") : null;
        var contextDir = source is { } src ? String(src, "contextDir", "$.spec.source") : null;

        var strategy = spec is { } s2 ? Object(s2, "strategy", "$.spec") : null;
        var strategyType = strategy is { } st1 ? String(st1, "type", "$.spec.strategy") : null;
        // Only checked for shape: a custom strategy carries nothing the runner uses besides the annotations.
        _ = strategy is { } st2 ? Object(st2, "customStrategy", "$.spec.strategy") : null;
        var docker = strategy is { } st3 ? Object(st3, "dockerStrategy", "$.spec.strategy") : null;

        const string dockerPath = "$.spec.strategy.dockerStrategy";
        string? dockerfilePath = null;
        bool? noCache = null;
        bool? forcePull = null;
        var buildArgs = ImmutableArray<KeyValuePair<string, string>>.Empty;
        var skipped = ImmutableArray<string>.Empty;
        if (docker is { } d)
        {
            dockerfilePath = String(d, "dockerfilePath", dockerPath);
            noCache = Bool(d, "noCache", dockerPath);
            forcePull = Bool(d, "forcePull", dockerPath);
            (buildArgs, skipped) = NameValueList(d, "buildArgs", dockerPath, allowValueFrom: true);
        }

        var output = spec is { } s3 ? Object(s3, "output", "$.spec") : null;
        var to = output is { } o1 ? Object(o1, "to", "$.spec.output") : null;
        var outputKind = to is { } t1 ? String(t1, "kind", "$.spec.output.to") : null;
        var outputName = to is { } t2 ? String(t2, "name", "$.spec.output.to") : null;
        var labels = output is { } o2
            ? NameValueList(o2, "imageLabels", "$.spec.output", allowValueFrom: false).Values
            : ImmutableArray<KeyValuePair<string, string>>.Empty;

        return new OpenShiftBuild(
            Annotations: annotations,
            Name: name,
            Namespace: ns,
            StrategyType: strategyType,
            OutputKind: outputKind,
            OutputName: outputName,
            OutputImage: outputKind == "DockerImage" ? outputName : null,
            DockerfilePath: dockerfilePath,
            ContextDir: contextDir,
            BuildArgs: buildArgs,
            SkippedBuildArgs: skipped,
            NoCache: noCache,
            ForcePull: forcePull,
            Labels: labels,
            PushSecretPath: pushSecretPath);
    }

    /// <summary>A <c>[{name, value}]</c> list (Kubernetes EnvVar shape); a missing value reads as empty, as in the API.</summary>
    private static (ImmutableArray<KeyValuePair<string, string>> Values, ImmutableArray<string> Skipped) NameValueList(
        JsonElement parent, string property, string parentPath, bool allowValueFrom)
    {
        var path = parentPath + "." + property;
        if (Child(parent, property) is not { } list)
        {
            return ([], []);
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(path, "an array", list);
        }

        var values = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw WrongType(itemPath, "an object with name and value", item);
            }
            var name = String(item, "name", itemPath);
            if (string.IsNullOrEmpty(name))
            {
                throw Invalid($"{itemPath}.name is missing or empty", $"Give every entry of {path} a name. " + GeneralFix);
            }
            var value = String(item, "value", itemPath);
            if (allowValueFrom && Child(item, "valueFrom") is not null)
            {
                // valueFrom refers to secrets or config maps the runner cannot resolve from inside the pod.
                skipped.Add(name);
                continue;
            }
            values.Add(new KeyValuePair<string, string>(name, value ?? ""));
        }
        return (values.ToImmutable(), skipped.ToImmutable());
    }

    private static ImmutableSortedDictionary<string, string> StringMap(JsonElement parent, string property, string parentPath)
    {
        var path = parentPath + "." + property;
        if (Child(parent, property) is not { } map)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }
        if (map.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(path, "an object of strings", map);
        }

        // Sorted so that whatever is printed or compared from it does not depend on the JSON's key order.
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject())
        {
            var key = Text(() => entry.Name, path);
            var entryPath = $"{path}[\"{key}\"]";
            // A null map value decodes to "" in the API server, so it is not an error here either.
            builder[key] = entry.Value.ValueKind switch
            {
                JsonValueKind.String => Text(() => entry.Value.GetString()!, entryPath),
                JsonValueKind.Null => "",
                _ => throw WrongType(entryPath, "a string", entry.Value),
            };
        }
        return builder.ToImmutable();
    }

    private static JsonElement? Object(JsonElement parent, string property, string parentPath)
    {
        if (Child(parent, property) is not { } value)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(parentPath + "." + property, "an object", value);
    }

    private static string? String(JsonElement parent, string property, string parentPath)
    {
        var path = parentPath + "." + property;
        if (Child(parent, property) is not { } value)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String ? Text(() => value.GetString()!, path) : throw WrongType(path, "a string", value);
    }

    private static bool? Bool(JsonElement parent, string property, string parentPath)
    {
        if (Child(parent, property) is not { } value)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(parentPath + "." + property, "true or false", value),
        };
    }

    /// <summary>The property's value, or null when it is absent or JSON null (the API treats both as unset).</summary>
    private static JsonElement? Child(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Text(Func<string> read, string path)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            // A \u escape naming half a surrogate pair parses as JSON but is no valid string.
            throw Invalid($"{path} holds an invalid \\u escape (an unpaired surrogate)", GeneralFix, e);
        }
    }

    private static RunnerException WrongType(string path, string expected, JsonElement actual) =>
        Invalid(
            $"{path} must be {expected}, got {Describe(actual.ValueKind)}",
            $"Make {path} {expected}, as the build.openshift.io/v1 Build API defines it. " + GeneralFix);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>1-based line and byte, as editors count; the reader reports 0-based ones.</summary>
    private static string Where(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {column + 1}: ")
            : "";

    /// <summary>The reader's reason without its own 0-based position suffix, which <see cref="Where"/> restates.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix < 0)
        {
            suffix = message.IndexOf(" Path:", StringComparison.Ordinal);
        }
        return (suffix >= 0 ? message[..suffix] : message).Trim();
    }

    private static RunnerException Invalid(string what, string fix) =>
        new(ExitCodes.InvalidSettings, ErrorCode, Context + what, fix);

    private static RunnerException Invalid(string what, string fix, Exception inner) =>
        new(ExitCodes.InvalidSettings, ErrorCode, Context + what, fix, inner);
}
