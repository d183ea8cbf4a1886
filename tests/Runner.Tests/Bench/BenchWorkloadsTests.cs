using BuildRunner.Bench;

namespace BuildRunner.Tests.Bench;

public class BenchWorkloadsTests
{
    [Fact]
    public void Every_shipped_workload_travels_in_the_binary_with_its_Containerfile()
    {
        foreach (var workload in BenchWorkloads.Shipped)
        {
            var files = BenchWorkloads.Files(workload.Name);

            Assert.True(files.ContainsKey("Containerfile"), $"{workload.Name} has no embedded Containerfile");
            var onDisk = File.ReadAllBytes(Path.Combine(Checkout.Root, "images", "bench", workload.Name, "Containerfile"));
            Assert.Equal(onDisk, files["Containerfile"]);
        }
    }

    [Fact]
    public void The_multi_stage_base_is_images_base_busybox()
    {
        var embedded = BenchWorkloads.Read(BenchWorkloads.BaseContainerfileResource);

        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkout.Root, "images", "base", "busybox", "Containerfile")), embedded);
    }

    [Fact]
    public void A_context_is_made_with_the_generated_files_its_workload_needs()
    {
        var root = Directory.CreateTempSubdirectory("bench-contexts").FullName;
        var busybox = Path.Combine(root, "fake-busybox");
        File.WriteAllText(busybox, "not really busybox");
        try
        {
            var contexts = new WorkloadContexts(Path.Combine(root, "contexts"), new WorkloadSizes(SmallFiles: 7, SmallFileBytes: 100, LargeFileMiB: 2, SourceFiles: 3), busybox);

            var small = contexts.Prepare(BenchWorkloads.Resolve("small-files"));
            var large = contexts.Prepare(BenchWorkloads.Resolve("large-file"));
            var layers = contexts.Prepare(BenchWorkloads.Resolve("run-layers"));
            var app = contexts.Prepare(BenchWorkloads.Resolve("debian-app"));
            var deps = contexts.Prepare(BenchWorkloads.Resolve("deps-and-sources"));

            Assert.Equal(7, Directory.GetFiles(Path.Combine(small, "files")).Length);
            Assert.All(Directory.GetFiles(Path.Combine(small, "files")), f => Assert.Equal(100, new FileInfo(f).Length));
            Assert.Equal(2 * 1024 * 1024, new FileInfo(Path.Combine(large, "large.bin")).Length);
            Assert.Equal("not really busybox", File.ReadAllText(Path.Combine(layers, "busybox")));
            Assert.Equal(3, Directory.GetFiles(Path.Combine(app, "files")).Length);
            Assert.True(File.Exists(Path.Combine(deps, "src", "main.sh")), "deps-and-sources keeps its folder of sources");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_missing_busybox_is_named_with_its_fix()
    {
        var root = Directory.CreateTempSubdirectory("bench-contexts").FullName;
        try
        {
            var contexts = new WorkloadContexts(root, WorkloadSizes.Default, Path.Combine(root, "no-busybox"));

            var error = Assert.Throws<RunnerException>(() => contexts.Prepare(BenchWorkloads.Resolve("run-layers")));

            Assert.Contains("--busybox", error.Fix, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
