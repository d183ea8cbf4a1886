using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class SettingsGathererTests
{
    private const string AnnotationsPath = "/etc/podinfo/annotations";
    private const string DefaultsPath = "/etc/build-runner/defaults";
    private const string OverridesPath = "/etc/build-runner/overrides";
    private const string Target = "build-runner/target";

    private static MockFileData File(params (string Key, string Value)[] annotations) =>
        new(AnnotationsFile.Format(annotations.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal)));

    private static SettingInputs Inputs(params (string Key, string Value)[] flags) =>
        new(AnnotationsPath, DefaultsPath, OverridesPath, flags.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), null);

    [Fact]
    public void Overrides_beat_flags_beat_pod_annotations_beat_defaults_end_to_end()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [DefaultsPath] = File((Target, "defaults"), ("build-runner/format", "docker"), ("build-runner/log-level", "warning"), ("build-runner/storage-driver", "vfs")),
            [AnnotationsPath] = File((Target, "pod"), ("build-runner/format", "oci"), ("build-runner/log-level", "debug")),
            [OverridesPath] = File((Target, "overrides")),
        });

        var resolved = new SettingsGatherer(fs).Gather(Inputs((Target, "flag"), ("build-runner/log-level", "error"))).Resolved;

        Assert.Equal(("overrides", SettingSource.ClusterOverrides), (resolved[SettingsCatalog.Target].Value, resolved[SettingsCatalog.Target].Source));
        Assert.Equal(("error", SettingSource.Flag), (resolved[SettingsCatalog.LogLevel].Value, resolved[SettingsCatalog.LogLevel].Source));
        Assert.Equal(("oci", SettingSource.PodAnnotation), (resolved[SettingsCatalog.Format].Value, resolved[SettingsCatalog.Format].Source));
        Assert.Equal(("vfs", SettingSource.ClusterDefaults), (resolved[SettingsCatalog.StorageDriver].Value, resolved[SettingsCatalog.StorageDriver].Source));
        Assert.Equal(("true", SettingSource.Default), (resolved[SettingsCatalog.Push].Value, resolved[SettingsCatalog.Push].Source));
    }

    [Fact]
    public void The_layers_found_are_returned_lowest_first_with_their_origins()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [OverridesPath] = File(("build-runner/require-user-namespace", "true")),
            [AnnotationsPath] = File((Target, "pod")),
            [DefaultsPath] = File((Target, "defaults")),
        });

        var gathered = new SettingsGatherer(fs).Gather(Inputs((Target, "flag")));

        Assert.Equal(
            [SettingSource.ClusterDefaults, SettingSource.PodAnnotation, SettingSource.Flag, SettingSource.ClusterOverrides],
            gathered.Layers.Select(l => l.Source));
        Assert.Equal(
            [$"cluster defaults file \"{DefaultsPath}\"", $"pod annotations file \"{AnnotationsPath}\"", "the command line", $"cluster overrides file \"{OverridesPath}\""],
            gathered.Layers.Select(l => l.Origin));
    }

    [Fact]
    public void Missing_files_and_no_flags_give_the_built_in_defaults()
    {
        var gathered = new SettingsGatherer(new MockFileSystem()).Gather(Inputs());

        Assert.Empty(gathered.Layers);
        Assert.Empty(gathered.PodAnnotations);
        Assert.Empty(gathered.Resolved.Warnings);
        Assert.All(gathered.Resolved.InOrder(), s => Assert.Equal(SettingSource.Default, s.Source));
    }

    [Fact]
    public void The_pod_annotations_are_kept_whole_for_the_user_namespace_check()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [AnnotationsPath] = File(("io.kubernetes.cri-o.userns-mode", "auto:size=65536"), ("kubernetes.io/config.seen", "2026-11-27T01:00:00Z"), (Target, "pod")),
        });

        var gathered = new SettingsGatherer(fs).Gather(Inputs());

        Assert.Equal(3, gathered.PodAnnotations.Count);
        Assert.Equal("auto:size=65536", gathered.PodAnnotations["io.kubernetes.cri-o.userns-mode"]);
        Assert.Empty(gathered.Resolved.Warnings);
    }

    [Fact]
    public void A_misspelt_key_in_the_pod_annotations_warns_naming_the_file_and_the_closest_key()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [AnnotationsPath] = File(("build-runner/storage-drvier", "vfs")),
        });

        var warning = Assert.Single(new SettingsGatherer(fs).Gather(Inputs()).Resolved.Warnings);

        Assert.StartsWith($"pod annotations file \"{AnnotationsPath}\": unknown key build-runner/storage-drvier", warning, StringComparison.Ordinal);
        Assert.EndsWith("did you mean build-runner/storage-driver?", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_value_in_the_overrides_names_the_overrides_file()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [OverridesPath] = File(("build-runner/require-user-namespace", "always")),
        });

        var error = Assert.Throws<RunnerException>(() => new SettingsGatherer(fs).Gather(Inputs()));

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains($"cluster overrides file \"{OverridesPath}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("build-runner/require-user-namespace", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"always\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_value_spans_several_lines_in_an_annotations_file()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [AnnotationsPath] = File(("build-runner/output-image", "registry:5000/app:v1\nregistry:5000/app:latest\n"), ("build-runner/run-capabilities", "+NET_RAW\n-KILL")),
        });

        var settings = BuildSettings.From(new SettingsGatherer(fs).Gather(Inputs()).Resolved);

        Assert.Equal(["registry:5000/app:v1", "registry:5000/app:latest"], settings.OutputImages.AsEnumerable());
        Assert.Contains("CAP_NET_RAW", settings.RunCapabilities);
        Assert.DoesNotContain("CAP_KILL", settings.RunCapabilities);
    }

    [Fact]
    public void A_malformed_annotations_file_is_an_invalid_settings_failure()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [DefaultsPath] = new("build-runner/push=true"),
        });

        var error = Assert.Throws<RunnerException>(() => new SettingsGatherer(fs).Gather(Inputs()));

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.Contains(DefaultsPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_OpenShift_custom_build_resolves_through_the_build_layer_below_the_pods_own_annotations()
    {
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("builder:t0ken-value"));
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/var/run/secrets/openshift.io/push/.dockercfg"] = new($$$"""{"registry.example.com:5443":{"auth":"{{{auth}}}"}}"""),
            [AnnotationsPath] = File(("build-runner/no-cache", "true")),
        });
        var openShift = new OpenShiftEnvironment(
            """{"kind":"Build","metadata":{"name":"app-1","namespace":"team-a"},"spec":{"output":{"to":{"kind":"ImageStreamTag","name":"app:latest"}},"strategy":{"type":"Custom","customStrategy":{"exposeDockerSocket":true}}}}""",
            "/var/run/secrets/openshift.io/push", OutputRegistry: "registry.example.com:5443", OutputImage: "team-a/app:latest")
        { CertsFolder = "/none", BuildSystemFolder = "/none" };

        var gathered = new SettingsGatherer(fs).Gather(Inputs() with { OpenShift = openShift, WorkDirectory = "/tmp/w" });

        var resolved = gathered.Resolved;
        Assert.Equal(("registry.example.com:5443/team-a/app:latest", SettingSource.Build),
            (resolved[SettingsCatalog.OutputImage].Value, resolved[SettingsCatalog.OutputImage].Source));
        Assert.Equal(("/tmp/w/openshift/auth.json", SettingSource.Build), (resolved[SettingsCatalog.AuthFile].Value, resolved[SettingsCatalog.AuthFile].Source));
        Assert.Equal(SettingSource.PodAnnotation, resolved[SettingsCatalog.NoCache].Source);
        Assert.Contains(resolved.Warnings, w => w.Contains("spec.strategy.customStrategy.exposeDockerSocket", StringComparison.Ordinal));
        Assert.Equal("/tmp/w/openshift/auth.json", Assert.Single(gathered.OpenShift.Files).Path);
        Assert.False(fs.File.Exists("/tmp/w/openshift/auth.json"));
    }
}
