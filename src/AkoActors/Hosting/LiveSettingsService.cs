using Akka.Actor;
using Akka.Hosting;
using AkoActors.Actors.Routing;
using AkoActors.Actors.Runtime;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Informers;
using k8s;
using Serilog.Core;

namespace AkoActors.Hosting;

/// <summary>Applies the settings AKO treats as live — logLevel, enableEvents, deleteConfig — from the avi-k8s-config
/// ConfigMap as it changes; deleteConfig flipping makes every entity look again (remove everything and pause, or resume).
/// A value it cannot use is one Warning event on the ConfigMap per change of the ConfigMap (the watch hands over changes
/// only), naming the key, the value kept and the fix.</summary>
public sealed class LiveSettingsService(
    IKubernetes client, IKubernetesWriter kube, ControllerHostOptions options, ControllerRuntime runtime, LoggingLevelSwitch level, ActorRegistry registry,
    InformerOptions informers, ILoggerFactory loggers, ILogger<LiveSettingsService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.LiveConfigMap is not { } configMap) return Task.CompletedTask;
        logger.LogInformation("Watching ConfigMap {Namespace}/{Name} for logLevel, enableEvents and deleteConfig", configMap.Namespace, configMap.Name);
        return new ConfigMapWatcher(client, configMap.Namespace, configMap.Name, Apply, loggers).RunAsync(informers, stoppingToken);
    }

    private void Apply(IReadOnlyDictionary<string, string>? data)
    {
        var current = options.Settings with { DeleteConfig = runtime.DeleteConfig, EnableEvents = runtime.EnableEvents, LogLevel = ControllerLogging.NameOf(level.MinimumLevel) };
        var parsed = AkoSettingsParser.ParseLive(data ?? new Dictionary<string, string>(), current);
        var settings = parsed.Settings!;
        foreach (var key in LiveKeys)
        {
            // Parsed key by key, so each refusal names the ConfigMap key the user wrote.
            if (data?.TryGetValue(key, out var value) != true) continue;
            foreach (var error in AkoSettingsParser.ParseLive(new Dictionary<string, string> { [key] = value! }, current).Errors) Refuse(key, error, current);
        }
        level.MinimumLevel = ControllerLogging.LevelOf(settings.LogLevel);
        runtime.EnableEvents = settings.EnableEvents;
        if (runtime.DeleteConfig == settings.DeleteConfig) return;
        runtime.DeleteConfig = settings.DeleteConfig;
        logger.LogWarning(settings.DeleteConfig
            ? "deleteConfig is true: removing every Avi object of cluster {Cluster} and clearing statuses; syncing pauses until it is false"
            : "deleteConfig is false again: syncing resumes for cluster {Cluster}", options.Settings.ClusterName);
        if (registry.TryGet<ClusterChangeRouter>(out var router)) router.Tell(RouterProtocol.WakeAll.Instance);
    }

    private static readonly string[] LiveKeys = ["logLevel", "enableEvents", "deleteConfig"];

    private void Refuse(string key, SettingsError error, AkoSettings current)
    {
        var configMap = options.LiveConfigMap!;
        var kept = key switch
        {
            "logLevel" => current.LogLevel,
            "enableEvents" => current.EnableEvents ? "true" : "false",
            "deleteConfig" => current.DeleteConfig ? "true" : "false",
            _ => "its current value",
        };
        var message = $"ConfigMap {configMap.Namespace}/{configMap.Name}: {key} {error.Message}; the controller keeps {key}={kept}. " +
                      $"Fix the value (kubectl -n {configMap.Namespace} edit configmap {configMap.Name})";
        logger.LogWarning("Ignoring a bad live setting in ConfigMap {ConfigMap}: {Key}: {Error}", $"{configMap.Namespace}/{configMap.Name}", error.Key, error.Message);
        _ = kube.RecordEventAsync(KubeObjectRef.ConfigMap(configMap.Namespace, configMap.Name), KubeEvent.WarningEvent(InvalidSettingReason, message), CancellationToken.None)
            .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
    }

    /// <summary>The reason of the Warning event for a live setting the controller cannot use.</summary>
    public const string InvalidSettingReason = "InvalidLiveSetting";
}
