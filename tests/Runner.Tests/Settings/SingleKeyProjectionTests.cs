using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public sealed class SingleKeyProjectionTests
{
    private static SettingInputs Inputs(IReadOnlyDictionary<string, string>? flags = null) =>
        new("/etc/podinfo/annotations", "/etc/build-runner/defaults", "/etc/build-runner/overrides",
            flags ?? new Dictionary<string, string>(), null);

    [Fact]
    public void A_single_key_projection_beside_the_annotations_file_counts_as_a_pod_annotation()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/etc/podinfo/build-runner/output-image"] = new("registry.example/app:1"),
            ["/etc/podinfo/build-runner/build-args"] = new("A=1\nB=two words"),
        });

        var gathered = new SettingsGatherer(fs).Gather(Inputs());

        Assert.Equal("registry.example/app:1", gathered.Resolved[SettingsCatalog.OutputImage].Value);
        Assert.Equal(SettingSource.PodAnnotation, gathered.Resolved[SettingsCatalog.OutputImage].Source);
        Assert.Equal("A=1\nB=two words", gathered.Resolved[SettingsCatalog.BuildArgs].Value);
    }

    [Fact]
    public void A_projection_holds_the_raw_value_so_quotes_and_backslashes_are_not_unquoted()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/etc/podinfo/annotations"] = new("build-runner/target=\"from-file\""),
            ["/etc/podinfo/build-runner/labels"] = new("note=say \"hi\" \\n here"),
        });

        var gathered = new SettingsGatherer(fs).Gather(Inputs());

        Assert.Equal("note=say \"hi\" \\n here", gathered.Resolved[SettingsCatalog.Labels].Value);
        Assert.Equal("from-file", gathered.Resolved[SettingsCatalog.Target].Value);
    }

    [Fact]
    public void The_kubelets_dot_files_in_the_projection_folder_are_ignored_and_flags_still_win()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/etc/podinfo/build-runner/..data"] = new("x"),
            ["/etc/podinfo/build-runner/target"] = new("projected"),
        });

        var gathered = new SettingsGatherer(fs).Gather(Inputs(new Dictionary<string, string> { ["build-runner/target"] = "flagged" }));

        Assert.Equal("flagged", gathered.Resolved[SettingsCatalog.Target].Value);
        Assert.Empty(gathered.Resolved.Warnings);
    }

    [Fact]
    public void A_folder_given_as_the_annotations_path_stands_for_the_annotations_file_and_projections_in_it()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/etc/podinfo/annotations"] = new("build-runner/target=\"from-file\""),
            ["/etc/podinfo/build-runner/format"] = new("docker"),
        });
        var inputs = Inputs() with { AnnotationsPath = "/etc/podinfo" };

        var gathered = new SettingsGatherer(fs).Gather(inputs);

        Assert.Equal("from-file", gathered.Resolved[SettingsCatalog.Target].Value);
        Assert.Equal("docker", gathered.Resolved[SettingsCatalog.Format].Value);
    }
}
