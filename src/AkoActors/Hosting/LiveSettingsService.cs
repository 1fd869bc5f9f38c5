using Akka.Actor;
using Akka.Hosting;
using AkoActors.Actors.Routing;
using AkoActors.Actors.Runtime;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Informers;
using k8s;
using Serilog.Core;

namespace AkoActors.Hosting;

/// <summary>Applies the settings AKO treats as live — logLevel, enableEvents, deleteConfig — from the avi-k8s-config
/// ConfigMap as it changes; deleteConfig flipping makes every entity look again (remove everything and pause, or resume).</summary>
public sealed class LiveSettingsService(
    IKubernetes client, ControllerHostOptions options, ControllerRuntime runtime, LoggingLevelSwitch level, ActorRegistry registry,
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
        foreach (var error in parsed.Errors) logger.LogWarning("Ignoring a bad live setting: {Error}", error.ToString());
        var settings = parsed.Settings!;
        level.MinimumLevel = ControllerLogging.LevelOf(settings.LogLevel);
        runtime.EnableEvents = settings.EnableEvents;
        if (runtime.DeleteConfig == settings.DeleteConfig) return;
        runtime.DeleteConfig = settings.DeleteConfig;
        logger.LogWarning(settings.DeleteConfig
            ? "deleteConfig is true: removing every Avi object of cluster {Cluster} and clearing statuses; syncing pauses until it is false"
            : "deleteConfig is false again: syncing resumes for cluster {Cluster}", options.Settings.ClusterName);
        if (registry.TryGet<ClusterChangeRouter>(out var router)) router.Tell(RouterProtocol.WakeAll.Instance);
    }
}
