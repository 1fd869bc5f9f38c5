using Akka.Actor;

namespace AkoActors.Hosting;

/// <summary>Keeps a replica's process alive exactly as long as its actor system: a replica the cluster downed (or that
/// downed itself) runs coordinated shutdown, and then the process must end so Kubernetes restarts it as a fresh member;
/// a process that lived on would answer <c>/healthz</c> 503 and own nothing until a probe noticed.</summary>
public static class ReplicaLifetime
{
    /// <summary>Exit code of a replica whose actor system ended without being asked to (downed, removed, or failed to join).</summary>
    public const int ActorSystemEnded = 3;

    /// <summary>Waits until <paramref name="stop"/> is signalled or the host is stopping (SIGTERM, Ctrl-C), or the actor
    /// system terminates on its own; returns null for the first, <see cref="ActorSystemEnded"/> for the second.</summary>
    public static async Task<int?> WaitAsync(WebApplication host, CancellationToken stop)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var byUs = stop.Register(() => stopped.TrySetResult());
        // The host's own console lifetime also handles SIGTERM: its stop terminates the actor system too, and is no failure.
        await using var byHost = stopping.Register(() => stopped.TrySetResult());
        await Task.WhenAny(stopped.Task, system.WhenTerminated);
        // Akka.Hosting stops the host once the actor system has terminated, so a stopping host alone does not mean a
        // requested stop: the shutdown reason tells a downed replica apart.
        if (CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason)
        {
            return ActorSystemEnded;
        }
        return stop.IsCancellationRequested || stopping.IsCancellationRequested ? null : ActorSystemEnded;
    }
}
