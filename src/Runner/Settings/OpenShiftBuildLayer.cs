using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>
/// What an OpenShift Build says, as settings: its fields and the custom-builder environment mapped to the runner's
/// keys, the files prepared for it (auth file, registry CAs, inline Dockerfile), then the Build's own
/// <c>build-runner/</c> annotations on top (they are the more specific word). Pod annotations, flags and the cluster
/// overrides still win over all of it, and <c>doctor</c> shows each value with <c>build</c> as its source.
/// </summary>
public static class OpenShiftBuildLayer
{
    /// <summary>The layer and the warnings about what could not be used.</summary>
    public static (SettingLayer Layer, ImmutableArray<string> Warnings) From(
        OpenShiftBuild build, OpenShiftEnvironment environment, OpenShiftPreparation preparation)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(preparation);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = ImmutableArray.CreateBuilder<string>();
        var origin = $"the Build object {build.Namespace}/{build.Name} (BUILD)";

        if (OutputImage(environment) is string resolved)
        {
            // The controller resolved spec.output.to (an ImageStreamTag, usually) into these, as for any custom builder.
            values[SettingsCatalog.OutputImage.AnnotationKey] = resolved;
        }
        else if (build.OutputImage is string image)
        {
            values[SettingsCatalog.OutputImage.AnnotationKey] = image;
        }
        else if (build.OutputName is string name)
        {
            warnings.Add($"{origin}: spec.output.to is a {build.OutputKind} (\"{name}\") and {OpenShiftEnvironment.OutputImageVariable} is not set; only OpenShift's build controller resolves it, so it is not used as the output image");
        }

        if ((environment.SourceContextDir ?? build.ContextDir) is string contextDir)
        {
            values[SettingsCatalog.Context.AnnotationKey] = contextDir;
        }
        else if (preparation.SourceFolder is string sourceFolder && !build.HasFetchedSource)
        {
            // An inline Dockerfile alone: its context is a folder holding nothing else (never the working directory).
            values[SettingsCatalog.Context.AnnotationKey] = sourceFolder;
        }
        if (preparation.Dockerfile is string inline)
        {
            // OpenShift writes spec.source.dockerfile over the Dockerfile the source may hold; here it is built from its own file.
            values[SettingsCatalog.File.AnnotationKey] = inline;
        }
        else if (build.DockerfilePath is string dockerfile)
        {
            values[SettingsCatalog.File.AnnotationKey] = dockerfile;
        }
        if (build.From is string from)
        {
            values[SettingsCatalog.From.AnnotationKey] = from;
        }
        if (build.BuildArgs.Count > 0)
        {
            values[SettingsCatalog.BuildArgs.AnnotationKey] = string.Join("\n", build.BuildArgs.Select(a => $"{a.Key}={a.Value}"));
        }
        foreach (var skipped in build.SkippedBuildArgs)
        {
            warnings.Add($"{origin}: spec.strategy.dockerStrategy.buildArgs: {skipped} uses valueFrom, which only OpenShift's own builder resolves; it is not passed");
        }
        if (build.Env.Count > 0)
        {
            values[SettingsCatalog.Env.AnnotationKey] = string.Join("\n", build.Env.Select(e => $"{e.Key}={e.Value}"));
        }
        if (build.Labels.Count > 0)
        {
            values[SettingsCatalog.Labels.AnnotationKey] = string.Join("\n", build.Labels.Select(l => $"{l.Key}={l.Value}"));
        }
        if (build.NoCache is bool noCache)
        {
            values[SettingsCatalog.NoCache.AnnotationKey] = noCache ? "true" : "false";
        }
        if (build.ForcePull == true)
        {
            values[SettingsCatalog.PullPolicy.AnnotationKey] = "always";
        }
        if (preparation.AuthFile is string authFile)
        {
            values[SettingsCatalog.AuthFile.AnnotationKey] = authFile;
        }
        if (preparation.CertsDirectory is string certs)
        {
            values[SettingsCatalog.RegistryCerts.AnnotationKey] = certs;
        }
        if (preparation.RegistriesConf is string registries)
        {
            values[SettingsCatalog.RegistriesConf.AnnotationKey] = registries;
        }
        if (preparation.SignaturePolicy is string policy)
        {
            values[SettingsCatalog.SignaturePolicy.AnnotationKey] = policy;
        }
        warnings.AddRange(build.Unsupported.Select(u => $"{origin}: {u}"));
        warnings.AddRange(preparation.Warnings.Select(w => $"{origin}: {w}"));
        foreach (var (key, value) in build.Annotations)
        {
            values[key] = value;
        }
        return (new SettingLayer(SettingSource.Build, origin, values), warnings.ToImmutable());
    }

    /// <summary>
    /// <c>OUTPUT_REGISTRY/OUTPUT_IMAGE</c>, the push target OpenShift gives a custom builder (its own example builder
    /// pushes there), or <c>OUTPUT_IMAGE</c> alone when the registry is empty (a Docker Hub name); null when unset.
    /// </summary>
    public static string? OutputImage(OpenShiftEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.OutputImage is not string image)
        {
            return null;
        }
        return environment.OutputRegistry is string registry ? $"{registry.TrimEnd('/')}/{image}" : image;
    }
}
