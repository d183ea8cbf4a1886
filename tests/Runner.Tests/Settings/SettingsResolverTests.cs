using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class SettingsResolverTests
{
    private const string Target = "build-runner/target";

    private static SettingLayer Layer(SettingSource source, params (string Key, string Value)[] values) =>
        new(source, source.ToName() + " layer", values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    private static readonly SettingSource[] AboveDefault =
        [SettingSource.ClusterDefaults, SettingSource.Build, SettingSource.PodAnnotation, SettingSource.Flag, SettingSource.ClusterOverrides];

    public static TheoryData<SettingSource> Sources => [.. Enum.GetValues<SettingSource>()];

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_highest_layer_that_sets_a_key_wins_and_is_named_as_its_source(SettingSource highest)
    {
        var layers = AboveDefault.Where(s => s <= highest).Select(s => Layer(s, (Target, s.ToName())));

        var resolved = SettingsResolver.Resolve(layers);

        var effective = resolved[SettingsCatalog.Target];
        Assert.Equal(highest, effective.Source);
        Assert.Equal(highest == SettingSource.Default ? "" : highest.ToName(), effective.Value);
    }

    [Fact]
    public void Layers_given_out_of_order_are_sorted_by_precedence()
    {
        var layers = AboveDefault.Reverse().Select(s => Layer(s, (Target, s.ToName())));

        var effective = SettingsResolver.Resolve(layers)[SettingsCatalog.Target];

        Assert.Equal("cluster-overrides", effective.Value);
        Assert.Equal(SettingSource.ClusterOverrides, effective.Source);
    }

    [Fact]
    public void Pod_annotations_given_after_flags_still_lose_to_them()
    {
        var resolved = SettingsResolver.Resolve(
        [
            Layer(SettingSource.Flag, ("build-runner/push", "false")),
            Layer(SettingSource.PodAnnotation, ("build-runner/push", "true")),
            Layer(SettingSource.ClusterDefaults, ("build-runner/push", "true")),
        ]);

        Assert.Equal("false", resolved[SettingsCatalog.Push].Value);
        Assert.Equal(SettingSource.Flag, resolved[SettingsCatalog.Push].Source);
    }

    [Fact]
    public void Two_layers_of_the_same_source_keep_their_given_order()
    {
        var resolved = SettingsResolver.Resolve(
        [
            Layer(SettingSource.PodAnnotation, (Target, "first")),
            Layer(SettingSource.PodAnnotation, (Target, "second")),
        ]);

        Assert.Equal("second", resolved[SettingsCatalog.Target].Value);
    }

    [Fact]
    public void Every_key_keeps_the_source_of_the_layer_that_last_set_it()
    {
        var resolved = SettingsResolver.Resolve(
        [
            Layer(SettingSource.ClusterDefaults, ("build-runner/storage-driver", "vfs"), ("build-runner/log-level", "debug"), (Target, "d")),
            Layer(SettingSource.Build, ("build-runner/output-image", "registry:5000/app:v1"), (Target, "b")),
            Layer(SettingSource.PodAnnotation, ("build-runner/format", "docker"), (Target, "p")),
            Layer(SettingSource.Flag, ("build-runner/tls-verify", "false"), (Target, "f")),
            Layer(SettingSource.ClusterOverrides, ("build-runner/require-user-namespace", "true")),
        ]);

        Assert.Equal(("vfs", SettingSource.ClusterDefaults), Pick(resolved, SettingsCatalog.StorageDriver));
        Assert.Equal(("debug", SettingSource.ClusterDefaults), Pick(resolved, SettingsCatalog.LogLevel));
        Assert.Equal(("registry:5000/app:v1", SettingSource.Build), Pick(resolved, SettingsCatalog.OutputImage));
        Assert.Equal(("docker", SettingSource.PodAnnotation), Pick(resolved, SettingsCatalog.Format));
        Assert.Equal(("false", SettingSource.Flag), Pick(resolved, SettingsCatalog.TlsVerify));
        Assert.Equal(("f", SettingSource.Flag), Pick(resolved, SettingsCatalog.Target));
        Assert.Equal(("true", SettingSource.ClusterOverrides), Pick(resolved, SettingsCatalog.RequireUserNamespace));
        Assert.Equal(("true", SettingSource.Default), Pick(resolved, SettingsCatalog.Push));
    }

    private static (string, SettingSource) Pick(ResolvedSettings resolved, SettingDefinition definition) =>
        (resolved[definition].Value, resolved[definition].Source);

    [Fact]
    public void A_later_layer_replaces_a_list_rather_than_merging_it()
    {
        var resolved = SettingsResolver.Resolve(
        [
            Layer(SettingSource.ClusterDefaults, ("build-runner/build-args", "A=1\nB=2")),
            Layer(SettingSource.PodAnnotation, ("build-runner/build-args", "C=3")),
        ]);

        Assert.Equal(["C=3"], resolved[SettingsCatalog.BuildArgs].Items);
    }

    [Fact]
    public void With_no_layers_every_setting_has_its_built_in_default()
    {
        var resolved = SettingsResolver.Resolve([]);

        Assert.Equal(SettingsCatalog.All.Length, resolved.Settings.Count);
        Assert.All(resolved.InOrder(), s =>
        {
            Assert.Equal(SettingSource.Default, s.Source);
            Assert.Equal(s.Definition.DefaultValue, s.Value);
        });
        Assert.Equal(SettingsCatalog.All, resolved.InOrder().Select(s => s.Definition));
        Assert.Empty(resolved.Warnings);
    }

    [Fact]
    public void A_misspelt_runner_key_is_ignored_with_a_warning_naming_the_closest_key()
    {
        var resolved = SettingsResolver.Resolve([Layer(SettingSource.PodAnnotation, ("build-runner/storage-drvier", "vfs"))]);

        var warning = Assert.Single(resolved.Warnings);
        Assert.Contains("pod-annotation layer", warning, StringComparison.Ordinal);
        Assert.Contains("unknown key build-runner/storage-drvier", warning, StringComparison.Ordinal);
        Assert.Contains("did you mean build-runner/storage-driver?", warning, StringComparison.Ordinal);
        Assert.Equal("auto", resolved[SettingsCatalog.StorageDriver].Value);
    }

    [Theory]
    [InlineData("build-runner/tags", "build-runner/target")]
    [InlineData("build-runner/output-images", "build-runner/output-image")]
    [InlineData("build-runner/buildargs", "build-runner/build-args")]
    [InlineData("build-runner/nocache", "build-runner/no-cache")]
    [InlineData("build-runner/tlsverify", "build-runner/tls-verify")]
    public void Warnings_suggest_the_nearest_known_key(string misspelt, string meant)
    {
        var resolved = SettingsResolver.Resolve([Layer(SettingSource.ClusterDefaults, (misspelt, "x"))]);

        Assert.EndsWith($"did you mean {meant}?", Assert.Single(resolved.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_outside_the_runner_prefix_are_ignored_without_warnings()
    {
        var resolved = SettingsResolver.Resolve(
        [
            Layer(
                SettingSource.PodAnnotation,
                ("kubernetes.io/config.seen", "2026-11-27T01:00:00Z"),
                ("io.kubernetes.cri-o.userns-mode", "auto:size=65536"),
                ("Build-Runner/push", "maybe"),
                ("build-runner", "x")),
        ]);

        Assert.Empty(resolved.Warnings);
        Assert.All(resolved.InOrder(), s => Assert.Equal(SettingSource.Default, s.Source));
    }

    [Fact]
    public void Values_are_stored_in_normal_form()
    {
        var resolved = SettingsResolver.Resolve([Layer(SettingSource.Flag, ("build-runner/storage-driver", " VFS "), ("build-runner/push", "FALSE"))]);

        Assert.Equal("vfs", resolved[SettingsCatalog.StorageDriver].Value);
        Assert.Equal("false", resolved[SettingsCatalog.Push].Value);
    }

    [Fact]
    public void An_invalid_value_names_the_layer_it_came_from()
    {
        var error = Assert.Throws<RunnerException>(() => SettingsResolver.Resolve(
        [
            Layer(SettingSource.PodAnnotation, ("build-runner/push", "true")),
            Layer(SettingSource.ClusterOverrides, ("build-runner/push", "yes")),
        ]));

        Assert.Equal(ExitCodes.InvalidSettings, error.ExitCode);
        Assert.StartsWith("reading cluster-overrides layer:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_names_are_the_report_names()
    {
        Assert.Equal(
            ["default", "cluster-defaults", "build", "pod-annotation", "flag", "cluster-overrides"],
            Enum.GetValues<SettingSource>().Select(s => s.ToName()));
    }
}
