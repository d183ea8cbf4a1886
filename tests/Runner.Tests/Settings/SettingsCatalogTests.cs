using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class SettingsCatalogTests
{
    [Fact]
    public void Names_annotation_keys_and_flags_are_unique()
    {
        Assert.Equal(SettingsCatalog.All.Length, SettingsCatalog.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(SettingsCatalog.All.Length, SettingsCatalog.All.Select(d => d.Flag).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_annotation_key_carries_the_prefix_and_every_flag_starts_with_two_dashes()
    {
        Assert.All(SettingsCatalog.All, d =>
        {
            Assert.Equal("build-runner/" + d.Name, d.AnnotationKey);
            Assert.StartsWith("--", d.Flag, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(d.Effect));
        });
    }

    [Fact]
    public void Every_setting_is_found_by_its_key_its_name_and_its_flag()
    {
        Assert.All(SettingsCatalog.All, d =>
        {
            Assert.Same(d, SettingsCatalog.ByAnnotationKey(d.AnnotationKey));
            Assert.Same(d, SettingsCatalog.ByName(d.Name));
            Assert.Same(d, SettingsCatalog.ByFlag(d.Flag));
        });
    }

    [Fact]
    public void Unknown_keys_names_and_flags_find_nothing()
    {
        Assert.Null(SettingsCatalog.ByAnnotationKey("build-runner/storage-drvier"));
        Assert.Null(SettingsCatalog.ByAnnotationKey("storage-driver"));
        Assert.Null(SettingsCatalog.ByName("build-runner/storage-driver"));
        Assert.Null(SettingsCatalog.ByFlag("storage-driver"));
        Assert.Null(SettingsCatalog.ByFlag("--no-push"));
    }

    [Fact]
    public void Choices_list_their_default_among_the_allowed_values_and_other_kinds_list_none()
    {
        Assert.All(SettingsCatalog.All, d =>
        {
            if (d.Kind == SettingKind.Choice)
            {
                Assert.Contains(d.DefaultValue, d.AllowedValues);
            }
            else
            {
                Assert.Empty(d.AllowedValues);
            }
        });
    }

    [Fact]
    public void Only_list_kinds_may_repeat()
    {
        Assert.Equal(
            ["build-contexts", "output-image", "build-args", "secrets", "labels", "annotations", "env", "image-stores", "run-capabilities"],
            SettingsCatalog.All.Where(d => d.IsList).Select(d => d.Name));
    }

    [Fact]
    public void The_output_image_flag_is_tag_and_the_build_arguments_flag_is_build_arg()
    {
        Assert.Equal("--tag", SettingsCatalog.OutputImage.Flag);
        Assert.Equal("--build-arg", SettingsCatalog.BuildArgs.Flag);
        Assert.Equal("--label", SettingsCatalog.Labels.Flag);
    }

    [Fact]
    public void The_default_run_capabilities_are_buildahs_eleven_and_exclude_the_dangerous_ones()
    {
        Assert.Equal(11, SettingsCatalog.DefaultRunCapabilities.Length);
        Assert.DoesNotContain("CAP_SYS_ADMIN", SettingsCatalog.DefaultRunCapabilities);
        Assert.DoesNotContain("CAP_NET_RAW", SettingsCatalog.DefaultRunCapabilities);
        Assert.DoesNotContain("CAP_MKNOD", SettingsCatalog.DefaultRunCapabilities);
        Assert.Equal(string.Join("\n", SettingsCatalog.DefaultRunCapabilities), SettingsCatalog.RunCapabilities.DefaultValue);
    }
}
