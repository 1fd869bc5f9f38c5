using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;

namespace AkoActors.Actors.Runtime;

/// <summary>Per-replica facts every entity reads before it acts: the settings, what the controller offers, and whether to sync at all.</summary>
/// <remarks>Entities never act before <see cref="IsReady"/>: until the informers have listed and the controller's cloud and
/// DNS domains are known, a missing object means "not known yet", and acting on it could delete what should stay.</remarks>
public sealed class ControllerRuntime
{
    private volatile TranslationContext? _context;
    private volatile bool _deleteConfig;
    private volatile bool _enableEvents;
    private long _leaseValidUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    public ControllerRuntime(AkoSettings settings, string replicaId)
    {
        Settings = settings;
        ReplicaId = replicaId;
        _deleteConfig = settings.DeleteConfig;
        _enableEvents = settings.EnableEvents;
    }

    public AkoSettings Settings { get; }

    /// <summary>The clock every entity reads (owner epochs, latencies); tests drive a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string ReplicaId { get; }

    /// <summary>Null until the controller's environment (cloud, network, DNS sub-domains) has been discovered.</summary>
    public TranslationContext? Context => _context;

    /// <summary>AKOSettings.deleteConfig, changeable at runtime: when true every tree is removed and syncing pauses.</summary>
    public bool DeleteConfig
    {
        get => _deleteConfig;
        set => _deleteConfig = value;
    }

    /// <summary>AKOSettings.enableEvents, changeable at runtime: Normal events on or off (Warnings are always recorded).</summary>
    public bool EnableEvents
    {
        get => _enableEvents;
        set => _enableEvents = value;
    }

    public Func<bool> ClusterStateSynced { get; set; } = () => false;

    /// <summary>Why the controller is not usable yet (for the readiness endpoint); null when it is.</summary>
    public string? LastEnvironmentError { get; set; }

    public bool IsReady => _context is not null && ClusterStateSynced();

    /// <summary>True when the host runs the cluster Lease (one AkoActors cluster writes per clusterName); tests of single
    /// actors leave it off.</summary>
    public bool ClusterLeaseRequired { get; init; }

    /// <summary>Until when this replica's cluster is known to hold the cluster Lease (set by <c>ClusterLeaseActor</c>).</summary>
    public DateTimeOffset ClusterLeaseValidUntil
    {
        get => new(Interlocked.Read(ref _leaseValidUntilTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _leaseValidUntilTicks, value.UtcTicks);
    }

    /// <summary>Why this replica's cluster does not hold the cluster Lease (for /readyz); null when it does.</summary>
    public string? ClusterLeaseProblem { get; set; }

    /// <summary>Owners write only when the replica is ready and its cluster holds the Lease right now (checked at each
    /// pass against the clock, so an expired Lease stops writes even between renewals).</summary>
    public bool MayWrite => IsReady && (!ClusterLeaseRequired || Time.GetUtcNow() < ClusterLeaseValidUntil);

    public AviCallContext CallContext(string fairnessKey) => new(Settings.TenantName, fairnessKey);

    public void SetEnvironment(EquatableArray<string> dnsSubdomains, string? licenseTier, string? controllerClusterUuid = null, AviCloudType? cloudType = null) =>
        _context = new TranslationContext(Settings, dnsSubdomains)
        {
            LicenseTier = licenseTier, ControllerClusterUuid = controllerClusterUuid, CloudType = cloudType, Clock = Time,
        };
}
