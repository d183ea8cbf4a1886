using System.Collections.Immutable;

namespace BuildRunner.Settings;

/// <summary>
/// What an OpenShift Build says, as settings: its docker-strategy fields mapped to the runner's keys, then its
/// own <c>build-runner/</c> annotations on top (they are the more specific word).
/// </summary>
public static class OpenShiftBuildLayer
{
    /// <summary>The layer and the warnings about what could not be used.</summary>
    public static (SettingLayer Layer, ImmutableArray<string> Warnings) From(OpenShiftBuild build, string? authFile)
    {
        ArgumentNullException.ThrowIfNull(build);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = ImmutableArray.CreateBuilder<string>();
        var origin = $"the Build object {build.Namespace}/{build.Name} (BUILD)";

        if (build.OutputImage is string image)
        {
            values[SettingsCatalog.OutputImage.AnnotationKey] = image;
        }
        else if (build.OutputName is string name)
        {
            warnings.Add($"{origin}: spec.output.to is a {build.OutputKind} (\"{name}\"), not a DockerImage; it is not used as the output image");
        }
        if (build.ContextDir is string contextDir)
        {
            values[SettingsCatalog.Context.AnnotationKey] = contextDir;
        }
        if (build.DockerfilePath is string dockerfile)
        {
            values[SettingsCatalog.File.AnnotationKey] = dockerfile;
        }
        if (build.BuildArgs.Count > 0)
        {
            values[SettingsCatalog.BuildArgs.AnnotationKey] = string.Join("\n", build.BuildArgs.Select(a => $"{a.Key}={a.Value}"));
        }
        foreach (var skipped in build.SkippedBuildArgs)
        {
            warnings.Add($"{origin}: build argument {skipped} uses valueFrom, which only OpenShift's own builder resolves; it is not passed");
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
        if (authFile is not null)
        {
            values[SettingsCatalog.AuthFile.AnnotationKey] = authFile;
        }
        foreach (var (key, value) in build.Annotations)
        {
            values[key] = value;
        }
        return (new SettingLayer(SettingSource.Build, origin, values), warnings.ToImmutable());
    }
}
