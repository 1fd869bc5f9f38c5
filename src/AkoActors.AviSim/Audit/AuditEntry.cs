namespace AkoActors.AviSim.Audit;

/// <summary>One write the controller received, with who sent it: enough to count calls per change and to
/// prove that a single replica wrote a given object.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Time">When the response was sent.</param>
/// <param name="Method">POST, PUT, PATCH or DELETE.</param>
/// <param name="ObjectType">The Avi type in the URL.</param>
/// <param name="Uuid">The object's uuid (known after a successful POST), or null.</param>
/// <param name="Name">The object's name (from the body, or the stored object), or null.</param>
/// <param name="Tenant">The <c>X-Avi-Tenant</c> the request acted in.</param>
/// <param name="SessionId">The session cookie the request carried (not a secret the client can reuse after logout).</param>
/// <param name="Status">The status code answered.</param>
/// <param name="UserAgent">The client's <c>X-Avi-UserAgent</c> header.</param>
/// <param name="Replica">The client's <c>X-Ako-Replica</c> header.</param>
/// <param name="ClientHeaders">Every <c>X-Ako-*</c> header the client sent.</param>
/// <param name="InjectedFault">True when the status came from fault injection, not from the API.</param>
/// <param name="Error">The error text answered, if any.</param>
/// <param name="Markers">The written body's Avi markers (key → values joined by commas) for POST and PUT, else null:
/// who claims the object and, for AkoActors, the writing owner's epoch. A vrfcontext has no markers: its static routes'
/// labels stand in for them (each key once, its distinct values joined by commas).</param>
/// <param name="StaticRoutes">A vrfcontext POST or PUT's static routes as written (<c>10.32.0.0/24 via 10.0.0.1</c>), else
/// null: when a Node's route change reached the controller.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string ObjectType,
    string? Uuid,
    string? Name,
    string? Tenant,
    string? SessionId,
    int Status,
    string? UserAgent,
    string? Replica,
    IReadOnlyDictionary<string, string> ClientHeaders,
    bool InjectedFault,
    string? Error,
    IReadOnlyDictionary<string, string>? Markers = null,
    IReadOnlyList<string>? StaticRoutes = null);
