using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Profiles;

/// <summary>One object a profile puts on the controller: created from <see cref="Body"/>, or, when
/// <see cref="UpdateName"/> is set, merged into the existing admin object of that name (for cycles such as
/// cloud → IPAM profile → network → cloud).</summary>
/// <param name="Type">Avi object type.</param>
/// <param name="Body">The body, refs by name allowed (<c>/api/network/?name=alb-vip</c>).</param>
/// <param name="UpdateName">Name of an existing object to update instead of creating one.</param>
/// <param name="Tenant">Tenant to create it in (default admin).</param>
public sealed record SeedObject(string Type, JsonObject Body, string? UpdateName = null, string? Tenant = null);
