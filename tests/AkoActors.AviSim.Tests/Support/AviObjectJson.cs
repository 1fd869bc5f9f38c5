using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Tests.Support;

/// <summary>Reads the fields every Avi object has from a response body, so tests stay about behaviour.</summary>
public static class AviObjectJson
{
    public static string Uuid(this JsonObject avi) => avi["uuid"]!.GetValue<string>();
}
