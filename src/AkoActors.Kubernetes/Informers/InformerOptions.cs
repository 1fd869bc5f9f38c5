namespace AkoActors.Kubernetes.Informers;

/// <summary>Paging, watch length and reconnect backoff for informers.</summary>
public sealed record InformerOptions
{
    /// <summary>Items per list page (<c>limit</c>), so a 50,000-object list never arrives as one huge response.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Server-side watch timeout; the watch is renewed from the last resourceVersion when it ends.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a resource the API server does not serve (an AKO CRD not installed) is listed again.</summary>
    public TimeSpan AbsentResourceRecheck { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>AKO's <c>cniPlugin</c>: <c>calico</c> and <c>cilium</c> add an informer over their pod-CIDR objects
    /// (BlockAffinities, CiliumNodes) for static routes.</summary>
    public string CniPlugin { get; init; } = string.Empty;

    /// <summary>The clock failures are dated with (see <c>Informer.FailingSince</c>) and reconnect backoffs wait on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
