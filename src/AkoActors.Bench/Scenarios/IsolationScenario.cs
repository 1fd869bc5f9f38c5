using System.Globalization;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Naming;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;
using k8s;
using k8s.Models;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>isolation</c>: namespace B makes single changes — an endpoint change of its LoadBalancer Service (L4) and a
/// new Ingress host (L7, on the shared VS namespace A's hosts use too) — first with namespace A idle, then while A floods:
/// K endpoint changes per second across its Services, new Ingress hosts and a steady stream of Services the controller
/// refuses (SCTP only). Reports B's p50/p99 for both, idle and flooded, and checks issue 10's target: B's flooded p99 at
/// most 2 × its idle p99 + one Avi round trip. Each of B's new hosts is removed again once measured, so the shared VS has
/// the same size for B in both phases (what grows in the flooded one is A's hosts); a few unmeasured changes of each kind
/// come first, so JIT compilation is not counted as either phase's latency.</summary>
public static class IsolationScenario
{
    public const string Name = "isolation";
    private const string FloodNs = "iso-a";
    private const string QuietNs = "iso-b";
    private const int FloodServices = 50;
    private const int WarmUp = 5;

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        var ready = await world.StartReplicasAsync(p.Replicas, p.Timeout);
        result.Add("replicas started → all ready", ready.TotalSeconds, "s");
        var names = new AviNames(Workload.ClusterName);
        foreach (var ns in new[] { FloodNs, QuietNs })
        {
            await world.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            await world.Client.CoreV1.CreateNamespacedServiceAsync(Backend(ns), ns);
            await world.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice(ns, "web", [Workload.Address(ns == FloodNs ? 1 : 2)]), ns);
        }
        var floodServices = Enumerable.Range(0, FloodServices).Select(i => $"a-{i:D3}").ToList();
        await world.CreateAllAsync(floodServices, async s =>
        {
            await world.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice(FloodNs, s, [Workload.Address(10 + floodServices.IndexOf(s))]), FloodNs);
            await world.Client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer(FloodNs, s, "TCP"), FloodNs);
        }, p.ClientParallelism);
        await world.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice(QuietNs, "b", [Workload.Address(5)]), QuietNs);
        await world.Client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer(QuietNs, "b", "TCP"), QuietNs);
        var quietPool = names.L4Pool(new ServiceKey(QuietNs, "b"), "TCP", Workload.ServicePort);
        await Poll.UntilAsync(() => world.PoolServers(quietPool)?.Count == 1 &&
                                    floodServices.All(s => world.PoolServers(names.L4Pool(new ServiceKey(FloodNs, s), "TCP", Workload.ServicePort))?.Count == 1),
            "every Service's pool", p.Timeout, TimeSpan.FromMilliseconds(20));
        await world.WaitQuietAsync(TimeSpan.FromSeconds(1), p.Timeout);

        var quiet = new QuietNamespace(world, names, p);
        // The first changes of each kind also compile the code paths they take: measured, they would stand for the JIT.
        await quiet.MeasureAsync("warmup", WarmUp);
        world.Progress.Say($"A idle: {p.Repetitions} endpoint changes and {p.Repetitions} new hosts in {QuietNs}");
        var idle = await quiet.MeasureAsync("idle", p.Repetitions);

        var flood = new Flood(world, floodServices, p.ChurnPerSecond);
        using var stop = new CancellationTokenSource();
        var flooding = flood.RunAsync(stop.Token);
        world.Progress.Say($"A floods: {p.ChurnPerSecond:0} endpoint changes/s, {flood.HostsPerSecond:0} new hosts/s, {flood.RefusedPerSecond:0} refused Services/s");
        var busy = await quiet.MeasureAsync("flooded", p.Repetitions);
        await stop.CancelAsync();
        await flooding;

        var round = Kit.Ms(p.AviLatency);
        foreach (var (what, unit) in new[] { ("L4: endpoint change → pool PUT", "endpoint"), ("L7: new host → pool POST and shared VS policy set PUT", "host") })
        {
            var before = Distribution.Of(unit == "endpoint" ? idle.Endpoint : idle.Host)!;
            var during = Distribution.Of(unit == "endpoint" ? busy.Endpoint : busy.Host)!;
            result.Add($"B {what}, A idle", before, "ms");
            result.Add($"B {what}, A flooding", during, "ms",
                note: string.Create(CultureInfo.InvariantCulture, $"target p99 ≤ 2 × {before.P99:0.0} + {round:0} = {2 * before.P99 + round:0.0} ms"));
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"B {unit} p99 flooded {during.P99:0.0} ms vs target 2 × idle p99 + one Avi round trip = {2 * before.P99 + round:0.0} ms: {(during.P99 <= 2 * before.P99 + round ? "met" : "NOT met")}"));
        }
        result.Add("A's endpoint changes during the measurement", flood.EndpointChanges, "changes");
        result.Add("A's new Ingress hosts during the measurement", flood.Hosts, "hosts");
        result.Add("A's refused Services during the measurement", flood.Refused, "objects");
        result.Notes.Add($"shared VSes: {p.ShardSize}; A's hosts and B's hosts share them; A has {FloodServices} LoadBalancer Services");
        Kit.AddMemory(result, world);
        return result;
    }

    private static V1Service LoadBalancer(string ns, string name, string protocol) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            Ports = [new V1ServicePort { Port = Workload.ServicePort, TargetPort = Workload.TargetPort, Protocol = protocol }],
        },
    };

    private static V1Service Backend(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = Workload.ServicePort, TargetPort = Workload.TargetPort, Protocol = "TCP" }] },
    };

    private static V1EndpointSlice Slice(string ns, string service, IEnumerable<string> addresses) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{service}-bench",
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service, ["endpointslice.kubernetes.io/managed-by"] = "ako-bench" },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Port = Workload.TargetPort, Protocol = "TCP" }],
        Endpoints = addresses.Select(a => new V1Endpoint { Addresses = [a], Conditions = new V1EndpointConditions { Ready = true } }).ToList(),
    };

    private static V1Ingress Ingress(string ns, string name, string host) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1IngressSpec
        {
            IngressClassName = "avi-lb",
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath
                        {
                            Path = "/", PathType = "Prefix",
                            Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = Workload.ServicePort } } },
                        }],
                    },
                },
            ],
        },
    };

    /// <summary>B's single changes, one at a time, each timed from the Kubernetes write's ack to the Avi write(s) realising it.</summary>
    private sealed class QuietNamespace(BenchWorld world, AviNames names, ScenarioParameters p)
    {
        private V1EndpointSlice? _slice;
        private int _hosts;

        public async Task<(List<double> Endpoint, List<double> Host)> MeasureAsync(string phase, int repetitions)
        {
            var pool = names.L4Pool(new ServiceKey(QuietNs, "b"), "TCP", Workload.ServicePort);
            _slice ??= await world.Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("b-bench", QuietNs);
            var endpoint = new List<double>();
            var host = new List<double>();
            for (var i = 0; i < repetitions; i++)
            {
                var address = Workload.Address(3_000_000 + (phase == "idle" ? 0 : 100_000) + i);
                _slice.Endpoints = [new V1Endpoint { Addresses = [address], Conditions = new V1EndpointConditions { Ready = true } }];
                var mark = world.Audit.TotalRecorded;
                _slice = await world.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(_slice, _slice.Metadata.Name, QuietNs);
                var acknowledged = DateTimeOffset.UtcNow;
                await Poll.UntilAsync(() => world.PoolServers(pool) is [var only] && only.StartsWith(address, StringComparison.Ordinal) &&
                                            world.Audit.Since(mark).Any(e => e.Name == pool && e.Status < 300),
                    $"B's endpoint change {i + 1} ({phase})", p.Timeout, TimeSpan.FromMilliseconds(1));
                endpoint.Add(Kit.Ms(world.Audit.Since(mark).Last(e => e.Name == pool && e.Status < 300).Time - acknowledged));

                var name = $"b-{phase}-{_hosts++:D4}";
                var hostName = $"{name}.{Workload.HostDomain}";
                var hostPool = names.InsecurePool(hostName, "/", QuietNs, name);
                var vs = names.SharedL7VirtualService(AviNames.ShardIndex(hostName, p.ShardCount));
                mark = world.Audit.TotalRecorded;
                await world.Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress(QuietNs, name, hostName), QuietNs);
                acknowledged = DateTimeOffset.UtcNow;
                // Realised: its pool exists and the shared VS's policy set (which routes to it) was written after the pool.
                await Poll.UntilAsync(() => Realising(mark, hostPool, vs) is not null, $"B's new host {hostName} ({phase})", p.Timeout, TimeSpan.FromMilliseconds(1));
                host.Add(Kit.Ms(Realising(mark, hostPool, vs)!.Value - acknowledged));
                // B's host leaves again, so each of B's measurements meets a VS of the same size in both phases (a pass writes the
                // VS's whole policy set and vsvip, whose cost grows with its hosts): what changes between the phases is A alone.
                mark = world.Audit.TotalRecorded;
                await world.Client.NetworkingV1.DeleteNamespacedIngressAsync(name, QuietNs);
                await Poll.UntilAsync(() => world.Audit.Since(mark).Any(e => e.Name == hostPool && e.Method == "DELETE" && e.Status < 300),
                    $"B's host {hostName} removed ({phase})", p.Timeout, TimeSpan.FromMilliseconds(1));
                if ((i + 1) % 25 == 0)
                {
                    world.Progress.Say($"{phase}: {i + 1}/{repetitions}, endpoint p50 {Distribution.Median(endpoint):0.0} ms, host p50 {Distribution.Median(host):0.0} ms");
                }
            }
            return (endpoint, host);
        }

        private DateTimeOffset? Realising(long mark, string pool, string vs)
        {
            var writes = world.Audit.Since(mark);
            var created = writes.FirstOrDefault(e => e.Name == pool && e.Method == "POST" && e.Status < 300);
            if (created is null) return null;
            return writes.FirstOrDefault(e => e.Name == vs && e.ObjectType == "httppolicyset" && e.Status < 300 && e.Time >= created.Time)?.Time;
        }
    }

    /// <summary>Namespace A's flood: endpoint changes round robin over its Services at K/s, and a tenth of that in new
    /// Ingress hosts and in Services the controller refuses (SCTP only), until stopped.</summary>
    private sealed class Flood(BenchWorld world, IReadOnlyList<string> services, double perSecond)
    {
        public double HostsPerSecond => Math.Max(1, perSecond / 10);

        public double RefusedPerSecond => Math.Max(1, perSecond / 10);

        public int EndpointChanges { get; private set; }

        public int Hosts { get; private set; }

        public int Refused { get; private set; }

        public Task RunAsync(CancellationToken stop) => Task.WhenAll(
            Every(TimeSpan.FromSeconds(1 / perSecond), async i =>
            {
                var service = services[i % services.Count];
                var slice = Slice(FloodNs, service, [Workload.Address(10 + (i % services.Count)), Workload.Address(4_000_000 + i)]);
                await world.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, FloodNs, cancellationToken: stop);
                EndpointChanges++;
            }, stop),
            Every(TimeSpan.FromSeconds(1 / HostsPerSecond), async i =>
            {
                await world.Client.NetworkingV1.CreateNamespacedIngressAsync(Ingress(FloodNs, $"a-host-{i:D5}", $"a-host-{i:D5}.{Workload.HostDomain}"), FloodNs, cancellationToken: stop);
                Hosts++;
            }, stop),
            Every(TimeSpan.FromSeconds(1 / RefusedPerSecond), async i =>
            {
                // Without node ports: a long flood would otherwise exhaust the cluster's node-port range (2,768 ports) and fail the run.
                var refused = LoadBalancer(FloodNs, $"a-sctp-{i:D5}", "SCTP");
                refused.Spec.AllocateLoadBalancerNodePorts = false;
                await world.Client.CoreV1.CreateNamespacedServiceAsync(refused, FloodNs, cancellationToken: stop);
                Refused++;
            }, stop));

        /// <summary>Runs <paramref name="act"/> on a fixed schedule (a PeriodicTimer, so a slow call delays, never bunches).</summary>
        private static async Task Every(TimeSpan period, Func<int, Task> act, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(period);
            var i = 0;
            try
            {
                while (await timer.WaitForNextTickAsync(stop)) await act(i++);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
