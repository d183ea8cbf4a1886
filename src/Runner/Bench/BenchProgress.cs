using System.Globalization;

namespace BuildRunner.Bench;

/// <summary>
/// The progress line on standard error: on a terminal one line rewritten in place; otherwise (a pod log, a test)
/// one line per finished run, which also lists every time measured.
/// </summary>
/// <param name="error">Standard error.</param>
/// <param name="terminal">Whether it is a terminal.</param>
public sealed class BenchProgress(TextWriter error, bool terminal)
{
    private int total;
    private int done;
    private int width;

    /// <summary>Sets how many timed runs the bench makes, once every workload × driver is planned.</summary>
    public void Begin(int runs)
    {
        total = runs;
        done = 0;
    }

    /// <summary>Says a run is starting (on a terminal only).</summary>
    public void Starting(string workload, string driver, BenchTool tool, int iteration, int iterations)
    {
        if (terminal)
        {
            Show($"{Prefix(done + 1)} {workload} {driver} {tool.ToName()} run {iteration}/{iterations} …");
        }
    }

    /// <summary>Says a run finished, with its time.</summary>
    public void Finished(string workload, string driver, BenchTool tool, int iteration, int iterations, double seconds)
    {
        done++;
        var line = string.Create(CultureInfo.InvariantCulture, $"{Prefix(done)} {workload} {driver} {tool.ToName()} run {iteration}/{iterations}: {seconds:0.000} s");
        if (terminal)
        {
            Show(line);
        }
        else
        {
            error.WriteLine(line);
        }
    }

    /// <summary>A note (a skipped driver or workload, the base image pushed), on a line of its own.</summary>
    public void Note(string text)
    {
        if (terminal && width > 0)
        {
            error.WriteLine();
            width = 0;
        }
        error.WriteLine("bench: " + text);
    }

    /// <summary>Ends the progress line.</summary>
    public void End()
    {
        if (terminal && width > 0)
        {
            error.WriteLine();
            width = 0;
        }
    }

    private string Prefix(int run) => string.Create(CultureInfo.InvariantCulture, $"bench [{run}/{total}]");

    private void Show(string text)
    {
        error.Write("\r" + text.PadRight(width));
        width = text.Length;
        error.Flush();
    }
}
