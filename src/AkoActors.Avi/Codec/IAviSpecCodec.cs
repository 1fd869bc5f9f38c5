using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>Maps one Avi object type between this controller's spec records and the controller's JSON.</summary>
public interface IAviSpecCodec
{
    string Type { get; }

    /// <summary>The request body for POST (no <paramref name="existing"/>) or PUT: the existing object with the managed fields replaced.</summary>
    JsonObject Write(AviObjectSpec spec, JsonObject? existing);

    /// <summary>The managed fields of an object read with <c>include_name</c>.</summary>
    AviObjectSpec Read(JsonObject json);

    /// <summary>What was written plus what the controller filled in (an allocated VIP, say), from a POST/PUT response.</summary>
    AviObjectSpec Observe(AviObjectSpec written, JsonObject response) => written;
}
