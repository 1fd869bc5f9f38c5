using AkoActors.AviSim.Audit;
using AkoActors.Configuration;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Kubernetes.Snapshots;
using AkoActors.Simulation.Workloads;
using k8s;

namespace AkoActors.Simulation.Invariants;

/// <summary>Checks a running simulation's invariants: desired against actual (<see cref="ConvergenceRules"/>, static
/// routes against the Nodes with <see cref="StaticRouteRules"/>), single
/// writer over the whole audit log (<see cref="SingleWriterRule"/>), and no spurious writes between two points of a run
/// in which nothing changed.</summary>
public sealed class InvariantChecker
{
    public const string NoSpuriousWrites = "no spurious writes";
    private readonly Simulation _simulation;

    private TranslationContext? _context;

    internal InvariantChecker(Simulation simulation) => _simulation = simulation;

    /// <summary>Every difference between Kubernetes and the controller now (empty once converged).</summary>
    public async Task<IReadOnlyList<Violation>> DifferencesAsync()
    {
        var routes = RouteDifferences(await NodesAsync());
        if (_simulation.Options.Snapshot is not null) return [.. (await TranslatedAsync()).Differences, .. routes];
        var desired = await DesiredState.ReadAsync(_simulation.Client, _simulation.Options.ShardCount);
        return [.. ConvergenceRules.Differences(desired, _simulation.Avi.Simulator.DumpState(tenant: "admin"), Workload.Names), .. routes];
    }

    /// <summary>The VRF's static routes against <paramref name="nodes"/> (<see cref="StaticRouteRules"/>).</summary>
    private IReadOnlyList<Violation> RouteDifferences(IReadOnlyList<NodeSnapshot> nodes) =>
        StaticRouteRules.Differences(nodes, _simulation.Avi.Simulator.DumpState(objectType: "vrfcontext"), Context().Settings);

    private async Task<IReadOnlyList<NodeSnapshot>> NodesAsync() =>
        (await _simulation.Client.CoreV1.ListNodeAsync()).Items.Select(NodeSnapshots.From).ToList();

    /// <summary>A snapshot's cluster against the controller, through the controller's own translation of what the API
    /// server holds now (<see cref="TranslatedConvergence"/>).</summary>
    public async Task<ConvergenceView> TranslatedAsync()
    {
        var cluster = await ListedClusterState.ReadAsync(_simulation.Client);
        return TranslatedConvergence.Compare(cluster, Context(), tenant => _simulation.Avi.Simulator.DumpState(tenant: tenant));
    }

    /// <summary>The settings the replicas run with (their values file), for translating as they do.</summary>
    private TranslationContext Context()
    {
        if (_context is not null) return _context;
        var values = File.ReadAllText(Path.Combine(_simulation.Directory, "values.yaml"));
        var parsed = AkoSettingsParser.Parse(AkoSettingsSources.FromValuesYaml(values));
        if (!parsed.IsValid) throw new InvalidOperationException($"the replicas' values.yaml is not usable: {string.Join("; ", parsed.Errors)}");
        return _context = new TranslationContext(parsed.Settings!, EquatableArray<string>.Empty);
    }

