namespace AkoActors.Domain.Avi;

/// <summary>What a matching request gets: switched to a pool or pool group, or redirected to HTTPS.</summary>
public abstract record HttpPolicyAction
{
    private HttpPolicyAction()
    {
    }

    public abstract AviRef? Target { get; }

    public sealed record SwitchToPool(string PoolName) : HttpPolicyAction
    {
        public override AviRef? Target => new(AviObjectTypes.Pool, PoolName);
    }

    public sealed record SwitchToPoolGroup(string PoolGroupName) : HttpPolicyAction
    {
        public override AviRef? Target => new(AviObjectTypes.PoolGroup, PoolGroupName);
    }

    /// <summary>HTTP → HTTPS for hosts served with TLS (302, as AKO writes it).</summary>
    public sealed record RedirectToHttps(int Port = 443, int StatusCode = 302) : HttpPolicyAction
    {
        public override AviRef? Target => null;
    }
}
