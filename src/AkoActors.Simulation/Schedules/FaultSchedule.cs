using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AkoActors.Yaml;

namespace AkoActors.Simulation.Schedules;

/// <summary>A fault schedule as data: a name, the seed it came from (random schedules) and its steps, read from and
/// written to a JSON or YAML file (<c>{"name": ..., "seed": 7, "steps": [{"fault": "kill", "replica": 1}, ...]}</c>).</summary>
public sealed record FaultSchedule(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("seed")] int? Seed,
    [property: JsonPropertyName("steps")] IReadOnlyList<FaultStep> Steps)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a schedule file (.json, or .yaml/.yml) and checks it against <paramref name="replicas"/> slots;
    /// throws <see cref="FormatException"/> naming the file, the step and the fix.</summary>
    public static FaultSchedule Load(string path, int replicas)
    {
        var text = File.ReadAllText(path);
        try
        {
            return Parse(text, isYaml: path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase), replicas);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public static FaultSchedule Parse(string text, bool isYaml, int replicas)
    {
        FaultSchedule? schedule;
        try
        {
            var node = isYaml ? YamlJson.Parse(text) : JsonNode.Parse(text);
            schedule = node.Deserialize<FaultSchedule>(Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a fault schedule ({{\"name\", \"seed\", \"steps\": [{{\"fault\": ...}}]}}): {e.Message}", e);
        }
        if (schedule?.Steps is null) throw new FormatException("a fault schedule needs \"steps\": a list of {\"fault\": ...}");
        var problems = schedule.Steps.SelectMany((step, i) => step.Problems(replicas).Select(p => $"step {i + 1} ({step.Fault}): {p}")).ToList();
        if (problems.Count > 0) throw new FormatException(string.Join("; ", problems));
        return schedule with { Name = schedule.Name ?? "schedule" };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The fault kinds this schedule contains.</summary>
    [JsonIgnore]
    public IReadOnlySet<string> Kinds => Steps.Select(s => s.Fault).Where(FaultKind.Faults.Contains).ToHashSet();
}
