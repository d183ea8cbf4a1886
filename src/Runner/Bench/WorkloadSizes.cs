namespace BuildRunner.Bench;

/// <summary>How much the bench generates for the workloads that copy files.</summary>
/// <param name="SmallFiles">Files in <c>small-files</c>' <c>files/</c>.</param>
/// <param name="SmallFileBytes">The size of each.</param>
/// <param name="LargeFileMiB">The size of <c>large-file</c>'s <c>large.bin</c>, in MiB.</param>
/// <param name="SourceFiles">Files in <c>debian-app</c>'s <c>files/</c> (each <paramref name="SmallFileBytes"/> long).</param>
public sealed record WorkloadSizes(int SmallFiles, int SmallFileBytes, int LargeFileMiB, int SourceFiles)
{
    /// <summary>5000 files of 1 KiB, and 256 MiB: the sizes issue 9 measured; 300 source files, as issue 14 did.</summary>
    public static WorkloadSizes Default { get; } = new(5000, 1024, 256, 300);
}
