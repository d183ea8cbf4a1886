using System.Globalization;
using System.Text;

namespace BuildRunner.Bench;

/// <summary>
/// Makes a shipped workload's build context in the bench's folder: the embedded Containerfile and files, plus what
/// the workload needs generated (small files, a large file, busybox-static). Made once per bench, before any timing.
/// </summary>
/// <param name="root">The folder contexts are made in (on the storage volume, like a pod's checked-out sources).</param>
/// <param name="sizes">How much to generate.</param>
/// <param name="busybox">busybox-static on this machine.</param>
public sealed class WorkloadContexts(string root, WorkloadSizes sizes, string busybox)
{
    /// <summary>The context folder of <paramref name="workload"/>: a context given as a path is used where it is.</summary>
    /// <exception cref="RunnerException">busybox-static is needed and missing.</exception>
    public string Prepare(BenchWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload.ContextPath is string given)
        {
            return given;
        }
        var context = Path.Combine(root, workload.Name);
        Write(context, BenchWorkloads.Files(workload.Name));
        if (workload.Needs.HasFlag(WorkloadNeeds.SmallFiles))
        {
            WriteFiles(context, sizes.SmallFiles);
        }
        if (workload.Needs.HasFlag(WorkloadNeeds.SourceFiles))
        {
            WriteFiles(context, sizes.SourceFiles);
        }
        if (workload.Needs.HasFlag(WorkloadNeeds.LargeFile))
        {
            WriteRandom(Path.Combine(context, "large.bin"), (long)sizes.LargeFileMiB * 1024 * 1024);
        }
        if (workload.Needs.HasFlag(WorkloadNeeds.Busybox))
        {
            CopyBusybox(context);
        }
        return context;
    }

    /// <summary>The context of the busybox base image (images/base/busybox) the multi-stage workload builds from.</summary>
    public string PrepareBase()
    {
        var context = Path.Combine(root, "base-busybox");
        Write(context, new Dictionary<string, byte[]> { ["Containerfile"] = BenchWorkloads.Read(BenchWorkloads.BaseContainerfileResource) });
        CopyBusybox(context);
        return context;
    }

    private void WriteFiles(string context, int count)
    {
        var files = Directory.CreateDirectory(Path.Combine(context, "files")).FullName;
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(files, string.Create(CultureInfo.InvariantCulture, $"file-{i:D5}.txt")), SmallFile(i, sizes.SmallFileBytes));
        }
    }

    private void CopyBusybox(string context)
    {
        if (!File.Exists(busybox))
        {
            throw FailureCatalog.Usage.Fails($"the bench's RUN workloads need busybox-static for their shell, and {busybox} does not exist",
                "install busybox-static (Debian) or give its binary with --busybox PATH; or leave out run-layers, run-many-files and multi-stage");
        }
        File.Copy(busybox, Path.Combine(context, "busybox"), overwrite: true);
    }

    private static void Write(string context, IReadOnlyDictionary<string, byte[]> files)
    {
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }
        Directory.CreateDirectory(context);
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(context, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }
    }

    // Text that differs from file to file, so no layer tool can deduplicate them.
    private static byte[] SmallFile(int index, int size)
    {
        var line = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"bench small file {index}\n"));
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = line[i % line.Length];
        }
        return bytes;
    }

    // Random bytes from a fixed seed: incompressible, and the same in every bench.
    private static void WriteRandom(string path, long size)
    {
        var random = new Random(9);
        var buffer = new byte[1024 * 1024];
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }
}
