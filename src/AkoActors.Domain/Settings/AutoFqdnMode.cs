namespace AkoActors.Domain.Settings;

/// <summary>How an L4 Service gets an FQDN automatically (L4Settings.autoFQDN).</summary>
public enum AutoFqdnMode
{
    /// <summary><c>&lt;svc&gt;.&lt;ns&gt;.&lt;subdomain&gt;</c></summary>
    Default,

    /// <summary><c>&lt;svc&gt;-&lt;ns&gt;.&lt;subdomain&gt;</c></summary>
    Flat,

    Disabled,
}
