using System.Text.Json.Nodes;

namespace AkoActors.Bench.Results;

/// <summary>Several runs of one configuration, each in a fresh world, reduced to medians (the spread goes into the note).</summary>
public static class Aggregate
{
    public static RunResult Medians(IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 1) return runs[0];
        var first = runs[0];
        var result = new RunResult(first.Scenario);
        foreach (var (key, value) in first.Parameters) result.Parameters[key] = value;
        result.Parameters["runs"] = runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var figure in first.Figures)
        {
            var values = runs.Select(r => r.Figures.FirstOrDefault(f => f.Name == figure.Name)?.Value ?? double.NaN).Where(double.IsFinite).ToList();
            var median = Distribution.Median(values);
            var spread = values.Count > 0 ? $"median of {values.Count} runs ({string.Join(", ", values.Select(Report.Format))})" : "no value";
            result.Add(figure.Name, median, figure.Unit, figure.Floor, figure.Note is null ? spread : $"{figure.Note}; {spread}");
        }
        foreach (var check in first.Checks)
        {
            var worst = runs.Select(r => r.Checks.First(c => c.Name == check.Name)).OrderBy(c => c.Passed).First();
            result.Checks.Add(worst);
        }
        result.Notes.AddRange(runs.SelectMany(r => r.Notes).Distinct());
        result.Details["runs"] = new JsonArray(runs.Select(r => (JsonNode)r.ToJson()).ToArray());
        return result;
    }
}
