using BuildRunner.Bench;
using BuildRunner.Cli;
using BuildRunner.Storage;

namespace BuildRunner.Tests.Bench;

public class BenchOptionsTests
{
    private static BenchOptions Options(params string[] args) => BenchCommand.Options(ArgumentParser.Parse(["bench", .. args]));

    private static RunnerException UsageError(params string[] args)
    {
        var error = Assert.Throws<RunnerException>(() => Options(args));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        return error;
    }

    [Fact]
    public void Without_options_the_bench_runs_every_shipped_workload_on_every_usable_driver_five_times()
    {
        var options = Options();

        Assert.Equal(["small-files", "large-file", "run-layers", "run-many-files", "multi-stage", "deps-and-sources", "debian-app"], options.Workloads.Select(w => w.Name));
        Assert.Empty(options.Drivers);
        Assert.Equal(5, options.Iterations);
        Assert.Equal(256, options.Sizes.LargeFileMiB);
        Assert.Equal(5000, options.Sizes.SmallFiles);
        Assert.Null(options.Registry);
        Assert.False(options.CachePass);
        Assert.Null(options.DebianBase);
    }

    [Fact]
    public void The_cache_pass_needs_a_registry_for_its_cache_repositories()
    {
        Assert.True(Options("--cache-pass", "--registry", "127.0.0.1:5000").CachePass);
        var error = UsageError("--cache-pass");

        Assert.Contains("--registry", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_workloads_with_a_source_file_to_change_take_part_in_the_cache_pass() =>
        Assert.Equal(["deps-and-sources", "debian-app"], BenchWorkloads.Shipped.Where(w => w.EditFile is not null).Select(w => w.Name));

    [Fact]
    public void Workload_and_driver_repeat_and_keep_their_order()
    {
        var options = Options("--workload", "run-layers", "--workload=small-files", "--driver", "vfs", "--driver", "overlay", "--iterations", "3");

        Assert.Equal(["run-layers", "small-files"], options.Workloads.Select(w => w.Name));
        Assert.Equal([StorageDriver.Vfs, StorageDriver.Overlay], options.Drivers.ToArray());
        Assert.Equal(3, options.Iterations);
    }

    [Fact]
    public void A_workload_may_be_a_context_folder_built_as_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("bench-context").FullName;
        try
        {
            var workload = Assert.Single(Options("--workload", folder).Workloads);

            Assert.Equal(folder, workload.ContextPath);
            Assert.False(workload.Shipped);
            Assert.Equal(WorkloadNeeds.None, workload.Needs);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void An_unknown_workload_name_suggests_the_closest_shipped_one()
    {
        var error = UsageError("--workload", "small-file");

        Assert.Contains("did you mean small-files?", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--iterations", "0")]
    [InlineData("--iterations", "three")]
    [InlineData("--large-file-mib", "-1")]
    [InlineData("--driver", "auto")]
    [InlineData("--driver", "btrfs")]
    public void Values_the_bench_cannot_use_are_usage_errors(string flag, string value)
    {
        UsageError(flag, value);
    }

    [Fact]
    public void Setting_flags_are_kept_to_pass_to_both_tools()
    {
        var options = Options("--layers", "true", "--build-arg", "A=1", "--build-arg", "B=2");

        Assert.Equal("true", options.Settings["build-runner/layers"]);
        Assert.Equal("A=1\nB=2", options.Settings["build-runner/build-args"]);
    }
}
