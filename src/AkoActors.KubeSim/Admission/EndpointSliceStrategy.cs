using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>EndpointSlice validation: a known addressType and at least one address per endpoint.</summary>
public sealed class EndpointSliceStrategy : IResourceStrategy
{
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var addressType = obj.StringAt("addressType");
        if (addressType is null)
        {
            yield return FieldError.Required("addressType");
        }
        else if (!AddressTypes.Contains(addressType))
        {
            yield return FieldError.NotSupported("addressType", obj["addressType"], AddressTypes);
        }
        else if (old is not null && old.StringAt("addressType") != addressType)
        {
            yield return FieldError.Invalid("addressType", obj["addressType"], "field is immutable");
        }
        var endpoints = obj.ArrayAt("endpoints").ToList();
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i]?["addresses"] is not JsonArray { Count: > 0 })
            {
                yield return FieldError.Required($"endpoints[{i}].addresses", "must contain at least 1 address");
            }
        }
        var ports = obj.ArrayAt("ports").ToList();
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].LongAt("port") is { } p && p is < 1 or > 65535)
            {
                yield return FieldError.Invalid($"ports[{i}].port", ports[i]!["port"], "must be between 1 and 65535, inclusive");
            }
        }
    }
}
