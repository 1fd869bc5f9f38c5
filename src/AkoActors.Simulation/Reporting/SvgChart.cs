using System.Globalization;
using System.Security;
using System.Text;

namespace AkoActors.Simulation.Reporting;

/// <summary>Small self-contained SVG plots for the run report (no script, no external resource): a line chart with
/// optional event marks, and a histogram.</summary>
public static class SvgChart
{
    private const int Width = 760;
    private const int Height = 300;
    private const int Left = 64;
    private const int Right = 24;
    private const int Top = 34;
    private const int Bottom = 44;

    /// <summary>One or more series over a shared x axis; <paramref name="marks"/> are vertical dashed lines (faults).</summary>
    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, IReadOnlyList<(double X, string Label)>? marks = null)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var xMax = Nice(all.Count == 0 ? 1 : Math.Max(all.Max(p => p.X), marks is { Count: > 0 } ? marks.Max(m => m.X) : 0));
        var yMax = Nice(all.Count == 0 ? 1 : all.Max(p => p.Y));
        var svg = Begin(title);
        Axes(svg, xLabel, yLabel, xMax, yMax);
        var lastLabel = double.NegativeInfinity;
        foreach (var (x, label) in (marks ?? []).OrderBy(m => m.X))
        {
            var px = X(x, xMax);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px:0.#}\" y1=\"{Top}\" x2=\"{px:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\" stroke-width=\"1\"><title>{Escape(label)}</title></line>");
            // Marks closer than a label's width keep only their tooltip, so labels never print over each other.
            if (px - lastLabel < 90) continue;
            lastLabel = px;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px + 3:0.#}\" y=\"{Height - Bottom - 4}\" font-size=\"9\" fill=\"#c0392b\">{Escape(label.Length > 18 ? label[..17] + "…" : label)}</text>");
        }
        foreach (var s in series)
        {
            if (s.Points.Count == 0) continue;
            var path = string.Join(" ", s.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X, xMax):0.#},{Y(p.Y, yMax):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.8\" points=\"{path}\"><title>{Escape(s.Name)}</title></polyline>");
        }
        Legend(svg, series.Select(s => (s.Name, s.Color)).ToList());
        return End(svg);
    }

    /// <summary>How <paramref name="values"/> are distributed over <paramref name="bins"/> equal bins from 0.</summary>
    public static string Histogram(string title, string xLabel, IReadOnlyList<double> values, int bins = 30)
    {
        var xMax = Nice(values.Count == 0 ? 1 : values.Max());
        var counts = new int[bins];
        foreach (var v in values) counts[Math.Clamp((int)(v / xMax * bins), 0, bins - 1)]++;
        var yMax = Nice(counts.Length == 0 ? 1 : Math.Max(1, counts.Max()));
        var svg = Begin(title);
        Axes(svg, xLabel, "changes", xMax, yMax);
        for (var i = 0; i < bins; i++)
        {
            if (counts[i] == 0) continue;
            var x0 = X(xMax * i / bins, xMax);
            var x1 = X(xMax * (i + 1) / bins, xMax);
            var y = Y(counts[i], yMax);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x0 + 0.5:0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(1, x1 - x0 - 1):0.#}\" height=\"{Height - Bottom - y:0.#}\" fill=\"#2e86c1\"><title>{counts[i]} change(s) between {xMax * i / bins:0.#} and {xMax * (i + 1) / bins:0.#}</title></rect>");
        }
        return End(svg);
    }

    private static StringBuilder Begin(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double xMax, double yMax)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        for (var i = 0; i <= 5; i++)
        {
            var xv = xMax * i / 5;
            var yv = yMax * i / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(xv, xMax):0.#}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{Label(xv)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(yv, yMax):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(yv, yMax):0.#}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(yv, yMax) + 3:0.#}\" font-size=\"10\" text-anchor=\"end\">{Label(yv)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" font-size=\"11\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{Escape(yLabel)}</text>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<(string Name, string Color)> entries)
    {
        var x = Width - Right - 190;
        for (var i = 0; i < entries.Count; i++)
        {
            var y = Top + 6 + (i * 14);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 8}\" width=\"10\" height=\"3\" fill=\"{entries[i].Color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 14}\" y=\"{y - 3}\" font-size=\"10\">{Escape(entries[i].Name)}</text>");
        }
    }

    private static double X(double value, double max) => Left + (value / max * (Width - Left - Right));

    private static double Y(double value, double max) => Height - Bottom - (value / max * (Height - Top - Bottom));

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above <paramref name="value"/>, so ticks fall on round figures.</summary>
    public static double Nice(double value)
    {
        if (value <= 0 || double.IsNaN(value)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value) return step * magnitude;
        }
        return 10 * magnitude;
    }

    private static string Label(double value) =>
        value >= 10_000 ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k" : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
