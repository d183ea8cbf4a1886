using BuildRunner.Cli;
using BuildRunner.Planning;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Cli;

public class ArgumentParserTests
{
    private static ParsedArguments Parse(params string[] args) => ArgumentParser.Parse(args);

    private static RunnerException UsageError(params string[] args)
    {
        var error = Assert.Throws<RunnerException>(() => ArgumentParser.Parse(args));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("usage", error.Code);
        return error;
    }

    [Fact]
    public void No_arguments_means_build()
    {
        var parsed = Parse();

        Assert.Equal("build", parsed.Command);
        Assert.Empty(parsed.Options);
        Assert.Empty(parsed.SettingFlags);
    }

    [Fact]
    public void Flags_without_a_command_mean_build()
    {
        var parsed = Parse("--tag", "registry:5000/app:v1");

        Assert.Equal("build", parsed.Command);
        Assert.Equal("registry:5000/app:v1", parsed.SettingFlags["build-runner/output-image"]);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("doctor")]
    [InlineData("version")]
    [InlineData("settings")]
    [InlineData("help")]
    public void Every_command_is_known(string command)
    {
        Assert.Equal(command, Parse(command).Command);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error_listing_the_commands()
    {
        var error = UsageError("bild");

        Assert.Contains("unknown command \"bild\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("use one of: build, doctor, bench, prefetch, version, settings, failures, help", error.Fix);
    }

    [Theory]
    [InlineData("--tag", "registry:5000/app:v1")]
    [InlineData("--storage-driver", "vfs")]
    [InlineData("--storage-root", "/scratch")]
    [InlineData("--file", "Dockerfile.prod")]
    [InlineData("--target", "runtime")]
    [InlineData("--authfile", "/secrets/.dockerconfigjson")]
    [InlineData("--format", "docker")]
    [InlineData("--pull-policy", "never")]
    [InlineData("--timestamp", "0")]
    [InlineData("--log-level", "debug")]
    [InlineData("--context", "/workspace")]
    [InlineData("--build-arg", "A=1")]
    [InlineData("--label", "a=b")]
    [InlineData("--run-capabilities", "+NET_RAW")]
    public void A_setting_flag_takes_its_value_as_the_next_argument_or_after_an_equals_sign(string flag, string value)
    {
        var key = SettingsCatalog.ByFlag(flag)!.AnnotationKey;

        Assert.Equal(value, Parse("build", flag, value).SettingFlags[key]);
        Assert.Equal(value, Parse("build", $"{flag}={value}").SettingFlags[key]);
    }

    [Fact]
    public void Every_catalog_setting_has_a_working_flag()
    {
        foreach (var d in SettingsCatalog.All)
        {
            var value = d.Kind == SettingKind.Boolean ? "false" : "x";
            Assert.Equal(value, Parse("build", $"{d.Flag}={value}").SettingFlags[d.AnnotationKey]);
        }
    }

    [Fact]
    public void A_value_after_the_equals_sign_may_itself_hold_equals_signs()
    {
        Assert.Equal("URL=http://x/?a=b", Parse("--build-arg=URL=http://x/?a=b").SettingFlags["build-runner/build-args"]);
    }

    [Fact]
    public void An_empty_value_after_the_equals_sign_is_kept()
    {
        Assert.Equal("", Parse("--target=").SettingFlags["build-runner/target"]);
    }

    [Theory]
    [InlineData("--push")]
    [InlineData("--layers")]
    [InlineData("--no-cache")]
    [InlineData("--require-user-namespace")]
    [InlineData("--tls-verify")]
    public void A_bare_boolean_flag_means_true(string flag)
    {
        Assert.Equal("true", Parse(flag).SettingFlags[SettingsCatalog.ByFlag(flag)!.AnnotationKey]);
    }

    [Theory]
    [InlineData("--no-push", "build-runner/push")]
    [InlineData("--no-tls-verify", "build-runner/tls-verify")]
    [InlineData("--no-layers", "build-runner/layers")]
    [InlineData("--no-require-user-namespace", "build-runner/require-user-namespace")]
    public void A_no_prefix_turns_a_boolean_off(string flag, string key)
    {
        Assert.Equal("false", Parse(flag).SettingFlags[key]);
    }

    [Theory]
    [InlineData(new[] { "--tls-verify", "false" }, "false")]
    [InlineData(new[] { "--tls-verify", "true" }, "true")]
    [InlineData(new[] { "--tls-verify=false" }, "false")]
    [InlineData(new[] { "--tls-verify=FALSE" }, "FALSE")]
    public void A_boolean_takes_true_or_false_as_its_next_argument_or_after_an_equals_sign(string[] args, string value)
    {
        var parsed = Parse(args);

        Assert.Equal(value, parsed.SettingFlags["build-runner/tls-verify"]);
        Assert.False(parsed.SettingFlags.ContainsKey("build-runner/context"));
    }

    [Theory]
    [InlineData(new[] { "--layers" }, "true")]
    [InlineData(new[] { "--no-layers" }, "false")]
    [InlineData(new[] { "--layers", "auto", "./app" }, "auto")]
    [InlineData(new[] { "--layers", "false", "./app" }, "false")]
    [InlineData(new[] { "--layers=auto" }, "auto")]
    public void A_choice_of_auto_true_and_false_works_like_a_boolean_flag_and_also_takes_auto(string[] args, string value)
    {
        var parsed = Parse(args);

        Assert.Equal(value, parsed.SettingFlags["build-runner/layers"]);
        Assert.Equal(args.Contains("./app"), parsed.SettingFlags.ContainsKey("build-runner/context"));
    }

    [Fact]
    public void A_no_prefix_on_a_choice_without_true_and_false_is_unknown()
    {
        UsageError("--no-pull-policy");
    }

    [Fact]
    public void A_bare_boolean_before_the_context_leaves_the_context_alone()
    {
        var parsed = Parse("--push", "./app");

        Assert.Equal("true", parsed.SettingFlags["build-runner/push"]);
        Assert.Equal("./app", parsed.SettingFlags["build-runner/context"]);
    }

    [Fact]
    public void Repeated_list_flags_join_with_newlines_in_order()
    {
        var parsed = Parse("--tag", "a:1", "--tag=b:2", "--build-arg", "A=1", "--tag", "c:3", "--build-arg=B=2");

        Assert.Equal("a:1\nb:2\nc:3", parsed.SettingFlags["build-runner/output-image"]);
        Assert.Equal("A=1\nB=2", parsed.SettingFlags["build-runner/build-args"]);
    }

    [Fact]
    public void A_repeated_single_value_flag_keeps_the_last()
    {
        Assert.Equal("vfs", Parse("--storage-driver", "overlay", "--storage-driver", "vfs").SettingFlags["build-runner/storage-driver"]);
    }

    [Fact]
    public void A_positional_argument_is_the_context()
    {
        var parsed = Parse("build", "--tag", "app:v1", "./src");

        Assert.Equal("./src", parsed.SettingFlags["build-runner/context"]);
        Assert.Equal("app:v1", parsed.SettingFlags["build-runner/output-image"]);
    }

    [Fact]
    public void A_second_positional_argument_is_a_usage_error()
    {
        var error = UsageError("build", "./a", "./b");

        Assert.Contains("unexpected argument \"./b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_positional_argument_after_the_context_flag_is_a_usage_error()
    {
        UsageError("--context", "./a", "./b");
    }

    [Fact]
    public void A_positional_argument_to_doctor_is_a_usage_error()
    {
        UsageError("doctor", "./src");
    }

    [Theory]
    [InlineData("--storage-drvier", "--storage-driver")]
    [InlineData("--tags", "--tag")]
    [InlineData("--build-args", "--build-arg")]
    [InlineData("--tls-verfy", "--tls-verify")]
    [InlineData("--reslt", "--result")]
    public void An_unknown_flag_is_a_usage_error_suggesting_the_closest_flag(string flag, string meant)
    {
        var error = UsageError("build", flag, "x");

        Assert.Equal($"unknown flag {flag} for build", error.Message);
        Assert.Equal($"did you mean {meant}?", error.Fix);
    }

    [Fact]
    public void An_unknown_flag_written_with_a_value_is_named_without_the_value()
    {
        var error = UsageError("--storage-drvier=vfs");

        Assert.Equal("unknown flag --storage-drvier for build", error.Message);
        Assert.Equal("did you mean --storage-driver?", error.Fix);
    }

    [Fact]
    public void A_no_prefix_on_a_setting_that_is_not_boolean_is_unknown()
    {
        UsageError("--no-tag");
    }

    [Fact]
    public void Doctor_takes_builds_result_options_so_a_pod_specs_args_work_for_both()
    {
        var parsed = ArgumentParser.Parse(["doctor", "--result", "/tekton/results/result.json", "--termination-log", "/dev/termination-log"]);

        Assert.Equal(new ResultFiles("/tekton/results/result.json", "/dev/termination-log", true), CommandOptions.ResultFilesOf(parsed));
    }

    [Fact]
    public void Without_result_options_a_run_reports_only_to_the_kubelets_termination_message_if_it_exists() =>
        Assert.Equal(ResultFiles.Default, CommandOptions.ResultFilesOf(ArgumentParser.Parse(["build"])));

    [Fact]
    public void A_command_without_flags_says_so()
    {
        var error = UsageError("version", "--tag", "x");

        Assert.Equal("version takes no flags", error.Fix);
    }

    [Theory]
    [InlineData("--tag")]
    [InlineData("--storage-driver")]
    [InlineData("--result")]
    [InlineData("--annotations")]
    public void A_flag_missing_its_value_is_a_usage_error(string flag)
    {
        var error = UsageError("build", flag);

        Assert.Equal($"{flag} needs a value", error.Message);
        Assert.Equal($"write {flag} VALUE or {flag}=VALUE", error.Fix);
    }

    [Fact]
    public void Build_takes_its_file_options()
    {
        var parsed = Parse(
            "build", "--annotations", "/a", "--defaults=/d", "--overrides", "/o", "--result", "/r.json", "--termination-log", "/t");

        Assert.Equal("/a", parsed.Option(CommandOptions.Annotations, "x"));
        Assert.Equal("/d", parsed.Option(CommandOptions.Defaults, "x"));
        Assert.Equal("/o", parsed.OptionOrNull(CommandOptions.Overrides));
        Assert.Equal("/r.json", parsed.OptionOrNull(CommandOptions.Result));
        Assert.Equal("/t", parsed.OptionOrNull(CommandOptions.TerminationLog));
        Assert.Empty(parsed.SettingFlags);
    }

    [Fact]
    public void Absent_options_fall_back()
    {
        var parsed = Parse("build");

        Assert.Equal(CommandOptions.DefaultAnnotationsPath, parsed.Option(CommandOptions.Annotations, CommandOptions.DefaultAnnotationsPath));
        Assert.Null(parsed.OptionOrNull(CommandOptions.Result));
        Assert.False(parsed.Switch(CommandOptions.Json));
    }

    [Fact]
    public void Doctor_takes_json_as_a_switch_and_setting_flags()
    {
        var parsed = Parse("doctor", "--json", "--storage-driver", "vfs", "--annotations=/a");

        Assert.Equal("doctor", parsed.Command);
        Assert.True(parsed.Switch(CommandOptions.Json));
        Assert.Equal("true", parsed.Options["--json"]);
        Assert.Equal("vfs", parsed.SettingFlags["build-runner/storage-driver"]);
        Assert.Equal("/a", parsed.Options["--annotations"]);
    }

    [Fact]
    public void Build_has_no_json_switch()
    {
        UsageError("build", "--json");
    }

    [Fact]
    public void Settings_and_version_take_no_setting_flags()
    {
        UsageError("settings", "--push");
        UsageError("version", "--no-push");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_flags_alone_mean_help(string flag)
    {
        var parsed = Parse(flag);

        Assert.Equal("help", parsed.Command);
        Assert.Empty(parsed.Options);
        Assert.Empty(parsed.SettingFlags);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("doctor")]
    [InlineData("version")]
    public void Help_after_a_command_means_help(string command)
    {
        Assert.Equal("help", Parse(command, "--help").Command);
    }

    [Fact]
    public void A_single_dash_option_is_a_usage_error_not_the_context()
    {
        var error = UsageError("build", "--tag", "registry:5000/app:v1", "-q");

        Assert.Contains("-q", error.Message, StringComparison.Ordinal);
    }
}
