namespace AkoActors.Avi.Transport;

/// <summary>Where the controller is and how to talk to it; credentials come separately so they can change at runtime.</summary>
public sealed record AviClientOptions
{
    /// <summary>The controller's base URL; a bare host (AKO's controllerHost) means https://host.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>X-Avi-Version to send; empty = ask the controller (GET /api/initial-data) after login.</summary>
    public string ApiVersion { get; init; } = string.Empty;

    /// <summary>PEM of the CA (or self-signed certificate) the controller's TLS certificate must chain to; null = system trust.</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>Sent as X-Avi-UserAgent, so controller logs show which tool made a change.</summary>
    public string UserAgent { get; init; } = "ako-actors";

    /// <summary>Sent as X-Ako-Replica on every request, so audits attribute each write to one replica.</summary>
    public string ReplicaId { get; init; } = System.Environment.MachineName;

    /// <summary>Skip TLS verification when no CA is given, as AKO does for controllers with self-signed certificates; logged loudly.</summary>
    public bool SkipCertificateVerification { get; init; }

    public int PageSize { get; init; } = 200;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight at once from this replica; the rest queue fairly per namespace.</summary>
    public int MaxConcurrentRequests { get; init; } = 16;

    /// <summary>After a refused login, how long before trying again (no hot loop on a wrong password).</summary>
    public TimeSpan LoginBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public static Uri ParseControllerHost(string controllerHost)
    {
        var text = controllerHost.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            throw new FormatException($"'{controllerHost}' is not a controller host (expected host, host:port or an http(s) URL)");
        }
        return uri;
    }
}
