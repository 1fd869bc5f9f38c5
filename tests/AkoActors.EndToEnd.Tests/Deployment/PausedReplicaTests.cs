using AkoActors.AviSim.Audit;
using AkoActors.Testing;
using Xunit.Abstractions;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>The paused replica of issue 13: three pods of the Deployment under endpoint churn, one frozen (SIGSTOP, as a long
/// GC pause or a frozen VM) until the others downed it and their owners wrote every one of its Services, then thawed
/// (SIGCONT). Whatever it still tries to write is refused by the owner epochs its successors stamped — AviSim's audit log
/// must show no write of it accepted after its owners moved — and the process ends with exit code 3 so the pod restarts.</summary>
/// <remarks>Shapes relied on: AviSim audits every write with the sender's <c>X-Ako-Replica</c> (the pod name here) and the
/// status it answered; a replica's <c>ako_owned_entities{kind="service"}</c> gauge counts the Service owners it hosts.</remarks>
public sealed class PausedReplicaTests(ITestOutputHelper output)
{
    private const int ServiceCount = 18;
    private const string Namespace = "default";

    [SkippableFact]
    public async Task A_paused_replica_whose_owners_moved_gets_no_write_accepted_after_it_wakes_and_exits_with_code_3()
    {
        Skip.If(Testing.Kubectl.KubectlRunner.FindKubectl() is null, "kubectl is not installed");
        await using var world = await DeployedCluster.StartAsync(replicas: 3);
        var services = Enumerable.Range(0, ServiceCount).Select(i => $"paused-{i:00}").ToList();
        var churn = new SliceChurn(world.Client, Namespace);
        foreach (var service in services) await churn.CreateAsync(service);
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            var owned = await Task.WhenAll(world.Running.Select(r => world.OwnedAsync(r, "service")));
            return owned.Sum() == ServiceCount && owned.All(n => n > 0);
        }, $"{ServiceCount} Services owned once, by every replica", TimeSpan.FromSeconds(90)));
        await world.WithLogsAsync(() => Eventually.HoldsAsync(
            () => Task.FromResult(services.All(s => PoolServers(world, s) == 1)), "every pool with its first endpoint", TimeSpan.FromSeconds(60)));

        using var stopChurn = new CancellationTokenSource();
        var churning = churn.RunAsync(services, stopChurn.Token);
        var replicas = world.Running.ToList();
        var owned = await Task.WhenAll(replicas.Select(r => world.OwnedAsync(r, "service")));
        var victim = replicas[Array.IndexOf(owned, owned.Max())];
        var survivors = replicas.Where(r => r != victim).ToList();
        // Under churn the victim writes: its owners are busy when it freezes, as in the issue.
        var warmup = world.Avi.Simulator.Audit.TotalRecorded;
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(world, warmup).Any(e => e.Replica == victim.PodName && e.Status < 300)),
            $"{victim.PodName} writing under churn", TimeSpan.FromSeconds(30));

        victim.Pause();
        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} SIGSTOP {victim.PodName}, owner of {owned.Max()} of {ServiceCount} Services");
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
            (await Task.WhenAll(survivors.Select(r => world.OwnedAsync(r, "service")))).Sum() == ServiceCount,
            "the survivors to own every Service (the paused replica downed, its shards handed out)", TimeSpan.FromSeconds(60)));
        var moved = world.Avi.Simulator.Audit.TotalRecorded;
        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} survivors own all {ServiceCount} Services (audit mark {moved})");
        // Its successors write each of its pools (churn keeps changing every Service), stamping their newer epoch.
        await world.WithLogsAsync(() => Eventually.HoldsAsync(() =>
        {
            var touched = Writes(world, moved).Where(e => e.Status < 300 && e.ObjectType == "pool" && e.Replica != victim.PodName)
                .Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(services.All(s => touched.Contains(PoolName(s))));
        }, "the survivors to write every Service's pool after the move", TimeSpan.FromSeconds(60)));

        victim.Resume();
        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} SIGCONT {victim.PodName}");
        int exitCode;
        try
        {
            exitCode = await victim.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{victim.PodName} still runs 60 s after SIGCONT although the cluster removed it:\n{victim.LogTail()}");
        }
        await stopChurn.CancelAsync();
        await churning;

        var fromVictim = Writes(world, moved).Where(e => e.Replica == victim.PodName).ToList();
        output.WriteLine($"{victim.PodName} after its owners moved: {fromVictim.Count} writes sent, " +
                         $"{fromVictim.Count(e => e.Status == 412)} refused with 412, {fromVictim.Count(e => e.Status < 300)} accepted; exit code {exitCode}");
        Assert.True(fromVictim.All(e => e.Status >= 300), "writes of the paused replica accepted after its owners moved:\n" +
            string.Join("\n", fromVictim.Where(e => e.Status < 300).Take(20).Select(e => $"#{e.Sequence} {e.Time:HH:mm:ss.fff} {e.Method} {e.ObjectType} {e.Name} → {e.Status}")));
        Assert.True(exitCode == Hosting.ReplicaLifetime.ActorSystemEnded, $"{victim.PodName} exited {exitCode}:\n{victim.LogTail()}");
        // The survivors kept every pool right: after the churn stopped each one holds its slice's endpoints.
        await world.WithLogsAsync(() => Eventually.HoldsAsync(
            () => Task.FromResult(services.All(s => PoolServers(world, s) == churn.Expected(s))), "every pool to match its last slice", TimeSpan.FromSeconds(60)));
    }

    private static IEnumerable<AuditEntry> Writes(DeployedCluster world, long since) =>
        world.Avi.Simulator.Audit.Since(since).Where(e => e.Method != "GET");

    private static string PoolName(string service) => $"avi-cluster--{Namespace}-{service}-TCP-80";

    private static int? PoolServers(DeployedCluster world, string service) =>
        world.Avi.Simulator.FindObject("pool", PoolName(service))?["servers"]?.AsArray().Count;
}
