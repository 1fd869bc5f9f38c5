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
}
