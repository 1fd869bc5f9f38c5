using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Resources;

/// <summary>Maps events.k8s.io/v1 Events onto the core/v1 Event storage and back, field for field as kube-apiserver converts them.</summary>
public sealed class EventsV1Conversion : IObjectConversion
{
    private static readonly (string Served, string Stored)[] Renamed =
    [
        ("regarding", "involvedObject"),
        ("related", "related"),
        ("note", "message"),
        ("deprecatedCount", "count"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedSource", "source"),
        ("reportingController", "reportingComponent"),
    ];

    /// <inheritdoc />
    public JsonObject FromStorage(JsonObject stored)
    {
        var served = stored.CloneObject();
        served["apiVersion"] = "events.k8s.io/v1";
        foreach (var (to, from) in Renamed)
        {
            if (to != from && served.Remove(from, out var value))
            {
                served[to] = value;
            }
        }
        return served;
    }

    /// <inheritdoc />
    public JsonObject ToStorage(JsonObject served)
    {
        var stored = served.CloneObject();
        stored["apiVersion"] = "v1";
        foreach (var (from, to) in Renamed)
        {
            if (to != from && stored.Remove(from, out var value))
            {
                stored[to] = value;
            }
        }
        return stored;
    }
}
