using System.Collections.Immutable;
using System.IO.Abstractions;

namespace BuildRunner.Settings;

/// <summary>Reads every setting source and resolves them.</summary>
public sealed class SettingsGatherer(IFileSystem fileSystem)
{
    /// <summary>Reads the sources named by <paramref name="inputs"/>; missing files count as empty.</summary>
    /// <exception cref="RunnerException">A source is malformed or a value is invalid.</exception>
    public GatheredSettings Gather(SettingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var layers = ImmutableArray.CreateBuilder<SettingLayer>();
        var defaults = AnnotationsFile.TryRead(fileSystem, inputs.DefaultsPath);
        if (defaults is not null)
        {
            layers.Add(new SettingLayer(SettingSource.ClusterDefaults, $"cluster defaults file \"{inputs.DefaultsPath}\"", defaults));
        }
        var warnings = ImmutableArray<string>.Empty;
        var preparation = OpenShiftPreparation.None;
        if (inputs.OpenShift is { BuildJson: { } buildJson } openShift && !string.IsNullOrWhiteSpace(buildJson))
        {
            var build = OpenShiftBuildReader.Parse(buildJson, openShift.PushDockercfgPath);
            preparation = OpenShiftPreparation.Read(fileSystem, openShift, build,
                inputs.WorkDirectory ?? fileSystem.Path.Combine(fileSystem.Path.GetTempPath(), "build-runner"));
            var (layer, buildWarnings) = OpenShiftBuildLayer.From(build, openShift, preparation);
            layers.Add(layer);
            warnings = buildWarnings;
        }
        // A downward API volume's folder stands for its conventional item, the annotations file in it.
        var annotationsPath = fileSystem.Directory.Exists(inputs.AnnotationsPath)
            ? fileSystem.Path.Combine(inputs.AnnotationsPath, "annotations")
            : inputs.AnnotationsPath;
        var pod = WithProjections(AnnotationsFile.TryRead(fileSystem, annotationsPath), annotationsPath);
        if (pod is not null)
        {
            layers.Add(new SettingLayer(SettingSource.PodAnnotation, $"pod annotations file \"{annotationsPath}\"", pod));
        }
        if (inputs.Flags.Count > 0)
        {
            layers.Add(new SettingLayer(SettingSource.Flag, "the command line", inputs.Flags));
        }
        var overrides = AnnotationsFile.TryRead(fileSystem, inputs.OverridesPath);
        if (overrides is not null)
        {
            layers.Add(new SettingLayer(SettingSource.ClusterOverrides, $"cluster overrides file \"{inputs.OverridesPath}\"", overrides));
        }
        var ordered = layers.OrderBy(l => l.Source).ToImmutableArray();
        var resolved = SettingsResolver.Resolve(ordered);
        return new GatheredSettings(
            resolved with { Warnings = warnings.AddRange(resolved.Warnings) },
            pod ?? ImmutableDictionary<string, string>.Empty,
            ordered)
        {
            OpenShift = preparation,
        };
    }

    /// <summary>
    /// Adds single-key projections: files beside the annotations file under <c>build-runner/</c>, each holding one
    /// annotation's raw value (a downward API item <c>path: build-runner/output-image</c> with
    /// <c>fieldRef: metadata.annotations['build-runner/output-image']</c>). They name the same annotations, so they
    /// count as pod annotations.
    /// </summary>
    private IReadOnlyDictionary<string, string>? WithProjections(IReadOnlyDictionary<string, string>? annotations, string annotationsPath)
    {
        var folder = fileSystem.Path.Combine(fileSystem.Path.GetDirectoryName(annotationsPath) ?? "/", SettingDefinition.AnnotationPrefix.TrimEnd('/'));
        if (!fileSystem.Directory.Exists(folder))
        {
            return annotations;
        }
        var merged = new Dictionary<string, string>(annotations ?? ImmutableDictionary<string, string>.Empty, StringComparer.Ordinal);
        foreach (var file in fileSystem.Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = fileSystem.Path.GetFileName(file);
            // The kubelet's own bookkeeping (..data, ..2026_...) starts with dots.
            if (name.StartsWith('.') || AnnotationsFile.TryReadSingleValue(fileSystem, file) is not string value)
            {
                continue;
            }
            merged[SettingDefinition.AnnotationPrefix + name] = value;
        }
        return merged;
    }
}
