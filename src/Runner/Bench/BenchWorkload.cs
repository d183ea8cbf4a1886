namespace BuildRunner.Bench;

/// <summary>A build the bench times.</summary>
/// <param name="Name">The name in outputs: a shipped workload's name, or the context path given.</param>
/// <param name="Summary">What it measures, in a few words.</param>
/// <param name="ContextPath">A context given as a path, built as it is; null for a shipped workload.</param>
/// <param name="Needs">What the bench makes in its copy of a shipped workload's context before timing it.</param>
public sealed record BenchWorkload(string Name, string Summary, string? ContextPath, WorkloadNeeds Needs)
{
    /// <summary>
    /// The source file (relative to the context) the layer-cache pass changes before its rebuild, or null when the
    /// workload has none (it is then left out of that pass).
    /// </summary>
    public string? EditFile { get; init; }

    /// <summary>Whether it is one of <c>images/bench</c>'s workloads (embedded in the binary).</summary>
    public bool Shipped => ContextPath is null;
}

/// <summary>What a shipped workload's context needs made at bench time (generated, so nothing large is committed).</summary>
[Flags]
public enum WorkloadNeeds
{
    /// <summary>Nothing: the embedded files are the context.</summary>
    None = 0,

    /// <summary><c>files/</c>: many small files.</summary>
    SmallFiles = 1,

    /// <summary><c>large.bin</c>: one large file of random bytes.</summary>
    LargeFile = 2,

    /// <summary><c>busybox</c>: busybox-static, the shell of a FROM scratch stage.</summary>
    Busybox = 4,

    /// <summary>A base image in a registry, passed as the build argument <c>BASE</c>.</summary>
    BaseImage = 8,

    /// <summary>A Debian base image in a registry (<c>--debian-base</c>), passed as the build argument <c>BASE</c>.</summary>
    DebianBase = 16,

    /// <summary><c>files/</c>: an application's sources, a few hundred files.</summary>
    SourceFiles = 32,
}
