using System.Globalization;
using System.Text.Json.Nodes;
using Akka.Actor;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Routes;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Routes;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>The controller's global VRF behind <see cref="IVrfContextClient"/>, enforcing <c>_last_modified</c> like the real one
/// (a write from a stale read is a 412); a test can hold or fail any call and write routes of its own in between, as a
/// concurrent foreign writer would.</summary>
public sealed class FakeVrfController(IActorRef? probe = null) : IVrfContextClient
{
    public const string VrfName = "global";

    private readonly object _lock = new();
    private long _stamp = 1_579_409_598_079_840;
    private int _writeAttempts;
    private JsonObject _vrf = new()
    {
        ["uuid"] = "vrfcontext-941fc441",
        ["name"] = VrfName,
        ["system_default"] = true,
        ["cloud_ref"] = "https://ctrl/api/cloud/cloud-1#Default-Cloud",
        ["_last_modified"] = "1579409598079840",
        ["static_routes"] = new JsonArray(),
    };

    public int Reads { get; private set; }

    /// <summary>Successful PUTs.</summary>
    public int Writes { get; private set; }

    /// <summary>PUTs refused with 412.</summary>
    public int StaleWrites { get; private set; }

    /// <summary>Runs before a write is checked and stored, with the attempt number (1-based): await to hold it, throw to fail it.</summary>
    public Func<int, Task>? BeforeWrite { get; set; }

    /// <summary>Runs before a read answers: await to hold it, throw to fail it.</summary>
    public Func<Task>? BeforeRead { get; set; }

    public IReadOnlyList<VrfStaticRoute> Routes
    {
        get
        {
            lock (_lock) return StaticRouteCodec.ReadTable(_vrf).Routes;
        }
    }

    public IReadOnlyList<string> RoutesOf(string clusterName) => Routes.Where(r => r.IsOwnedBy(clusterName)).Select(r => r.ToString()).ToList();

    /// <summary>Someone else (an operator, another cluster's AKO) writes a route straight to the controller.</summary>
    public void WriteForeignRoute(string routeId, string prefix, string nextHop, string? clusterLabel = null)
    {
        var route = new JsonObject
        {
            ["route_id"] = routeId,
            ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = prefix.Split('/')[0], ["type"] = "V4" }, ["mask"] = int.Parse(prefix.Split('/')[1], CultureInfo.InvariantCulture) },
            ["next_hop"] = new JsonObject { ["addr"] = nextHop, ["type"] = "V4" },
        };
        if (clusterLabel is not null) route["labels"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = clusterLabel });
        lock (_lock)
        {
            _vrf["static_routes"]!.AsArray().Add(route);
            _vrf["_last_modified"] = (++_stamp).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Routes of ours as an earlier run of the controller left them.</summary>
    public void Seed(string clusterName, params OwnedRoute[] routes)
    {
        lock (_lock)
        {
            var basis = StaticRouteCodec.ReadTable(_vrf);
            _vrf = StaticRouteCodec.WithRoutes(basis, basis.OwnedBy(clusterName).Select(r => new OwnedRoute(r.RouteId, r.AsPodRoute()!)).Concat(routes).ToList(), clusterName);
        }
    }

    /// <summary>Another owner incarnation of this cluster (the successor after a failover) writes our routes as
    /// <paramref name="routes"/>, stamped with its <paramref name="epoch"/>.</summary>
    public void WriteAsOtherOwner(string clusterName, long epoch, params OwnedRoute[] routes)
    {
        lock (_lock)
        {
            var basis = StaticRouteCodec.ReadTable(_vrf);
            _vrf = StaticRouteCodec.WithRoutes(basis, routes, clusterName, epoch);
            _vrf["_last_modified"] = (++_stamp).ToString(CultureInfo.InvariantCulture);
        }
    }

    public async Task<VrfRouteTable?> ReadAsync(string vrfName, string cloudName, AviCallContext context, CancellationToken cancellationToken)
    {
        if (BeforeRead is { } hook) await hook().ConfigureAwait(false);
        lock (_lock)
        {
            Reads++;
            return vrfName == VrfName && cloudName == "Default-Cloud" ? StaticRouteCodec.ReadTable(_vrf.DeepClone().AsObject()) : null;
        }
    }

    public async Task<VrfRouteTable> WriteRoutesAsync(
        VrfRouteTable basis, IReadOnlyList<OwnedRoute> ours, string clusterName, AviCallContext context, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _writeAttempts);
        if (BeforeWrite is { } hook) await hook(attempt).ConfigureAwait(false);
        var body = StaticRouteCodec.WithRoutes(basis, ours, clusterName, context.Epoch);
        VrfRouteTable stored;
        lock (_lock)
        {
            if (body["_last_modified"]?.GetValue<string>() != _vrf["_last_modified"]!.GetValue<string>())
            {
                StaleWrites++;
                throw new AviApiException(new AviError(AviErrorKind.Stale, 412, "Need to reload object data VrfContext"), "PUT", "vrfcontext");
            }
            body["_last_modified"] = (++_stamp).ToString(CultureInfo.InvariantCulture);
            _vrf = body;
            Writes++;
            stored = StaticRouteCodec.ReadTable(_vrf.DeepClone().AsObject());
        }
        probe?.Tell(new VrfWritten(stored.OwnedBy(clusterName).Select(r => r.ToString()).ToList()));
        return stored;
    }

    /// <summary>Told to the probe after each successful write, with our routes as stored.</summary>
    public sealed record VrfWritten(IReadOnlyList<string> Routes);
}
