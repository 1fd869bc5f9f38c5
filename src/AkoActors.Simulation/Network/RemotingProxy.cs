using System.Net;
using System.Net.Sockets;

namespace AkoActors.Simulation.Network;

/// <summary>A TCP proxy on loopback in front of one replica's Akka remoting port. Replicas advertise the proxy's port
/// (<c>--akka-public-port</c>), so every byte between two replicas passes through the proxy of the one that was
/// connected to; the proxy asks <see cref="ReplicaNetwork"/> who opened each connection and whether that pair may talk,
/// and drops the connections of a pair that may no longer.</summary>
/// <remarks>Why a proxy and not network namespaces or iptables: it needs no privileges, runs the same on a laptop and in
/// CI, and cuts exactly the replica-to-replica traffic — the replicas' Kubernetes API, Avi Controller and health traffic
/// never passes through it, so a partition is between replicas only, as the issue asks.</remarks>
public sealed class RemotingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<ProxiedConnection> _connections = [];
    private readonly Func<int, int, int?> _identify;
    private readonly Func<int?, int, bool> _allowed;
    private Task? _accepting;

    /// <param name="target">The slot of the replica behind this proxy.</param>
    /// <param name="identify">Client port, proxy port → the slot of the replica that opened the connection, or null.</param>
    /// <param name="allowed">Origin slot (null when unknown), target slot → whether that pair may talk now.</param>
    public RemotingProxy(int target, Func<int, int, int?> identify, Func<int?, int, bool> allowed)
    {
        Target = target;
        _identify = identify;
        _allowed = allowed;
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The replica slot this proxy stands in front of.</summary>
    public int Target { get; }

    /// <summary>The port the replica advertises and its peers connect to.</summary>
    public int Port { get; private set; }

    /// <summary>The port the replica behind binds (changes when the replica is restarted).</summary>
    public int BackendPort { get; set; }

    /// <summary>Connections accepted and forwarded so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Connections refused because their pair was partitioned.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private long _forwarded;
    private long _refused;

    public void Start()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Closes every open connection whose pair may no longer talk (after a partition started).</summary>
    public int CutDisallowed()
    {
        List<ProxiedConnection> cut;
        lock (_gate)
        {
            cut = _connections.Where(c => !_allowed(c.Origin, Target)).ToList();
        }
        foreach (var connection in cut) connection.Close();
        return cut.Count;
    }

    /// <summary>The open connections: which slot opened each (null when unknown).</summary>
    public IReadOnlyList<int?> OpenConnections()
    {
        lock (_gate)
        {
            return _connections.Select(c => c.Origin).ToList();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var clientPort = ((IPEndPoint)client.RemoteEndPoint!).Port;
        var origin = _identify(clientPort, Port);
        if (!_allowed(origin, Target))
        {
            Interlocked.Increment(ref _refused);
            client.Close(0);
            return;
        }
        var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await backend.ConnectAsync(IPAddress.Loopback, BackendPort, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The replica behind is down: refuse, as its own closed port would.
            backend.Dispose();
            client.Close(0);
            return;
        }
        client.NoDelay = true;
        var connection = new ProxiedConnection(origin, client, backend);
        lock (_gate)
        {
            _connections.Add(connection);
        }
        // A partition may have started between the check and the registration: check again now that Cut can see it.
        if (!_allowed(origin, Target))
        {
            Interlocked.Increment(ref _refused);
            connection.Close();
        }
        else
        {
            Interlocked.Increment(ref _forwarded);
        }
        await connection.PumpAsync(_stop.Token);
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_accepting is not null) await _accepting;
        List<ProxiedConnection> open;
        lock (_gate)
        {
            open = [.. _connections];
        }
        foreach (var connection in open) connection.Close();
        _stop.Dispose();
    }
}
