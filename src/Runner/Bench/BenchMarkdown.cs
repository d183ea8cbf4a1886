using System.Globalization;
using System.Text;

namespace BuildRunner.Bench;

/// <summary>The bench report as the Markdown table <c>bench</c> prints on standard output.</summary>
public static class BenchMarkdown
{
    /// <summary>One row per workload × driver: each tool's median (min–max), the overhead, and each store's size; then the notes.</summary>
    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Median of {report.Iterations} runs (min–max), fresh store each run; {report.Machine.Processors} processors, load {report.Machine.LoadAtStart} at start, {report.Machine.LoadAtEnd} at end.\n\n");
        text.Append("| workload | driver | runner | plain buildah | overhead | store (runner) | store (buildah) |\n");
        text.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var overhead in report.Overhead)
        {
            var runner = report.Find(overhead.Workload, overhead.Driver, BenchTool.Runner)!;
            var buildah = report.Find(overhead.Workload, overhead.Driver, BenchTool.Buildah)!;
            text.Append(CultureInfo.InvariantCulture,
                $"| {overhead.Workload} | {overhead.Driver} | {Seconds(runner.Seconds)} | {Seconds(buildah.Seconds)} | **{overhead.Ratio:0.00}** | {Size(runner.StorageBytes)} | {Size(buildah.StorageBytes)} |\n");
        }
        if (!report.CachePass.IsEmpty)
        {
            text.Append("\nLayer cache (the runner with cache-repo; a fresh store and a fresh cache repository each run):\n\n");
            text.Append("| workload | driver | cold, pushing to the cache | rebuild after one changed file | rebuild / cold | steps run again |\n");
            text.Append("| --- | --- | --- | --- | --- | --- |\n");
            foreach (var cache in report.CachePass)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| {cache.Workload} | {cache.Driver} | {Seconds(cache.Cold)} | {Seconds(cache.Rebuild)} | **{cache.Ratio:0.00}** | {cache.StepsRun} of {cache.Steps} ({cache.EditedFile} changed) |\n");
            }
        }
        foreach (var note in report.Notes)
        {
            text.Append("\n- ").Append(note);
        }
        if (!report.Notes.IsEmpty)
        {
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary><c>3.21 s (3.02–3.80)</c>.</summary>
    public static string Seconds(TimingSummary seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds.Median:0.00} s ({seconds.Min:0.00}–{seconds.Max:0.00})");
    }

    /// <summary>A size in MiB (or KiB below one MiB).</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KiB");
}
