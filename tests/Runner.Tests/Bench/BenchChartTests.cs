using System.Globalization;
using System.Xml.Linq;
using BuildRunner.Bench;

namespace BuildRunner.Tests.Bench;

public class BenchChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static List<XElement> Bars(BenchReport report) =>
        [.. XDocument.Parse(BenchChart.Write(report)).Descendants(Svg + "rect").Where(r => r.Attribute("data-tool") is not null)];

    [Fact]
    public void The_chart_is_well_formed_svg_with_one_bar_per_record()
    {
        var report = BenchReports.TwoByTwo();

        var document = XDocument.Parse(BenchChart.Write(report));

        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(report.Records.Length, Bars(report).Count);
    }

    [Fact]
    public void Each_bar_names_its_record_and_the_runner_bar_comes_just_before_the_buildah_bar()
    {
        var report = BenchReports.TwoByTwo();

        var bars = Bars(report);

        for (var i = 0; i < bars.Count; i += 2)
        {
            Assert.Equal("runner", bars[i].Attribute("data-tool")!.Value);
            Assert.Equal("buildah", bars[i + 1].Attribute("data-tool")!.Value);
            Assert.Equal(bars[i].Attribute("data-workload")!.Value, bars[i + 1].Attribute("data-workload")!.Value);
            Assert.Equal(bars[i].Attribute("data-driver")!.Value, bars[i + 1].Attribute("data-driver")!.Value);
        }
        Assert.Equal(report.Records.Select(r => (r.Workload, r.Driver, r.Tool)),
            bars.Select(b => (b.Attribute("data-workload")!.Value, b.Attribute("data-driver")!.Value, b.Attribute("data-tool")!.Value)));
    }

    [Fact]
    public void Bar_lengths_are_proportional_to_the_medians_on_one_scale()
    {
        var report = BenchReports.TwoByTwo();

        var bars = Bars(report);

        var perSecond = bars.Select((b, i) => double.Parse(b.Attribute("width")!.Value, CultureInfo.InvariantCulture) / report.Records[i].Seconds.Median).ToList();
        Assert.All(perSecond, scale => Assert.Equal(perSecond[0], scale, tolerance: 0.1));
    }

    [Fact]
    public void Names_that_are_not_xml_safe_are_escaped()
    {
        var runner = new BenchRecord("/ctx/a<b>&c", "vfs", "runner", TimingSummary.Of([1.0]), 1);
        var buildah = runner with { Tool = "buildah" };
        var report = BenchReports.TwoByTwo() with { Records = [runner, buildah], Overhead = [BenchOverhead.Of(runner, buildah)] };

        var bars = Bars(report);

        Assert.Equal("/ctx/a<b>&c", bars[0].Attribute("data-workload")!.Value);
    }
}
