using System.Text.Json;

namespace AkoActors.AviSim.Control;

/// <summary>JSON naming for the simulator's own records (audit entries, stats) served under /sim/: snake_case like Avi's API.</summary>
internal static class SimJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };
}
