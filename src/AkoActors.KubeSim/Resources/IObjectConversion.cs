using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Resources;

/// <summary>Converts between the stored form of a resource and one of its other served versions.</summary>
public interface IObjectConversion
{
    /// <summary>The stored object as seen through this version (a new object; the input is not changed).</summary>
    JsonObject FromStorage(JsonObject stored);

    /// <summary>An object written through this version, in stored form.</summary>
    JsonObject ToStorage(JsonObject served);
}
