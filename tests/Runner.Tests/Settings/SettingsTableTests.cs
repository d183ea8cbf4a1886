using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public class SettingsTableTests
{
    private static string[] Lines() => SettingsTable.Markdown().TrimEnd('\n').Split('\n');

    [Fact]
    public void The_table_has_a_header_a_rule_and_one_row_per_setting()
    {
        var lines = Lines();

        Assert.Equal("| annotation | flag | default | allowed values | effect |", lines[0]);
        Assert.Equal("| --- | --- | --- | --- | --- |", lines[1]);
        Assert.Equal(SettingsCatalog.All.Length + 2, lines.Length);
        Assert.EndsWith("\n", SettingsTable.Markdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_row_names_its_annotation_key_and_flag_in_catalog_order()
    {
        var rows = Lines().Skip(2).ToList();

        for (var i = 0; i < SettingsCatalog.All.Length; i++)
        {
            var d = SettingsCatalog.All[i];
            Assert.StartsWith($"| `{d.AnnotationKey}` | `{d.Flag}` | ", rows[i], StringComparison.Ordinal);
            Assert.EndsWith($" | {d.Effect} |", rows[i], StringComparison.Ordinal);
            Assert.Equal(6, rows[i].Count(c => c == '|') - CountPipesIn(d.Effect));
        }
    }

    private static int CountPipesIn(string text) => text.Count(c => c == '|');

    [Fact]
    public void The_table_mentions_every_annotation_key_and_flag()
    {
        var table = SettingsTable.Markdown();

        Assert.All(SettingsCatalog.All, d =>
        {
            Assert.Contains($"`{d.AnnotationKey}`", table, StringComparison.Ordinal);
            Assert.Contains($"`{d.Flag}`", table, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("file", "(none)", "text")]
    [InlineData("push", "`true`", "`true`, `false`")]
    [InlineData("storage-driver", "`auto`", "`auto`, `overlay`, `fuse-overlayfs`, `vfs`")]
    [InlineData("timestamp", "(none)", "whole number")]
    [InlineData("build-args", "(none)", "`NAME=VALUE` lines")]
    [InlineData("output-image", "(none)", "one per line")]
    [InlineData("run-capabilities", "`CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FOWNER,CAP_FSETID,CAP_KILL,CAP_NET_BIND_SERVICE,CAP_SETFCAP,CAP_SETGID,CAP_SETPCAP,CAP_SETUID,CAP_SYS_CHROOT`", "capability names, or `+NAME`/`-NAME` lines")]
    public void Defaults_and_allowed_values_are_shown_per_kind(string name, string shownDefault, string allowed)
    {
        var d = SettingsCatalog.ByName(name)!;

        var row = Lines().Single(l => l.StartsWith($"| `{d.AnnotationKey}` |", StringComparison.Ordinal));

        Assert.StartsWith($"| `{d.AnnotationKey}` | `{d.Flag}` | {shownDefault} | {allowed} | ", row, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_contains_the_generated_settings_table()
    {
        var readme = Checkout.Read("README.md");

        Assert.Contains(SettingsTable.Markdown(), readme, StringComparison.Ordinal);
    }
}
