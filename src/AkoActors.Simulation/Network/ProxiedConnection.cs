using System.Net.Sockets;

namespace AkoActors.Simulation.Network;

/// <summary>One client connection through a <see cref="RemotingProxy"/> and its connection to the replica behind; bytes
/// are copied both ways until either side closes or the proxy cuts it.</summary>
internal sealed class ProxiedConnection(int? origin, Socket client, Socket backend)
{
    private int _closed;

    /// <summary>The slot of the replica that opened the connection, or null when unknown.</summary>
    public int? Origin { get; } = origin;

    public async Task PumpAsync(CancellationToken stop)
    {
        var up = CopyAsync(client, backend, stop);
        var down = CopyAsync(backend, client, stop);
        await Task.WhenAny(up, down);
        Close();
        await Task.WhenAll(up, down);
    }

    /// <summary>Resets both sides at once (linger 0): the peers see the connection die, as when a network drops it.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        foreach (var socket in new[] { client, backend })
        {
            try
            {
                socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
                socket.Close(0);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop);
                if (read == 0) return;
                var sent = 0;
                while (sent < read) sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, stop);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed by either side or cut by the proxy.
        }
    }
}
