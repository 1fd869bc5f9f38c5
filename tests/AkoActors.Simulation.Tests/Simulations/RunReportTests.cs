using AkoActors.Simulation.Faults;
using AkoActors.Simulation.Reporting;
using AkoActors.Simulation.Waiting;
using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Simulation.Tests.Simulations;

/// <summary>What <c>ako-bench simulate</c> reports, measured through a real run: the controller's baseline latency holds
/// across faults being cleared, the timeline follows the run from before the workload to convergence, and every
/// endpoint change has its latency from the audit log.</summary>
public sealed class RunReportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_recorded_run_has_its_timeline_and_the_latency_of_every_change()
    {
        var baseline = new AviControllerProfile(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), 8);
        await using var sim = await Simulation.StartAsync(o => o.Replicas(1).Services(4).Ingresses(2).Seed(5).Controller(baseline)
            .RecordTimeline(TimeSpan.FromMilliseconds(200)).LogTo(output.WriteLine));

        sim.AviFaults.Errors("PUT", "pool", 0.5);
        sim.AviFaults.Clear(); // back to the baseline, not to an instant controller
        Assert.Equal(TimeSpan.FromMilliseconds(5), sim.Avi.Simulator.Faults.Latency.FixedDelay);
        Assert.Equal(8, sim.Avi.Simulator.Faults.MaxConcurrentRequests);

        await sim.Workload.ChangeEndpointsAsync(6);
        await sim.ConvergedWithin(TimeSpan.FromMinutes(2));
        var samples = sim.Timeline!.Samples;
        await Poll.UntilAsync(() => sim.Timeline.Samples.Count > samples.Count, "one more sample after convergence", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        var timeline = sim.Timeline.Samples;
        Assert.Equal(0, timeline[0].Total); // sampled from before the workload was loaded
        Assert.Equal(timeline[^1].Total, timeline[^1].Realised);
        Assert.Equal(4 + sim.Workload.Ingresses.Sum(i => AkoActors.Simulation.Workloads.Workload.IngressHosts(int.Parse(i[4..], System.Globalization.CultureInfo.InvariantCulture)).Count), timeline[^1].Total);
        Assert.True(timeline.Zip(timeline.Skip(1)).All(p => p.Second.AviRequests >= p.First.AviRequests && p.Second.At > p.First.At));

        var latencies = ChangeLatencies.Measure(sim.Workload.ChangeLog, sim.Checker.Audit);
        Assert.Equal(0, latencies.Unrealised);
        Assert.Equal(sim.Workload.ChangeLog.Count(c => c.Pools.Count > 0), latencies.Realised.Count);
        Assert.NotEmpty(latencies.Realised);
        // Each realising write waited at least the controller's 5 ms before it was answered (and audited).
        Assert.All(latencies.Realised, l => Assert.True(l >= TimeSpan.FromMilliseconds(5), $"{l.TotalMilliseconds} ms"));
    }
}
