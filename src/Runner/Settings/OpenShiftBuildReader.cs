using System.Collections.Immutable;
using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BuildRunner.Settings;

/// <summary>
/// Reads the OpenShift Build object from the <c>BUILD</c> environment variable.
/// Deserializes through <see cref="OpenShiftBuildJsonContext"/> (source-generated, so native AOT needs no reflection
/// metadata) and reports a malformed object with the JSON path the serializer was at.
/// </summary>
public static class OpenShiftBuildReader
{
    private const string Context = "reading the BUILD environment variable: ";
    private const string EnvVarExpected = "an object with name and value";
    private const string GeneralFix =
        "Let OpenShift set BUILD (docker or custom build strategy), or set it to a build.openshift.io/v1 Build object " +
        "as JSON; unset BUILD to configure the build through annotations and flags alone.";

    // Throws on an unpaired surrogate instead of writing U+FFFD, which would silently change the value.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses the Build object. Unknown fields are ignored and JSON <c>null</c> reads as absent, as the
    /// Kubernetes API server does; a known field of the wrong type is an error rather than a silent default.
    /// </summary>
    /// <param name="json">The <c>BUILD</c> environment variable.</param>
    /// <param name="pushDockercfgPath">The <c>PUSH_DOCKERCFG_PATH</c> environment variable, kept as given (empty reads as absent).</param>
    /// <exception cref="RunnerException">
    /// <see cref="ExitCodes.InvalidSettings"/>, code <c>invalid-build-object</c>, for any input that is not a readable
    /// Build object; the message names the JSON path of the offending value (<c>$.spec.output.to.name</c>).
    /// </exception>
    public static OpenShiftBuild Parse(string json, string? pushDockercfgPath)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw Invalid("it is empty", GeneralFix);
        }

        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            throw Invalid("it is not valid text (it holds an unpaired UTF-16 surrogate)", GeneralFix, e);
        }

        OpenShiftBuildJson.BuildObject? build;
        try
        {
            build = JsonSerializer.Deserialize(utf8, OpenShiftBuildJsonContext.Default.BuildObject);
        }
        catch (JsonException e)
        {
            throw Explain(e, utf8);
        }
        return Read(
            build ?? throw WrongType("$", "an object", "null"),
            string.IsNullOrEmpty(pushDockercfgPath) ? null : pushDockercfgPath);
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

    private static OpenShiftBuild Read(OpenShiftBuildJson.BuildObject root, string? pushSecretPath)
    {
        if (root.Kind is { } kind && kind != "Build")
        {
            throw Invalid(
                $"$.kind is \"{kind}\", expected \"Build\"",
                "Set BUILD to the Build object itself (kind: Build, build.openshift.io/v1), not another object. " + GeneralFix);
        }

        var docker = root.Spec?.Strategy?.DockerStrategy;
        var (buildArgs, skipped) = NameValueList(docker?.BuildArgs, "$.spec.strategy.dockerStrategy.buildArgs", allowValueFrom: true);
        var (env, skippedEnv) = NameValueList(docker?.Env, "$.spec.strategy.dockerStrategy.env", allowValueFrom: true);
        var (labels, _) = NameValueList(root.Spec?.Output?.ImageLabels, "$.spec.output.imageLabels", allowValueFrom: false);
        var to = root.Spec?.Output?.To;
        var from = docker?.From;

        return new OpenShiftBuild(
            Annotations: StringMap(root.Metadata?.Annotations),
            Name: root.Metadata?.Name,
            Namespace: root.Metadata?.Namespace,
            StrategyType: root.Spec?.Strategy?.Type,
            OutputKind: to?.Kind,
            OutputName: to?.Name,
            OutputImage: to?.Kind == "DockerImage" ? to.Name : null,
            DockerfilePath: docker?.DockerfilePath,
            ContextDir: root.Spec?.Source?.ContextDir,
            BuildArgs: buildArgs,
            SkippedBuildArgs: skipped,
            NoCache: docker?.NoCache,
            ForcePull: docker?.ForcePull,
            Labels: labels,
            PushSecretPath: pushSecretPath)
        {
            InlineDockerfile = root.Spec?.Source?.Dockerfile is { Length: > 0 } inline ? inline : null,
            From = from?.Kind == "DockerImage" && from.Name is { Length: > 0 } fromImage ? fromImage : null,
            Env = env,
            Unsupported = Unsupported(root, skippedEnv),
            HasFetchedSource = Present(root.Spec?.Source?.Git) || Present(root.Spec?.Source?.Binary),
        };
    }

    /// <summary>
    /// Each field of the Build the runner cannot honour, named by its path, with what happens instead. The runner
    /// builds the context it is given with buildah; whatever OpenShift's own builders do besides (fetch sources,
    /// run post-commit hooks, talk to a Docker daemon) is not done, and a build owner must hear so.
    /// </summary>
    private static ImmutableArray<string> Unsupported(OpenShiftBuildJson.BuildObject root, IReadOnlyList<string> skippedEnv)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        var source = root.Spec?.Source;
        var strategy = root.Spec?.Strategy;
        if (Present(source?.Git))
        {
            found.Add("spec.source.git: the runner does not clone sources; it builds the context folder it finds (clone into it in an init step, or use spec.source.dockerfile)");
        }
        if (Present(source?.Binary))
        {
            found.Add("spec.source.binary: the runner does not read a binary build's archive from standard input; it builds the context folder it finds");
        }
        if (Present(source?.Images))
        {
            found.Add("spec.source.images: files from other images are not copied into the context (use COPY --from=IMAGE in the Dockerfile)");
        }
        if (Present(source?.Secrets))
        {
            found.Add("spec.source.secrets: build input secrets are not copied into the context (pass files to RUN steps with build-runner/secrets)");
        }
        if (Present(source?.ConfigMaps))
        {
            found.Add("spec.source.configMaps: build input config maps are not copied into the context");
        }
        if (strategy?.CustomStrategy?.ExposeDockerSocket == true)
        {
            found.Add("spec.strategy.customStrategy.exposeDockerSocket: the runner builds with buildah and never uses a Docker socket");
        }
        if (Present(strategy?.SourceStrategy))
        {
            found.Add("spec.strategy.sourceStrategy: source-to-image is not done; the runner builds a Dockerfile");
        }
        if (Present(strategy?.JenkinsPipelineStrategy))
        {
            found.Add("spec.strategy.jenkinsPipelineStrategy: a pipeline is not run; the runner builds a Dockerfile");
        }
        var docker = strategy?.DockerStrategy;
        if (docker?.From is { } from && from.Kind != "DockerImage")
        {
            found.Add($"spec.strategy.dockerStrategy.from: a {from.Kind ?? "reference without a kind"} (\"{from.Name}\") is not an image the runner can pull; the Dockerfile's own FROM is used");
        }
        if (docker?.ImageOptimizationPolicy is { Length: > 0 } policy && policy != "None")
        {
            found.Add($"spec.strategy.dockerStrategy.imageOptimizationPolicy: {policy} is not done; layers follow build-runner/layers");
        }
        if (Present(docker?.Volumes))
        {
            found.Add("spec.strategy.dockerStrategy.volumes: build volumes are not mounted into RUN steps");
        }
        foreach (var name in skippedEnv)
        {
            found.Add($"spec.strategy.dockerStrategy.env: {name} uses valueFrom, which only OpenShift's own builder resolves; it is not set");
        }
        if (root.Spec?.PostCommit is { ValueKind: JsonValueKind.Object } postCommit
            && postCommit.EnumerateObject().Any(p => p.Value.ValueKind is not JsonValueKind.Null
                && !(p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length == 0)
                && !(p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 0)))
        {
            found.Add("spec.postCommit: the post-commit hook is not run");
        }
        return found.ToImmutable();
    }

    // Whether a raw field asks for something: null, {} and [] do not.
    private static bool Present(JsonElement? element) => element is { ValueKind: not JsonValueKind.Null } e
        && !(e.ValueKind == JsonValueKind.Object && !e.EnumerateObject().Any())
        && !(e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 0);

    /// <summary>A <c>[{name, value}]</c> list (Kubernetes EnvVar shape); a missing value reads as empty, as in the API.</summary>
    private static (ImmutableArray<KeyValuePair<string, string>> Values, ImmutableArray<string> Skipped) NameValueList(
        IReadOnlyList<OpenShiftBuildJson.EnvVar?>? list, string path, bool allowValueFrom)
    {
        if (list is null)
        {
            return ([], []);
        }

        var values = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        for (var index = 0; index < list.Count; index++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            // The serializer reads a null entry as null rather than calling the entry's converter.
            var item = list[index] ?? throw WrongType(itemPath, EnvVarExpected, "null");
            if (string.IsNullOrEmpty(item.Name))
            {
                throw Invalid($"{itemPath}.name is missing or empty", $"Give every entry of {path} a name. " + GeneralFix);
            }
            if (allowValueFrom && item.ValueFrom is { ValueKind: not JsonValueKind.Null })
            {
                // valueFrom refers to secrets or config maps the runner cannot resolve from inside the pod.
                skipped.Add(item.Name);
                continue;
            }
            values.Add(new KeyValuePair<string, string>(item.Name, item.Value ?? ""));
        }
        return (values.ToImmutable(), skipped.ToImmutable());
    }

    private static ImmutableSortedDictionary<string, string> StringMap(IReadOnlyDictionary<string, string?>? map)
    {
        if (map is null)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }
        // Sorted so that whatever is printed or compared from it does not depend on the JSON's key order.
        // A null map value decodes to "" in the API server, so it is not an error here either.
        return map.ToImmutableSortedDictionary(e => e.Key, e => e.Value ?? "", StringComparer.Ordinal);
    }

    /// <summary>What the serializer's failure means for the pod owner, with the JSON path of the offending value.</summary>
    private static RunnerException Explain(JsonException e, ReadOnlySpan<byte> utf8)
    {
        var path = e.Path ?? "$";
        if (e is JsonShapeException shape)
        {
            return shape.Expected is { } expected
                ? Invalid($"{path} {shape.Message}", FixFor(path, expected), e)
                : Invalid($"{path} {shape.Message}", GeneralFix, e);
        }
        if (SyntaxError(utf8) is { } syntax)
        {
            // Reported with the reader's own position and reason; the serializer adds where in the object it was.
            return Invalid($"it is not valid JSON ({Where(syntax, path)}{Reason(syntax)})", GeneralFix, e);
        }
        if (e.InnerException is InvalidOperationException)
        {
            // The serializer decodes a dictionary key itself, before any converter, and wraps the reader's refusal.
            // The text is valid UTF-8 and valid JSON by now, so the one string it cannot decode is a \u escape
            // naming half a surrogate pair.
            return Invalid($"{path} {JsonShapeException.UnpairedSurrogate}", GeneralFix, e);
        }
        if (JsonShape.TypeAt(OpenShiftBuildJsonContext.Default.BuildObject, path) is { } type)
        {
            var expected = Describe(type);
            return WrongType(path, expected, JsonShape.FoundAt(utf8, e), e);
        }
        return Invalid($"{path} does not fit the Build API ({Reason(e)})", GeneralFix, e);
    }

    /// <summary>
    /// The reader's complaint about the document's syntax, or null when it is well-formed JSON. The serializer
    /// reports syntax and model mismatches alike as <see cref="JsonException"/>; reading the document again tells them apart.
    /// </summary>
    private static JsonException? SyntaxError(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException e)
        {
            return e;
        }
    }

    /// <summary>What the model wants for a value the serializer refused before any converter saw it: an object or array.</summary>
    private static string Describe(JsonTypeInfo type) => type switch
    {
        { Type: var t } when t == typeof(OpenShiftBuildJson.EnvVar) => EnvVarExpected,
        { Kind: JsonTypeInfoKind.Dictionary } => "an object of strings",
        { Kind: JsonTypeInfoKind.Enumerable } => "an array",
        { Kind: JsonTypeInfoKind.Object } => "an object",
        _ => "a value of another kind",
    };

    private static RunnerException WrongType(string path, string expected, string? found, Exception? inner = null)
    {
        var what = found is null ? $"{path} must be {expected}" : $"{path} must be {expected}, got {found}";
        return inner is null ? Invalid(what, FixFor(path, expected)) : Invalid(what, FixFor(path, expected), inner);
    }

    private static string FixFor(string path, string expected) =>
        $"Make {path} {expected}, as the build.openshift.io/v1 Build API defines it. " + GeneralFix;

    /// <summary>
    /// 1-based line and byte, as editors count (the reader reports 0-based ones), then the object the error is in
    /// unless that is the whole document.
    /// </summary>
    private static string Where(JsonException e, string path)
    {
        var at = e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {column + 1}")
            : "";
        var inside = path == "$" ? "" : $"inside {path}";
        var where = at.Length > 0 && inside.Length > 0 ? $"{at}, {inside}" : at + inside;
        return where.Length > 0 ? where + ": " : "";
    }

    /// <summary>The reader's reason without the position suffix (0-based, and restated by <see cref="Where"/>) or the path suffix.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var suffix = message.IndexOf(marker, StringComparison.Ordinal);
            if (suffix >= 0)
            {
                message = message[..suffix];
            }
        }
        return message.Trim();
    }

    private static RunnerException Invalid(string what, string fix) =>
        FailureCatalog.InvalidBuildObject.Fails(Context + what, fix);

    private static RunnerException Invalid(string what, string fix, Exception inner) =>
        FailureCatalog.InvalidBuildObject.Fails(Context + what, fix, inner);
}
