using System.Text.Json.Nodes;

namespace AkoActors.Bench.Results;

/// <summary>One figure of a run: a value with its unit, and optionally the physical floor it is measured against.</summary>
public sealed record Figure(string Name, double Value, string Unit, double? Floor = null, string? Note = null);

/// <summary>A property that must hold (e.g. "Avi writes after a restart = 0").</summary>
public sealed record Check(string Name, double Actual, double Expected)
{
    public bool Passed => Actual.Equals(Expected);
}

/// <summary>Everything one scenario run measured, with the parameters it ran with.</summary>
public sealed class RunResult(string scenario)
{
    public string Scenario { get; } = scenario;

    /// <summary>The parameters of this run, printed next to every figure (AviSim latency model and cap included).</summary>
    public SortedDictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public List<Figure> Figures { get; } = [];

    public List<Check> Checks { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Raw data (per repetition, per replica, distributions) for the JSON file.</summary>
    public JsonObject Details { get; } = [];

    public void Add(string name, double value, string unit, double? floor = null, string? note = null) =>
        Figures.Add(new Figure(name, value, unit, floor, note));

    public void Add(string name, Distribution? distribution, string unit, string? note = null)
    {
        if (distribution is null)
        {
            Figures.Add(new Figure(name, double.NaN, unit, null, "no samples"));
            return;
        }
        Figures.Add(new Figure($"{name} p50", distribution.P50, unit, null, note));
        Figures.Add(new Figure($"{name} p99", distribution.P99, unit, null, $"max {distribution.Max:0.###}, n={distribution.Count}"));
        Details[name] = distribution.ToJson();
    }

    public void Require(string name, double actual, double expected) => Checks.Add(new Check(name, actual, expected));

    /// <summary>A number for JSON (rounded to 3 decimals); null for NaN and infinities, which JSON cannot carry.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;

    public JsonObject ToJson()
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in Parameters) parameters[key] = value;
        return new JsonObject
        {
            ["scenario"] = Scenario,
            ["parameters"] = parameters,
            ["figures"] = new JsonArray(Figures.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["value"] = Number(f.Value),
                ["unit"] = f.Unit,
                ["floor"] = f.Floor is { } floor ? Number(floor) : null,
                ["note"] = f.Note,
            }).ToArray()),
            ["checks"] = new JsonArray(Checks.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["actual"] = Number(c.Actual), ["expected"] = Number(c.Expected), ["passed"] = c.Passed,
            }).ToArray()),
            ["notes"] = new JsonArray(Notes.Select(n => (JsonNode)n).ToArray()),
            ["details"] = Details.DeepClone(),
        };
    }
}
