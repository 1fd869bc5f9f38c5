using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Resources;

/// <summary>The <c>conversion.strategy: None</c> of a CustomResourceDefinition: versions differ only in the apiVersion written in the object.</summary>
public sealed class ApiVersionConversion : IObjectConversion
{
    private readonly string _stored;
    private readonly string _served;

    /// <summary>Converts between the storage version and a served version.</summary>
    public ApiVersionConversion(string storedApiVersion, string servedApiVersion)
    {
        _stored = storedApiVersion;
        _served = servedApiVersion;
    }

    /// <inheritdoc />
    public JsonObject FromStorage(JsonObject stored) => WithApiVersion(stored, _served);

    /// <inheritdoc />
    public JsonObject ToStorage(JsonObject served) => WithApiVersion(served, _stored);

    private static JsonObject WithApiVersion(JsonObject obj, string apiVersion)
    {
        var copy = obj.CloneObject();
        copy["apiVersion"] = apiVersion;
        return copy;
    }
}
