using System.Text;
using Akka.Actor;
using Akka.Hosting;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Transport;
using AkoActors.Kubernetes.Cache;
using AkoActors.Kubernetes.Informers;
using k8s;

namespace AkoActors.Hosting;

/// <summary>Follows the <c>avi-secret</c> Secret (keys <c>username</c>, <c>password</c>, <c>authtoken</c>, as AKO's) and
/// hands changed credentials to the Avi connection, which logs in with them on its next request; owners and the
/// environment probe are woken at once. A pod's environment variables from the Secret never change, so without this a
/// rotated password needed a restart.</summary>
public sealed class AviCredentialsService(
    IKubernetes client, ControllerHostOptions options, AviConnection connection, ActorRegistry registry, InformerOptions informers,
    ILoggerFactory loggers, ILogger<AviCredentialsService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CredentialsSecret is not { } secret) return Task.CompletedTask;
        logger.LogInformation("Watching Secret {Secret} for the controller credentials", secret.ToString());
        return new SecretWatcher(client, secret.Namespace, secret.Name, data => Apply(secret, data), loggers).RunAsync(informers, stoppingToken);
    }

    private void Apply(SecretName secret, IReadOnlyDictionary<string, byte[]>? data)
    {
        if (data is null)
        {
            logger.LogWarning("Secret {Secret} is gone; keeping the controller credentials this replica has", secret.ToString());
            return;
        }
        var username = Text(data, "username");
        var password = Text(data, "password");
        var token = Text(data, "authtoken");
        if (username is null || (password is null && token is null))
        {
            logger.LogWarning("Secret {Secret} needs username and password (or authtoken); keeping the controller credentials this replica has",
                secret.ToString());
            return;
        }
        var credentials = new AviCredentials(username, password, token);
        if (credentials == connection.Credentials) return;
        logger.LogInformation("Controller credentials in Secret {Secret} changed (user {User}); the next request logs in with them",
            secret.ToString(), username);
        connection.UpdateCredentials(credentials);
        if (registry.TryGet<ControllerRecoveryActor>(out var recovery)) recovery.Tell(ControllerRecoveryActor.CredentialsChanged.Instance);
    }

    private static string? Text(IReadOnlyDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out var bytes) && bytes.Length > 0 ? Encoding.UTF8.GetString(bytes) : null;
}
