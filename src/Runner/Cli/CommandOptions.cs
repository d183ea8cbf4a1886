using BuildRunner.Planning;

namespace BuildRunner.Cli;

/// <summary>The options commands take besides settings, and their defaults.</summary>
public static class CommandOptions
{
    /// <summary>The pod's annotations file (downward API).</summary>
    public const string Annotations = "--annotations";

    /// <summary>Where the kubelet mounts the annotations by convention.</summary>
    public const string DefaultAnnotationsPath = "/etc/podinfo/annotations";

    /// <summary>The cluster admin's defaults file.</summary>
    public const string Defaults = "--defaults";

    /// <summary>Where the cluster defaults ConfigMap is mounted by convention.</summary>
    public const string DefaultDefaultsPath = "/etc/build-runner/defaults";

    /// <summary>The cluster admin's overrides file.</summary>
    public const string Overrides = "--overrides";

    /// <summary>Where the cluster overrides ConfigMap is mounted by convention.</summary>
    public const string DefaultOverridesPath = "/etc/build-runner/overrides";

    /// <summary>The JSON result file.</summary>
    public const string Result = "--result";

    /// <summary>The termination message file.</summary>
    public const string TerminationLog = "--termination-log";

    /// <summary>Kubernetes' default terminationMessagePath.</summary>
    public const string DefaultTerminationLogPath = "/dev/termination-log";

    /// <summary>JSON output for doctor.</summary>
    public const string Json = "--json";

    /// <summary>bench: a workload by name or a context folder (repeatable).</summary>
    public const string Workload = "--workload";

    /// <summary>bench: a storage driver to time (repeatable).</summary>
    public const string Driver = "--driver";

    /// <summary>bench: runs per workload × driver × tool.</summary>
    public const string Iterations = "--iterations";

    /// <summary>bench: the bar chart file.</summary>
    public const string Svg = "--svg";

    /// <summary>bench: a registry (HOST:PORT) for the multi-stage base image.</summary>
    public const string Registry = "--registry";

    /// <summary>bench: a base image for the multi-stage workload.</summary>
    public const string Base = "--base";

    /// <summary>bench: busybox-static, the RUN workloads' shell.</summary>
    public const string Busybox = "--busybox";

    /// <summary>bench: the size of the large-file workload's file, in MiB.</summary>
    public const string LargeFileMiB = "--large-file-mib";

    /// <summary>bench: its folder for contexts and the fresh store.</summary>
    public const string BenchRoot = "--bench-root";

    /// <summary>prefetch: the images named as positional arguments, kept one per line under this key.</summary>
    public const string Images = "IMAGE";

    /// <summary>bench: also time cold builds with the layer cache and rebuilds after one changed file.</summary>
    public const string CachePass = "--cache-pass";

    /// <summary>bench: the Debian base image of the debian-app workload.</summary>
    public const string DebianBase = "--debian-base";

    /// <summary>Options that may be given more than once; their values are kept in order.</summary>
    public static IReadOnlyList<string> Repeatable { get; } = [Workload, Driver];

    /// <summary>Options that take a value, by command.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ValuedByCommand { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["build"] = [Annotations, Defaults, Overrides, Result, TerminationLog],
        // doctor takes build's result options so a pod spec's args work for both; it shows them and writes nothing.
        ["doctor"] = [Annotations, Defaults, Overrides, Result, TerminationLog],
        ["bench"] = [Workload, Driver, Iterations, Json, Svg, Registry, Base, DebianBase, Busybox, LargeFileMiB, BenchRoot, Defaults, Overrides],
        ["prefetch"] = [Defaults, Overrides],
        ["version"] = [],
        ["settings"] = [],
        ["failures"] = [],
        ["help"] = [],
    };

    /// <summary>Options that are switches, by command.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SwitchesByCommand { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["build"] = [],
        ["doctor"] = [Json],
        ["bench"] = [CachePass],
        ["prefetch"] = [],
        ["version"] = [],
        ["settings"] = [],
        ["failures"] = [],
        ["help"] = [],
    };

    /// <summary>The result files <paramref name="arguments"/> name.</summary>
    public static ResultFiles ResultFilesOf(ParsedArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new ResultFiles(
            arguments.OptionOrNull(Result),
            arguments.Option(TerminationLog, DefaultTerminationLogPath),
            arguments.Options.ContainsKey(TerminationLog));
    }

    /// <summary>Commands that take setting flags.</summary>
    public static bool TakesSettings(string command) => command is "build" or "doctor" or "bench" or "prefetch";
}
