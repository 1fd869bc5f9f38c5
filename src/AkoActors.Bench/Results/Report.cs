using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkoActors.Bench.Results;

/// <summary>The outcome of one harness invocation: the machine, the command, and every run; written as JSON and Markdown.</summary>
public sealed class Report(string scenario, string commandLine, MachineInfo machine)
{
    public string Scenario { get; } = scenario;

    public List<RunResult> Runs { get; } = [];

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public JsonObject ToJson() => new()
    {
        ["scenario"] = Scenario,
        ["started"] = Started.ToString("O", CultureInfo.InvariantCulture),
        ["finished"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["command"] = commandLine,
        ["machine"] = machine.ToJson(),
        ["runs"] = new JsonArray(Runs.Select(r => (JsonNode)r.ToJson()).ToArray()),
    };

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# AkoActors benchmark: {Scenario}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- when: {Started:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {machine.Describe()}; load average at end {MachineInfo.LoadAverage()}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- command: `{commandLine}`");
        foreach (var run in Runs)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {run.Scenario}: {Title(run)}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Parameters: {string.Join(", ", run.Parameters.Select(kv => $"{kv.Key}={kv.Value}"))}");
            md.AppendLine();
            md.AppendLine("| figure | value | floor | note |");
            md.AppendLine("|---|---:|---:|---|");
            foreach (var figure in run.Figures)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {figure.Name} | {Format(figure.Value)} {figure.Unit} | {(figure.Floor is { } floor ? Format(floor) + " " + figure.Unit : "")} | {figure.Note?.Replace("|", "\\|", StringComparison.Ordinal)} |");
            }
            if (run.Checks.Count > 0)
            {
                md.AppendLine();
                foreach (var check in run.Checks)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"- {(check.Passed ? "PASS" : "FAIL")}: {check.Name} = {Format(check.Actual)} (expected {Format(check.Expected)})");
                }
            }
            foreach (var note in run.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- note: {note}");
            }
        }
        return md.ToString();
    }

    public (string Json, string Markdown) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "result.json");
        var markdown = Path.Combine(directory, "result.md");
        File.WriteAllText(json, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(markdown, ToMarkdown());
        return (json, markdown);
    }

    public static string Title(RunResult run) =>
        $"{run.Parameters.GetValueOrDefault("replicas")} replica(s), {run.Parameters.GetValueOrDefault("avi")}" +
        (run.Parameters.TryGetValue("services", out var services) && services != "0" ? $", {services} Services" : "") +
        (run.Parameters.TryGetValue("ingresses", out var ingresses) ? $", {ingresses} Ingresses, shardVSSize {run.Parameters.GetValueOrDefault("shardVSSize")}" : "");

    public static string Format(double value) =>
        double.IsNaN(value) ? "n/a"
        : Math.Abs(value) >= 100 || value == Math.Floor(value) ? value.ToString("#,0.#", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
