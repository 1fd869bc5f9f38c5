using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;

namespace AkoActors.Hosting;

/// <summary>Says once, at start, which AKO settings are set but not applied and what happens instead: a Warning in the log
/// and, in a pod, a Warning event on the replica's own pod, so <c>kubectl describe pod</c> shows it next to the restart count.</summary>
public sealed class UnsupportedSettingsReporter(ControllerHostOptions options, IKubernetesWriter kube, ILogger<UnsupportedSettingsReporter> logger)
    : BackgroundService
{
    public const string Reason = "UnsupportedAkoSettings";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.UnsupportedSettingsWarning is not { } warning) return;
        logger.LogWarning("{Warning}", warning);
        if (options.OwnPod is not { } pod) return;
        try
        {
            await kube.RecordEventAsync(pod, KubeEvent.WarningEvent(Reason, warning), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Events are best effort; the log line above already carries the warning.
            logger.LogWarning("Could not record the {Reason} event on pod {Namespace}/{Pod}: {Error}", Reason, pod.Namespace, pod.Name, exception.Message);
        }
    }
}
