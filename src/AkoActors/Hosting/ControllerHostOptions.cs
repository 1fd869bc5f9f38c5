using AkoActors.Actors.Runtime;
using AkoActors.Actors.Avi;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes.Informers;
using k8s;

namespace AkoActors.Hosting;

/// <summary>Everything one replica needs: AKO settings, where the controller and the cluster are, how replicas meet.</summary>
public sealed record ControllerHostOptions
{
    public required AkoSettings Settings { get; init; }

    public required AviClientOptions Avi { get; init; }

    public required AviCredentials AviCredentials { get; init; }

    public required KubernetesClientConfiguration Kubernetes { get; init; }

    public required ClusterFormation Formation { get; init; }

    /// <summary>Stamped on every Avi request (X-Ako-Replica) and on events, so audits attribute each write.</summary>
    public string ReplicaId { get; init; } = System.Environment.MachineName;

    public string ActorSystemName { get; init; } = "ako-actors";

    /// <summary>Port for /healthz, /readyz and /metrics on 127.0.0.1 (or all interfaces in a pod); 0 picks one.</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>Listen on all interfaces (in a pod, where probes and Prometheus come from outside); loopback otherwise.</summary>
    public bool HttpOnAllInterfaces { get; init; }

    public InformerOptions Informers { get; init; } = new();

    /// <summary>The ConfigMap whose logLevel, enableEvents and deleteConfig apply live (AKO's avi-k8s-config); null = none.</summary>
    public ConfigMapName? LiveConfigMap { get; init; }

    /// <summary>The Secret whose username/password/authtoken replace the controller credentials when they change
    /// (AKO's avi-secret); null = the credentials given at start stay.</summary>
    public SecretName? CredentialsSecret { get; init; }

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>How a replica notices that the controller answers again after failing.</summary>
    public ControllerRecoveryOptions Recovery { get; init; } = new();

    /// <summary>Serilog minimum level name (AKOSettings.logLevel: DEBUG, INFO, WARN, ERROR).</summary>
    public string LogLevel { get; init; } = "INFO";

    /// <summary>Structured JSON logs (one object per line) instead of readable text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>A Kubernetes API that has failed every list and watch for this long makes the replica not ready: it may be
    /// missing deletes and creates, so it must not be taken as healthy by anyone looking.</summary>
    public TimeSpan KubernetesUnreadyAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long the replica reports itself unhealthy, so the kubelet restarts it (with its back-off) and
    /// the restarted replica joins again only when its informers have listed everything.</summary>
    public TimeSpan KubernetesUnhealthyAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the cluster Lease, so only one AkoActors cluster writes for a clusterName (off only in tests that
    /// exercise something else without a Kubernetes Lease).</summary>
    public bool ClusterLease { get; init; } = true;

    /// <summary>The cluster Lease's timings.</summary>
    public LeaseOptions Lease { get; init; } = new();

    /// <summary>Where the cluster Lease lives: the controller's own namespace.</summary>
    public string ControllerNamespace => LiveConfigMap?.Namespace ?? System.Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "avi-system";

    /// <summary>The one Warning naming the AKO settings that are set but not applied (null when none), said at start.</summary>
    public string? UnsupportedSettingsWarning { get; init; }

    /// <summary>This replica's own pod (POD_NAMESPACE/POD_NAME), which start-up Warning events are recorded on; null outside a pod.</summary>
    public KubeObjectRef? OwnPod { get; init; }
}
