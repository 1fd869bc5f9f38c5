using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Kubernetes;

/// <summary>One endpoint of an EndpointSlice with its conditions (nil conditions already resolved per the API's rules).</summary>
public sealed record EndpointSpec(EquatableArray<string> Addresses, bool Ready, bool Serving, bool Terminating, string? NodeName);
