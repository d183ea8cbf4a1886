using System.Collections.Immutable;
using System.Globalization;
using System.IO.Abstractions;
using BuildRunner.Bench;
using BuildRunner.Storage;

namespace BuildRunner.Cli;

/// <summary>
/// <c>build-runner bench</c>: times the runner against plain <c>buildah bud</c> with the same arguments, on the shipped
/// workloads (or contexts given) and every usable storage driver, a fresh store each run. Prints a Markdown table;
/// writes the measurements as JSON (<c>--json</c>) and a bar chart (<c>--svg</c>). Runs where <c>build</c> runs.
/// </summary>
public sealed class BenchCommand(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Runs the bench; exits 0 when every run built.</summary>
    public async Task<int> RunAsync(ParsedArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = Options(arguments);
        var jsonPath = arguments.OptionOrNull(CommandOptions.Json);
        var svgPath = arguments.OptionOrNull(CommandOptions.Svg);
        var binary = Environment.ProcessPath ?? throw new InvalidOperationException("the runner cannot find its own binary to time it");
        var progress = new BenchProgress(error, terminal: !Console.IsErrorRedirected);
        var report = await new BenchSession(fileSystem, environment, options, binary, progress).RunAsync(cancellationToken);
        output.Write(BenchMarkdown.Write(report));
        if (jsonPath is not null)
        {
            File.WriteAllText(jsonPath, BenchJson.Write(report) + "\n");
        }
        if (svgPath is not null)
        {
            File.WriteAllText(svgPath, BenchChart.Write(report));
        }
        return ExitCodes.Success;
    }

    /// <summary>The bench's options from the command line.</summary>
    /// <exception cref="RunnerException">A value it does not take (usage).</exception>
    public static BenchOptions Options(ParsedArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var named = arguments.OptionValues(CommandOptions.Workload);
        ImmutableArray<BenchWorkload> workloads = named.Count == 0 ? BenchWorkloads.Shipped : [.. named.Select(BenchWorkloads.Resolve)];
        var drivers = arguments.OptionValues(CommandOptions.Driver).Select(Driver).Distinct().ToImmutableArray();
        var sizes = WorkloadSizes.Default with
        {
            LargeFileMiB = Count(arguments, CommandOptions.LargeFileMiB, WorkloadSizes.Default.LargeFileMiB),
        };
        var registry = arguments.OptionOrNull(CommandOptions.Registry);
        var cachePass = arguments.OptionOrNull(CommandOptions.CachePass) is "true";
        if (cachePass && registry is null)
        {
            throw FailureCatalog.Usage.Fails($"{CommandOptions.CachePass}: the layer cache needs a registry for its cache repositories",
                $"give {CommandOptions.Registry} HOST:PORT (a registry that serves plain HTTP, such as hack/registry.sh starts)");
        }
        return new BenchOptions(
            workloads,
            drivers,
            Count(arguments, CommandOptions.Iterations, BenchOptions.DefaultIterations),
            Path.GetFullPath(arguments.Option(CommandOptions.BenchRoot, BenchOptions.DefaultRoot)),
            registry,
            arguments.OptionOrNull(CommandOptions.Base),
            arguments.Option(CommandOptions.Busybox, BenchOptions.DefaultBusybox),
            sizes,
            arguments.Option(CommandOptions.Defaults, CommandOptions.DefaultDefaultsPath),
            arguments.Option(CommandOptions.Overrides, CommandOptions.DefaultOverridesPath),
            arguments.SettingFlags,
            cachePass,
            arguments.OptionOrNull(CommandOptions.DebianBase));
    }

    private static StorageDriver Driver(string name) => name is "overlay" or "fuse-overlayfs" or "vfs"
        ? StorageDriverNames.Parse(name)!.Value
        : throw FailureCatalog.Usage.Fails($"--driver {name}: not a storage driver the bench can time",
            "use overlay, fuse-overlayfs or vfs (repeat --driver for more than one; leave it out for every usable one)");

    private static int Count(ParsedArguments arguments, string flag, int fallback)
    {
        var text = arguments.OptionOrNull(flag);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw FailureCatalog.Usage.Fails($"{flag} {text}: not a whole number of at least 1", $"write {flag} 3");
    }
}
