namespace BuildRunner.Bench;

/// <summary>How much the bench generates for the workloads that copy files.</summary>
/// <param name="SmallFiles">Files in <c>small-files</c>' <c>files/</c>.</param>
/// <param name="SmallFileBytes">The size of each.</param>
/// <param name="LargeFileMiB">The size of <c>large-file</c>'s <c>large.bin</c>, in MiB.</param>
public sealed record WorkloadSizes(int SmallFiles, int SmallFileBytes, int LargeFileMiB)
{
    /// <summary>5000 files of 1 KiB, and 256 MiB: the sizes issue 9 measured.</summary>
    public static WorkloadSizes Default { get; } = new(5000, 1024, 256);
}
