using AkoActors.AviSim.Audit;
using AkoActors.Simulation.Reporting;
using AkoActors.Simulation.Workloads;
using Xunit;

namespace AkoActors.Simulation.Tests.Reporting;

public sealed class ChangeLatenciesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static AuditEntry Write(long sequence, double atMs, string method, string type, string name, int status = 200) =>
        new(sequence, T0.AddMilliseconds(atMs), method, type, null, name, "admin", null, status, null, "replica-0", new Dictionary<string, string>(), false, null);

    [Fact]
    public void A_change_is_realised_when_the_last_of_its_pools_is_first_written_after_it()
    {
        var changes = new[]
        {
            new EndpointChange(T0.AddMilliseconds(100), "svc-00001", ["pool-a"]),
            new EndpointChange(T0.AddMilliseconds(200), "backend-000", ["pool-b", "pool-c"]),
            new EndpointChange(T0.AddMilliseconds(900), "svc-00002", ["pool-d"]),
            new EndpointChange(T0.AddMilliseconds(950), "backend-002", []), // no Ingress routes to it: nothing to realise
        };
        var audit = new[]
        {
            Write(1, 50, "PUT", "pool", "pool-a"),        // before the change: not its write
            Write(2, 130, "PUT", "pool", "pool-a"),       // 30 ms
            Write(3, 210, "PUT", "pool", "pool-b"),
            Write(4, 260, "PUT", "pool", "pool-c", 412),  // refused: does not count
            Write(5, 280, "PUT", "pool", "pool-c"),       // the last pool of change 2: 80 ms
            Write(6, 300, "PUT", "virtualservice", "pool-d"), // another type of that name
        };

        var latencies = ChangeLatencies.Measure(changes, audit);

        Assert.Equal([TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(80)], latencies.Realised);
        Assert.Equal(1, latencies.Unrealised);
        Assert.Equal(TimeSpan.FromMilliseconds(30), latencies.Quantile(0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(80), latencies.Quantile(0.99));
    }

    [Fact]
    public void No_realised_change_has_no_quantile()
    {
        var latencies = ChangeLatencies.Measure([], []);
        Assert.Null(latencies.Quantile(0.5));
        Assert.Equal(0, latencies.Unrealised);
    }

    private static AuditEntry VrfWrite(long sequence, double atMs, string name, int status, params string[] routes) =>
        new(sequence, T0.AddMilliseconds(atMs), "PUT", "vrfcontext", null, name, "admin", null, status, null, "replica-0",
            new Dictionary<string, string>(), false, null, StaticRoutes: routes);

    [Fact]
    public void A_node_change_is_realised_by_the_first_vrf_write_that_carries_it()
    {
        var changes = new[]
        {
            new NodeChange(T0, "sim-node-0005", NodeChangeKind.Add, ["10.32.5.0/24 via 10.0.0.6"], []),
            new NodeChange(T0.AddMilliseconds(10), "sim-node-0001", NodeChangeKind.ChangePodCidr, ["10.32.6.0/24 via 10.0.0.2"], ["10.32.1.0/24"]),
            new NodeChange(T0.AddMilliseconds(20), "sim-node-0002", NodeChangeKind.Delete, [], ["10.32.2.0/24"]),
            new NodeChange(T0.AddMilliseconds(30), "sim-node-0003", NodeChangeKind.Add, ["10.32.7.0/24 via 10.0.0.4"], []),
        };
        var audit = new[]
        {
            // Before the first change: holds none of them.
            VrfWrite(1, -5, "global", 200, "10.32.1.0/24 via 10.0.0.2", "10.32.2.0/24 via 10.0.0.3"),
            // A 412 carrying everything counts for nothing; nor does another VRF.
            VrfWrite(2, 50, "global", 412, "10.32.5.0/24 via 10.0.0.6", "10.32.6.0/24 via 10.0.0.2"),
            VrfWrite(3, 60, "management", 200, "10.32.5.0/24 via 10.0.0.6", "10.32.6.0/24 via 10.0.0.2"),
            // The add, while the old CIDR of sim-node-0001 and sim-node-0002 are still there.
            VrfWrite(4, 100, "global", 200, "10.32.1.0/24 via 10.0.0.2", "10.32.2.0/24 via 10.0.0.3", "10.32.5.0/24 via 10.0.0.6"),
            // The CIDR change and the delete; sim-node-0003's route never lands.
            VrfWrite(5, 220, "global", 200, "10.32.5.0/24 via 10.0.0.6", "10.32.6.0/24 via 10.0.0.2"),
        };

        var latencies = ChangeLatencies.MeasureNodes(changes, audit);

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(210)], latencies.Realised);
        Assert.Equal(1, latencies.Unrealised);
    }

    [Fact]
    public void A_node_change_superseded_before_any_write_is_realised_by_the_write_showing_the_nodes_later_state()
    {
        var changes = new[]
        {
            new NodeChange(T0, "sim-node-0007", NodeChangeKind.Add, ["10.32.8.0/24 via 10.0.0.8"], []),
            new NodeChange(T0.AddMilliseconds(10), "sim-node-0007", NodeChangeKind.ChangePodCidr, ["10.32.9.0/24 via 10.0.0.8"], ["10.32.8.0/24"]),
            new NodeChange(T0.AddMilliseconds(20), "sim-node-0008", NodeChangeKind.Add, ["10.32.10.0/24 via 10.0.0.9"], []),
            new NodeChange(T0.AddMilliseconds(30), "sim-node-0008", NodeChangeKind.Delete, [], ["10.32.10.0/24"]),
        };
        var audit = new[] { VrfWrite(1, 500, "global", 200, "10.32.9.0/24 via 10.0.0.8") };

        var latencies = ChangeLatencies.MeasureNodes(changes, audit);

        Assert.Equal([470, 480, 490, 500], latencies.Realised.Select(l => l.TotalMilliseconds));
        Assert.Equal(0, latencies.Unrealised);
    }
}
