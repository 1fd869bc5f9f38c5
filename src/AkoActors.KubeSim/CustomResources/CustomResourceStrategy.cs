using System.Text.Json.Nodes;
using AkoActors.KubeSim.Admission;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.CustomResources;

/// <summary>Writes of custom resources: the version's schema defaults, then its validation, as the apiextensions server admits them.</summary>
public sealed class CustomResourceStrategy : IResourceStrategy
{
    private readonly CustomResourceVersion _version;

    /// <summary>Creates the strategy of one served version.</summary>
    public CustomResourceStrategy(CustomResourceVersion version)
    {
        _version = version;
    }

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context) => _version.Schema.ApplyDefaults(obj);

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context) => _version.Schema.ApplyDefaults(obj);

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) => _version.Schema.Validate(obj);
}