    /// <summary>How many Services, Ingress hosts and workload Nodes Kubernetes has, and how many of them are realised on the
    /// controller now (nothing missing, pools holding their endpoints, statuses showing the VIP, a Node's routes in the VRF).</summary>
    public async Task<(int Realised, int Total)> ProgressAsync()
    {
        // The workload's own Nodes are subjects (the cluster's seeded Nodes are checked, not counted, as before loading).
        var own = _simulation.Workload.Nodes;
        var nodes = own.Count == 0 ? [] : await NodesAsync();
        var nodesPending = own.Count == 0 ? 0 : RouteDifferences(nodes)
            .Where(v => v.Invariant == StaticRouteRules.RoutesMatchNodes && v.Object.StartsWith("Node ", StringComparison.Ordinal) && own.ContainsKey(v.Object[5..]))
            .Select(v => v.Object)
            .Distinct(StringComparer.Ordinal)
            .Count();
        var nodeCount = nodes.Count(n => own.ContainsKey(n.Key.Name));
        if (_simulation.Options.Snapshot is not null)
        {
            var view = await TranslatedAsync();
            return (view.Realised + nodeCount - nodesPending, view.Subjects + nodeCount);
        }
        var desired = await DesiredState.ReadAsync(_simulation.Client, _simulation.Options.ShardCount);
        var pending = ConvergenceRules.Differences(desired, _simulation.Avi.Simulator.DumpState(tenant: "admin"), Workload.Names)
            .Where(v => v.Invariant is ConvergenceRules.NothingLost or ConvergenceRules.StatusesMatch)
            .Select(v => v.Object)
            .Distinct(StringComparer.Ordinal)
            .Count();
        var total = desired.Services.Count + desired.Hosts.Count + nodeCount;
        return (Math.Max(0, total - pending - nodesPending), total);
    }

    /// <summary>The history invariants over the whole run so far: single writer.</summary>
    public Task<IReadOnlyList<Violation>> CheckAsync() => Task.FromResult(SingleWriterRule.Check(_simulation.Avi.Simulator.Audit.Entries));

    public async Task<WriteMark> MarkAsync() =>
        new(_simulation.Avi.Simulator.Audit.TotalRecorded, await ResourceVersionsAsync(), _simulation.Elapsed);

    /// <summary>Writes since <paramref name="mark"/>: successful controller writes, and Services, Ingresses or Nodes written.</summary>
    public async Task<IReadOnlyList<Violation>> WritesSinceAsync(WriteMark mark)
    {
        var writes = new List<Violation>();
        foreach (var entry in _simulation.Avi.Simulator.Audit.Since(mark.AuditSequence).Where(e => e.Status is >= 200 and < 300 && !e.InjectedFault))
        {
            writes.Add(new Violation(NoSpuriousWrites, $"{entry.ObjectType} {entry.Name}", $"#{entry.Sequence} {entry.Method} by {SingleWriterRule.Writer(entry)} at {entry.Time:HH:mm:ss.fff}"));
        }
        var now = await ResourceVersionsAsync();
        foreach (var (name, version) in now.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var before = mark.ResourceVersions.GetValueOrDefault(name);
            if (before != version) writes.Add(new Violation(NoSpuriousWrites, name, $"written in Kubernetes (resourceVersion {before ?? "none"} → {version})"));
        }
        return writes;
    }

    /// <summary>Fails when anything was written since <paramref name="mark"/> — for a stretch in which nothing changed in
    /// Kubernetes and nothing drifted on the controller, whatever faults ran.</summary>
    public async Task AssertNoWritesSinceAsync(WriteMark mark)
    {
        var writes = await WritesSinceAsync(mark);
        if (writes.Count > 0)
        {
            throw new InvariantViolationException(_simulation.Seed,
                $"writes during a quiet stretch of {(_simulation.Elapsed - mark.At).TotalSeconds:0}s (nothing changed, nothing drifted)", writes);
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ResourceVersionsAsync()
    {
        var client = _simulation.Client;
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in (await client.CoreV1.ListServiceForAllNamespacesAsync()).Items)
        {
            versions[$"Service {service.Metadata.NamespaceProperty}/{service.Metadata.Name}"] = service.Metadata.ResourceVersion;
        }
        foreach (var ingress in (await client.NetworkingV1.ListIngressForAllNamespacesAsync()).Items)
        {
            versions[$"Ingress {ingress.Metadata.NamespaceProperty}/{ingress.Metadata.Name}"] = ingress.Metadata.ResourceVersion;
        }
        foreach (var node in (await client.CoreV1.ListNodeAsync()).Items)
        {
            versions[$"Node {node.Metadata.Name}"] = node.Metadata.ResourceVersion;
        }
        return versions;
    }

    /// <summary>The audit entries of the run (for reports).</summary>
    public IReadOnlyList<AuditEntry> Audit => _simulation.Avi.Simulator.Audit.Entries;
}
