namespace AkoActors.AviSim.Api;

/// <summary>What the pipeline learns about one request while serving it, for the audit log.</summary>
internal sealed class ApiCall(string method, string? objectType)
{
    public string Method { get; } = method;

    public string? ObjectType { get; set; } = objectType;

    public string? Uuid { get; set; }

    public string? Name { get; set; }

    public string? Tenant { get; set; }

    /// <summary>The written body's <c>markers</c> (key → values joined by commas), for attributing a write to its owner.</summary>
    public IReadOnlyDictionary<string, string>? Markers { get; set; }

    /// <summary>A vrfcontext POST or PUT's static routes (<c>10.32.0.0/24 via 10.0.0.1</c>), for timing route changes.</summary>
    public IReadOnlyList<string>? StaticRoutes { get; set; }

    public string? SessionId { get; set; }

    public string? Error { get; set; }

    public bool InjectedFault { get; set; }

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>Set once the call is counted and audited, so the response-start hook and the fallback do it once.</summary>
    public bool Finished { get; set; }
}
