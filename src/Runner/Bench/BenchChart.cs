using System.Globalization;
using System.Security;
using System.Text;

namespace BuildRunner.Bench;

/// <summary>
/// The bench report as an SVG bar chart (<c>--svg</c>), written as text: per workload a block, per driver a pair of
/// horizontal bars, the runner's beside plain buildah's, each labelled with its median, a whisker from min to max,
/// and the overhead at the end of the pair. All bars share one time scale starting at zero, so lengths compare.
/// </summary>
public static class BenchChart
{
    /// <summary>The runner's bar colour.</summary>
    public const string RunnerColour = "#2f6db5";

    /// <summary>Plain buildah's bar colour.</summary>
    public const string BuildahColour = "#b0b7bf";

    private const int Width = 820;
    private const int LabelWidth = 200;
    private const int BarArea = 470;
    private const int BarHeight = 14;
    private const int PairGap = 8;
    private const int WorkloadGap = 16;
    private const int Top = 56;

    /// <summary>The chart; one <c>rect</c> with <c>data-tool</c> per record.</summary>
    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var maxSeconds = report.Records.IsEmpty ? 1 : report.Records.Max(r => r.Seconds.Max);
        var scale = BarArea / NiceCeiling(maxSeconds);
        var workloads = report.Overhead.Select(o => o.Workload).Distinct().ToList();
        var height = Top + workloads.Sum(w => 20 + report.Overhead.Count(o => o.Workload == w) * (2 * BarHeight + PairGap) + WorkloadGap) + 30;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">build-runner bench: median build time, seconds (shorter is faster; whiskers min–max, {report.Iterations} runs)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"10\" y=\"32\" width=\"12\" height=\"12\" fill=\"{RunnerColour}\"/><text x=\"27\" y=\"43\">build-runner build</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"160\" y=\"32\" width=\"12\" height=\"12\" fill=\"{BuildahColour}\"/><text x=\"177\" y=\"43\">plain buildah bud, same arguments</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"420\" y=\"43\" fill=\"#555\">× = runner median / buildah median</text>\n");

        var y = Top;
        foreach (var workload in workloads)
        {
            y += 16;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y}\" font-weight=\"bold\">{Escape(workload)}</text>\n");
            y += 4;
            foreach (var overhead in report.Overhead.Where(o => o.Workload == workload))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + BarHeight + 4}\" text-anchor=\"end\">{Escape(overhead.Driver)}</text>\n");
                foreach (var tool in new[] { BenchTool.Runner, BenchTool.Buildah })
                {
                    var record = report.Find(workload, overhead.Driver, tool)!;
                    Bar(svg, record, tool, y, scale);
                    y += BarHeight;
                }
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 10}\" y=\"{y - BarHeight + 4}\" text-anchor=\"end\" font-weight=\"bold\">{overhead.Ratio:0.00}×</text>\n");
                y += PairGap;
            }
            y += WorkloadGap - PairGap;
        }
        Axis(svg, y, maxSeconds, scale);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, BenchRecord record, BenchTool tool, int y, double scale)
    {
        var s = record.Seconds;
        var colour = tool == BenchTool.Runner ? RunnerColour : BuildahColour;
        var width = Math.Max(1, s.Median * scale);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect data-workload=\"{Escape(record.Workload)}\" data-driver=\"{Escape(record.Driver)}\" data-tool=\"{record.Tool}\" data-median=\"{s.Median:0.000}\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{width:0.0}\" height=\"{BarHeight - 2}\" fill=\"{colour}\"><title>{Escape(record.Workload)}, {Escape(record.Driver)}, {record.Tool}: median {s.Median:0.00} s, min {s.Min:0.00} s, max {s.Max:0.00} s, {s.Runs} runs</title></rect>\n");
        var whiskerY = y + (BarHeight - 2) / 2.0;
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{LabelWidth + s.Min * scale:0.0}\" x2=\"{LabelWidth + s.Max * scale:0.0}\" y1=\"{whiskerY:0.0}\" y2=\"{whiskerY:0.0}\" stroke=\"#222\" stroke-width=\"1\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{LabelWidth + Math.Max(width, s.Max * scale) + 6:0.0}\" y=\"{y + BarHeight - 3}\" font-size=\"11\">{s.Median:0.00} s</text>\n");
    }

    private static void Axis(StringBuilder svg, int y, double maxSeconds, double scale)
    {
        var top = NiceCeiling(maxSeconds);
        var step = top / 5;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" x2=\"{LabelWidth + BarArea}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#888\"/>\n");
        for (var i = 0; i <= 5; i++)
        {
            var x = LabelWidth + i * step * scale;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.0}\" x2=\"{x:0.0}\" y1=\"{y}\" y2=\"{y + 4}\" stroke=\"#888\"/><text x=\"{x:0.0}\" y=\"{y + 16}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{i * step:0.#} s</text>\n");
        }
    }

    // A round axis end (1, 2, 2.5 or 5 times a power of ten) at or above the slowest run.
    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (factor * power >= value)
            {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
