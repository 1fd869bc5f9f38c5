using Akka.Actor;
using Akka.Cluster;
using AkoActors.Actors.Runtime;
using AkoActors.Hosting;
using AkoActors.Kubernetes.Leases;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>One AkoActors cluster writes per clusterName: a second cluster (a replica that formed a cluster of its own, as
/// an operator's restart with the wrong command did) finds the Kubernetes Lease held, writes nothing and says why, and
/// takes over only once the first cluster is gone and its Lease has expired.</summary>
public sealed class ClusterLeaseTests : IAsyncLifetime
{
    private static readonly LeaseOptions Quick = new()
    {
        RenewInterval = TimeSpan.FromMilliseconds(300),
        Duration = TimeSpan.FromSeconds(3),
        SafetyMargin = TimeSpan.FromMilliseconds(500),
    };

    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_second_cluster_for_the_same_cluster_name_writes_nothing_until_the_first_is_gone()
    {
        var first = _world.Replicas[0];
        await Eventually.HoldsAsync(async () =>
            (await _world.Kubectl.RunAsync("-n", "avi-system", "get", "lease", "-o", "jsonpath={.items[*].spec.holderIdentity}")).StandardOutput
                .StartsWith(first.Address, StringComparison.Ordinal),
            "the first cluster holding the Lease");
        var second = await _world.StartReplicaAsync("second-cluster", options => options with
        {
            // No seeds: it forms a cluster of its own, beside the first one.
            Formation = new ClusterFormation.StaticSeeds("127.0.0.1", 0, []),
            Lease = Quick,
        });
        await _world.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(ControllerHost.HttpAddress(second.Host)!) };
        var last = string.Empty;
        var why = await DescribedAsync(() => last, () => Eventually.GetAsync(async () =>
        {
            var answer = await http.GetAsync("/readyz");
            var text = last = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
            return (int)answer.StatusCode == 503 && text.Contains("another AkoActors cluster", StringComparison.Ordinal) ? text : null;
        }, "the second cluster's /readyz naming the Lease holder", TimeSpan.FromSeconds(30)));
        Assert.Contains(first.Address, why, StringComparison.Ordinal);
        var warning = await Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("-n", "avi-system", "get", "events", "--field-selector", "reason=SecondCluster",
                "-o", "jsonpath={.items[*].message}")).StandardOutput;
            return events.Length > 0 ? events : null;
        }, "a SecondCluster Warning event on the Lease");
        Assert.Contains("same seed list", warning, StringComparison.Ordinal);

        (await _world.Kubectl.RunAsync("create", "deploy", "web", "--image=nginx")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("pool", "avi-cluster--default-web-TCP-80")?["servers"]?.AsArray().Count == 1),
            "the web pool with its pod", TimeSpan.FromSeconds(30));
        Assert.All(_world.WritesSince().Where(w => w.Method != "GET"), w => Assert.Equal(first.Id, w.Replica));

        await first.StopAsync();
        var mark = _world.AuditMark;
        (await _world.Kubectl.RunAsync("scale", "deploy", "web", "--replicas=3")).EnsureSuccess();

        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("pool", "avi-cluster--default-web-TCP-80")?["servers"]?.AsArray().Count == 3),
            "the second cluster taking over once the first one's Lease expired", TimeSpan.FromSeconds(60));
        Assert.All(_world.WritesSince(mark).Where(w => w.Method != "GET"), w => Assert.Equal(second.Id, w.Replica));
    }

    [Fact]
    public async Task A_replica_the_holding_cluster_counted_and_then_dropped_downs_itself_so_it_can_rejoin()
    {
        // What a partition leaves when the cut-off replica's split-brain resolver decided on a partial view: a one-node
        // cluster of its own, while the cluster holding the Lease (which once listed it) has downed it and renews without it.
        var first = _world.Replicas[0];
        var leaseName = ControllerHost.ClusterLeaseName(_world.Settings.ClusterName);
        await Eventually.HoldsAsync(async () => (await LeaseMembersAsync(leaseName)).StartsWith(first.Address, StringComparison.Ordinal),
            "the first cluster holding the Lease");
        var cutOff = await _world.StartReplicaAsync("cut-off", options => options with
        {
            Formation = new ClusterFormation.StaticSeeds("127.0.0.1", 0, []),
            Lease = Quick,
        });
        var self = Identity(Cluster.Get(cutOff.System).SelfUniqueAddress);
        var holder = Identity(Cluster.Get(first.System).SelfUniqueAddress);

        await Eventually.HoldsAsync(async () =>
        {
            if (cutOff.System.WhenTerminated.IsCompleted) return true;
            // The holding cluster's record lists the cut-off replica until the holder's next renewal drops it; the cut-off
            // replica reads the Lease ten times in that while. (Listed once more if a read was missed.)
            (await _world.Kubectl.RunAsync("-n", "avi-system", "annotate", "lease", leaseName, "--overwrite",
                $"{KubernetesClusterLeaseStore.MembersAnnotation}={holder} {self}")).EnsureSuccess();
            var seen = string.Empty;
            await DescribedAsync(() => seen, () => Eventually.GetAsync(
                async () => (seen = await LeaseMembersAsync(leaseName)).Contains(self, StringComparison.Ordinal) ? null : seen,
                $"the holder's renewal without the cut-off replica {self} (holder {holder})"));
            return false;
        }, "the cut-off replica downing itself", TimeSpan.FromSeconds(60));

        await cutOff.System.WhenTerminated;
        Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(CoordinatedShutdown.Get(cutOff.System).ShutdownReason);
        // The holding cluster carried on throughout.
        Assert.True(first.IsUp);
        Assert.Null(first.Runtime.ClusterLeaseProblem);
    }

    private async Task<string> LeaseMembersAsync(string leaseName) =>
        (await _world.Kubectl.RunAsync("-n", "avi-system", "get", "lease", leaseName, "-o",
            "jsonpath={.spec.holderIdentity} {.metadata.annotations}")).StandardOutput;

    private static string Identity(UniqueAddress address) => $"{address.Address}#{address.Uid}";

    private static async Task<T> DescribedAsync<T>(Func<string> lastSeen, Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}; last seen: {lastSeen()}", timeout);
        }
    }
}
