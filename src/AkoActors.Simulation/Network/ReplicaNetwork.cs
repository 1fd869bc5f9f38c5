using System.Collections.Concurrent;

namespace AkoActors.Simulation.Network;

/// <summary>The replicas' private network: one <see cref="RemotingProxy"/> per replica slot, and which slots are cut off
/// from the others. A partitioned slot's connections are reset and new ones refused, in both directions — the proxies
/// learn which replica opened each connection from the operating system (<see cref="LoopbackSocketOwner"/>), so the
/// connections an isolated replica opened to its peers are cut too, not only those into it.</summary>
public sealed class ReplicaNetwork : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, RemotingProxy> _proxies = [];
    private readonly ConcurrentDictionary<int, int> _slotsByPid = new();
    private readonly HashSet<int> _isolated = [];
    private long _unidentified;

    /// <summary>Connections whose opener could not be identified (refused while any slot is isolated).</summary>
    public long Unidentified => Interlocked.Read(ref _unidentified);

    /// <summary>Starts the proxy of <paramref name="slot"/>; its port is what that slot's replicas advertise.</summary>
    public RemotingProxy AddSlot(int slot)
    {
        var proxy = new RemotingProxy(slot, Identify, MayTalk);
        proxy.Start();
        lock (_gate)
        {
            _proxies.Add(slot, proxy);
        }
        return proxy;
    }

    public RemotingProxy Proxy(int slot)
    {
        lock (_gate)
        {
            return _proxies[slot];
        }
    }

    /// <summary>Declares that process <paramref name="pid"/> is the replica of <paramref name="slot"/>, whose remoting binds
    /// <paramref name="backendPort"/>.</summary>
    public void Attach(int slot, int pid, int backendPort)
    {
        _slotsByPid[pid] = slot;
        Proxy(slot).BackendPort = backendPort;
    }

    public void Detach(int pid) => _slotsByPid.TryRemove(pid, out _);

    /// <summary>The slots currently cut off.</summary>
    public IReadOnlySet<int> Isolated
    {
        get
        {
            lock (_gate)
            {
                return _isolated.ToHashSet();
            }
        }
    }

    /// <summary>Cuts <paramref name="slot"/> off from every other replica: its open connections are reset, new ones refused.</summary>
    public int Isolate(int slot)
    {
        lock (_gate)
        {
            if (!_proxies.ContainsKey(slot)) throw new ArgumentOutOfRangeException(nameof(slot), slot, "no such replica slot");
            _isolated.Add(slot);
        }
        return CutAll();
    }

    /// <summary>Ends the partition of <paramref name="slot"/> (or of every slot when null); replicas may reconnect.</summary>
    public void Heal(int? slot = null)
    {
        lock (_gate)
        {
            if (slot is { } one) _isolated.Remove(one);
            else _isolated.Clear();
        }
    }

    /// <summary>Whether a connection opened by <paramref name="origin"/> (null: not identified) may reach
    /// <paramref name="target"/> now.</summary>
    public bool MayTalk(int? origin, int target)
    {
        lock (_gate)
        {
            if (_isolated.Contains(target)) return false;
            if (origin is { } known) return !_isolated.Contains(known);
            // An opener we could not identify might be the isolated replica: refuse it while any partition holds.
            return _isolated.Count == 0;
        }
    }

    private int CutAll()
    {
        List<RemotingProxy> proxies;
        lock (_gate)
        {
            proxies = [.. _proxies.Values];
        }
        return proxies.Sum(p => p.CutDisallowed());
    }

    private int? Identify(int clientPort, int proxyPort)
    {
        var pid = LoopbackSocketOwner.Find(clientPort, proxyPort, _slotsByPid.Keys);
        if (pid is { } found && _slotsByPid.TryGetValue(found, out var slot)) return slot;
        Interlocked.Increment(ref _unidentified);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        List<RemotingProxy> proxies;
        lock (_gate)
        {
            proxies = [.. _proxies.Values];
        }
        foreach (var proxy in proxies) await proxy.DisposeAsync();
    }
}
