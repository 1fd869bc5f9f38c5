using System.Globalization;
using System.Net;
using System.Text;

namespace AkoActors.Simulation.Reporting;

/// <summary>A run report as one self-contained HTML page: the summary, three plots (convergence over time with the faults
/// marked, Avi requests per second and in flight, the distribution of change latencies), Avi calls per method and type,
/// and the violations.</summary>
public static class HtmlReport
{
    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(report.Title)).Append("</title>");
        html.Append("<style>body{font-family:sans-serif;margin:24px;max-width:820px}table{border-collapse:collapse;margin:8px 0 20px}" +
                    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}th{background:#f3f3f3}.bad{color:#c0392b}.ok{color:#1e8449}</style>");
        html.Append("</head><body><h1>").Append(E(report.Title)).Append("</h1>");
        html.Append(report.Violations.Count == 0
            ? "<p class=\"ok\"><b>Every invariant held.</b></p>"
            : $"<p class=\"bad\"><b>{report.Violations.Count} invariant violation(s)</b> — listed at the end.</p>");
        html.Append("<table>");
        foreach (var (name, value) in report.Summary) html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        html.Append("</table>");

        var marks = report.Faults.Select(f => (f.At.TotalSeconds, f.Label)).ToList();
        html.Append(SvgChart.Line("Convergence", "seconds since start", "Services + Ingress hosts",
        [
            new ChartSeries("realised on the controller", "#1e8449", report.Timeline.Select(s => (s.At.TotalSeconds, (double)s.Realised)).ToList()),
            new ChartSeries("in Kubernetes", "#7f8c8d", report.Timeline.Select(s => (s.At.TotalSeconds, (double)s.Total)).ToList()),
        ], marks));
        var rates = report.Timeline.Zip(report.Timeline.Skip(1), (a, b) => (b.At.TotalSeconds, RunRecorder.RequestsPerSecond(a, b))).ToList();
        html.Append(SvgChart.Line("Avi Controller load", "seconds since start", "requests",
        [
            new ChartSeries("requests per second", "#2e86c1", rates),
            new ChartSeries("in flight at the sample", "#d68910", report.Timeline.Select(s => (s.At.TotalSeconds, (double)s.AviInFlight)).ToList()),
        ], marks));
        var latencies = report.Latencies.Realised.Select(l => l.TotalMilliseconds).ToList();
        html.Append(SvgChart.Histogram(
            $"Endpoint change → pool written: {latencies.Count} change(s)" + (report.Latencies.Unrealised > 0 ? $", {report.Latencies.Unrealised} not realised" : ""),
            "milliseconds", latencies));
        if (report.NodeLatencies is { } nodes && nodes.Realised.Count + nodes.Unrealised > 0)
        {
            html.Append(SvgChart.Histogram(
                $"Node change → vrfcontext written with its routes: {nodes.Realised.Count} change(s)" + (nodes.Unrealised > 0 ? $", {nodes.Unrealised} not realised" : ""),
                "milliseconds", nodes.Realised.Select(l => l.TotalMilliseconds).ToList()));
        }

        html.Append("<h2>Avi calls by method and type</h2><table><tr><th>call</th><th>count</th></tr>");
        foreach (var (call, count) in report.AviCalls.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(E(call)).Append("</td><td>").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</table>");
        if (report.Faults.Count > 0)
        {
            html.Append("<h2>Faults</h2><table><tr><th>at</th><th>fault</th></tr>");
            foreach (var (at, label) in report.Faults) html.Append(CultureInfo.InvariantCulture, $"<tr><td>{at.TotalSeconds:0.0} s</td><td>{E(label)}</td></tr>");
            html.Append("</table>");
        }
        if (report.Violations.Count > 0)
        {
            html.Append("<h2 class=\"bad\">Violations</h2><ul>");
            foreach (var violation in report.Violations) html.Append("<li>").Append(E(violation)).Append("</li>");
            html.Append("</ul>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
