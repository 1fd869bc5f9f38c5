using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>A virtual service: an L4 VS, a shared L7 parent, or an SNI child — the root of an Avi object tree.</summary>
public sealed record VirtualServiceSpec(
    string Name,
    string VsType,
    EquatableArray<VsServicePort> Services,
    string? VsVipName,
    string ApplicationProfile,
    string NetworkProfile,
    AviPlacement Placement,
    AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public const string Normal = "VS_TYPE_NORMAL";
    public const string VhParent = "VS_TYPE_VH_PARENT";
    public const string VhChild = "VS_TYPE_VH_CHILD";

    public override string Type => AviObjectTypes.VirtualService;

    public string? PoolName { get; init; }

    public string? PoolGroupName { get; init; }

    public EquatableArray<string> L4PolicySets { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> HttpPolicySets { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> DataScriptSets { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> SslCertificates { get; init; } = EquatableArray<string>.Empty;

    public string? ParentVsName { get; init; }

    public EquatableArray<string> DomainNames { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Route health injection (<c>enable_rhi</c>), as AKO writes it: true, or absent.</summary>
    public bool? EnableRhi { get; init; }

    /// <summary>HostRule-managed fields; null where this controller leaves them as they are (L4 VSes, shared parents).</summary>
    public VirtualHostSettings? VirtualHost { get; init; }

    /// <summary>L4Rule-managed fields; null where this controller leaves them as they are (L7 VSes, shared-VIP VSes).</summary>
    public L4VirtualServiceSettings? L4Rule { get; init; }

    /// <summary>What is read back always carries <see cref="VirtualHost"/> (and <see cref="L4Rule"/> on an L4 VS); each counts
    /// only where this spec manages it.</summary>
    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is VirtualServiceSpec vs && Equals(vs with
        {
            VirtualHost = VirtualHost is null ? null : vs.VirtualHost,
            L4Rule = L4Rule is null ? null : vs.L4Rule,
            // An empty VRF (a VS on an AviInfraSetting's tier-1 router, as AKO leaves it out) is the controller's to fill.
            Placement = Placement.VrfName.Length == 0 ? vs.Placement with { VrfName = string.Empty } : vs.Placement,
        });

    public override IEnumerable<AviRef> References
    {
        get
        {
            if (VsVipName is not null) yield return new AviRef(AviObjectTypes.VsVip, VsVipName);
            if (PoolName is not null) yield return new AviRef(AviObjectTypes.Pool, PoolName);
            if (PoolGroupName is not null) yield return new AviRef(AviObjectTypes.PoolGroup, PoolGroupName);
            foreach (var name in L4PolicySets) yield return new AviRef(AviObjectTypes.L4PolicySet, name);
            foreach (var name in HttpPolicySets) yield return new AviRef(AviObjectTypes.HttpPolicySet, name);
            foreach (var name in DataScriptSets) yield return new AviRef(AviObjectTypes.VsDataScriptSet, name);
            foreach (var name in SslCertificates) yield return new AviRef(AviObjectTypes.SslKeyAndCertificate, name);
            if (ParentVsName is not null) yield return new AviRef(AviObjectTypes.VirtualService, ParentVsName);
        }
    }
}
