using System.Globalization;

namespace AkoActors.Simulation.Replicas;

/// <summary>One scrape of a replica's /metrics (Prometheus text format 0.0.4), enough to sum counters by label.</summary>
public sealed class PrometheusSnapshot
{
    private readonly List<Sample> _samples;

    private PrometheusSnapshot(List<Sample> samples) => _samples = samples;

    public static PrometheusSnapshot Empty { get; } = new([]);

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusSnapshot Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            string rest;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                var close = line.IndexOf('}', brace);
                ParseLabels(line[(brace + 1)..close], labels);
                rest = line[(close + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                rest = line[(space + 1)..].Trim();
            }
            var valueText = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            var value = valueText switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(valueText, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(name, labels, value));
        }
        return new PrometheusSnapshot(samples);
    }

    /// <summary>Sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="match"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] match) =>
        _samples.Where(s => s.Name == name && match.All(m => s.Labels.TryGetValue(m.Label, out var v) && v == m.Value)).Sum(s => s.Value);

    /// <summary>Sums of <paramref name="name"/> grouped by the values of <paramref name="labels"/>, joined with a space.</summary>
    public SortedDictionary<string, double> By(string name, params string[] labels)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in _samples.Where(s => s.Name == name))
        {
            var key = string.Join(' ', labels.Select(l => sample.Labels.GetValueOrDefault(l, "")));
            result[key] = result.GetValueOrDefault(key) + sample.Value;
        }
        return result;
    }

    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0) break;
            var key = text[i..equals].Trim().TrimStart(',').Trim();
            var start = text.IndexOf('"', equals) + 1;
            var value = new System.Text.StringBuilder();
            var j = start;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    j++;
                    value.Append(text[j] == 'n' ? '\n' : text[j]);
                }
                else
                {
                    value.Append(text[j]);
                }
            }
            labels[key] = value.ToString();
            i = j + 1;
        }
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
