using System.Collections.Immutable;
using BuildRunner.Settings;

namespace BuildRunner.Bench;

/// <summary>The workloads shipped in <c>images/bench/</c>, embedded in the binary so <c>bench</c> runs in a pod with nothing else.</summary>
public static class BenchWorkloads
{
    /// <summary>The resource name prefix of the embedded workloads (see Runner.csproj).</summary>
    public const string ResourcePrefix = "bench/";

    /// <summary>The embedded busybox base Containerfile (images/base/busybox), for the multi-stage base image.</summary>
    public const string BaseContainerfileResource = "base/busybox/Containerfile";

    /// <summary>Every shipped workload, in the order <c>bench</c> runs them.</summary>
    public static ImmutableArray<BenchWorkload> Shipped { get; } =
    [
        new("small-files", "5000 small files copied", null, WorkloadNeeds.SmallFiles),
        new("large-file", "one large file copied", null, WorkloadNeeds.LargeFile),
        new("run-layers", "10 RUN steps writing 1 MiB each", null, WorkloadNeeds.Busybox),
        new("run-many-files", "a RUN writing 5000 files", null, WorkloadNeeds.Busybox),
        new("multi-stage", "a two-stage build from a registry base", null, WorkloadNeeds.BaseImage),
        new("deps-and-sources", "a slow dependency step, then the sources", null, WorkloadNeeds.Busybox) { EditFile = "src/main.sh" },
        new("debian-app", "an application on a 280 MB Debian base", null, WorkloadNeeds.DebianBase | WorkloadNeeds.SourceFiles)
        {
            EditFile = "files/file-00150.txt",
        },
    ];

    /// <summary>
    /// The workload <paramref name="nameOrPath"/> names: a shipped workload by name, else a context folder (one that
    /// exists, or anything with a slash).
    /// </summary>
    /// <exception cref="RunnerException">Neither a shipped workload nor a folder (usage).</exception>
    public static BenchWorkload Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (Shipped.FirstOrDefault(w => w.Name == nameOrPath) is { } shipped)
        {
            return shipped;
        }
        if (Directory.Exists(nameOrPath))
        {
            var full = Path.GetFullPath(nameOrPath);
            return new BenchWorkload(full, "context " + full, full, WorkloadNeeds.None);
        }
        throw FailureCatalog.Usage.Fails($"--workload {nameOrPath}: no shipped workload has that name and no such folder exists",
            nameOrPath.Contains('/', StringComparison.Ordinal)
                ? "give the path of a build context folder"
                : $"did you mean {ClosestName.Find(nameOrPath, [.. Shipped.Select(w => w.Name)])}? (or give a context folder)");
    }

    /// <summary>The embedded files of shipped workload <paramref name="name"/>: path inside the context → content.</summary>
    public static IReadOnlyDictionary<string, byte[]> Files(string name)
    {
        var prefix = ResourcePrefix + name + "/";
        var assembly = typeof(BenchWorkloads).Assembly;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            files[resource[prefix.Length..]] = Read(resource);
        }
        return files;
    }

    /// <summary>An embedded file's bytes.</summary>
    public static byte[] Read(string resource)
    {
        using var stream = typeof(BenchWorkloads).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the binary holds no resource {resource}: Runner.csproj embeds images/bench");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
