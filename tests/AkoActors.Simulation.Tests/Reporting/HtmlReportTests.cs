using System.Xml.Linq;
using AkoActors.Simulation.Reporting;
using Xunit;

namespace AkoActors.Simulation.Tests.Reporting;

public sealed class HtmlReportTests
{
    [Theory]
    [InlineData(0.3, 0.5)]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(230, 250)]
    [InlineData(4100, 5000)]
    public void Axes_end_on_round_figures(double max, double nice) => Assert.Equal(nice, SvgChart.Nice(max), 6);

    [Fact]
    public void A_line_chart_is_well_formed_svg_with_one_point_per_sample_and_the_marks()
    {
        var svg = XDocument.Parse(SvgChart.Line("Convergence <all>", "s", "objects",
            [new ChartSeries("realised", "#000", [(0, 0), (1, 5), (2, 10)])], [(1.5, "kill replica 1")]));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var line = Assert.Single(svg.Descendants(ns + "polyline"));
        Assert.Equal(3, line.Attribute("points")!.Value.Split(' ').Length);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "kill replica 1");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "Convergence <all>");
    }

    [Fact]
    public void A_histogram_draws_one_bar_per_non_empty_bin_holding_every_value()
    {
        var svg = XDocument.Parse(SvgChart.Histogram("latency", "ms", [1, 1, 2, 9.5], bins: 10));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var bars = svg.Descendants(ns + "rect").Select(r => r.Element(ns + "title")!.Value).ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(4, bars.Sum(b => int.Parse(b.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_page_has_the_three_plots_the_calls_and_every_violation_escaped()
    {
        var timeline = new[]
        {
            new TimelineSample(TimeSpan.FromSeconds(1), 0, 10, 5, 1, 3),
            new TimelineSample(TimeSpan.FromSeconds(2), 10, 10, 45, 0, 3),
        };
        var html = HtmlReport.Render(new RunReport("run", [("workload", "10 Services")], timeline, [(TimeSpan.FromSeconds(1.5), "kill 1")],
            new ChangeLatencies([TimeSpan.FromMilliseconds(12)], 0), new Dictionary<string, long> { ["PUT pool"] = 7 },
            ["nothing lost: Service bench/<x>: pool missing"]));

        Assert.Equal(3, html.Split("<svg ").Length - 1);
        Assert.Contains("<td>PUT pool</td><td>7</td>", html);
        Assert.Contains("Service bench/&lt;x&gt;", html);
        Assert.Contains("1 invariant violation(s)", html);
    }

    [Fact]
    public void A_run_with_node_changes_adds_their_latency_histogram()
    {
        var timeline = new[] { new TimelineSample(TimeSpan.FromSeconds(1), 3, 3, 5, 0, 3) };
        var html = HtmlReport.Render(new RunReport("run", [("workload", "1 Service + 2 Nodes")], timeline, [],
            new ChangeLatencies([], 0), new Dictionary<string, long>(), [],
            new ChangeLatencies([TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(90)], 1)));

        Assert.Equal(4, html.Split("<svg ").Length - 1);
        Assert.Contains("Node change → vrfcontext written with its routes: 2 change(s), 1 not realised", html);
    }
}
