using System.Net;
using System.Net.Sockets;
using AkoActors.Simulation.Network;
using AkoActors.Testing;
using Xunit;

namespace AkoActors.Simulation.Tests.Network;

/// <summary>The partition mechanism on its own: bytes pass through a slot's proxy; isolating the target or the opener
/// (identified through /proc as this test process, registered as slot 0) resets open connections and refuses new ones;
/// healing lets them in again.</summary>
public sealed class RemotingProxyTests : IAsyncLifetime
{
    private readonly ReplicaNetwork _network = new();
    private readonly TcpListener _backend = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private RemotingProxy _proxy = null!;

    public Task InitializeAsync()
    {
        _backend.Start();
        _ = Task.Run(EchoAsync);
        _proxy = _network.AddSlot(1);
        _network.AddSlot(0);
        _network.Attach(1, pid: -1, backendPort: ((IPEndPoint)_backend.LocalEndpoint).Port);
        _network.Attach(0, Environment.ProcessId, backendPort: 1);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bytes_pass_through_and_the_opener_is_identified_as_its_slot()
    {
        using var client = await ConnectAsync();
        Assert.Equal("ping", await EchoThroughAsync(client, "ping"));
        Assert.Equal([0], _proxy.OpenConnections().Cast<int>());
        Assert.Equal(0, _network.Unidentified);
    }

    [Fact]
    public async Task Isolating_the_target_resets_open_connections_and_refuses_new_ones_until_healed()
    {
        using var open = await ConnectAsync();
        Assert.Equal("a", await EchoThroughAsync(open, "a"));

        Assert.Equal(1, _network.Isolate(1));
        Assert.True(await IsDeadAsync(open), "an open connection into the isolated slot must be reset");
        using (var refused = await ConnectUnlessResetAsync())
        {
            Assert.True(refused is null || await IsDeadAsync(refused), "a new connection into the isolated slot must be refused");
        }

        _network.Heal();
        using var healed = await ConnectAsync();
        Assert.Equal("b", await EchoThroughAsync(healed, "b"));
    }

    [Fact]
    public async Task Isolating_the_opener_cuts_the_connections_it_opened_to_its_peers()
    {
        using var open = await ConnectAsync();
        Assert.Equal("a", await EchoThroughAsync(open, "a"));

        _network.Isolate(0);
        Assert.True(await IsDeadAsync(open), "a connection slot 0 opened must be reset when slot 0 is isolated");
        using var refused = await ConnectUnlessResetAsync();
        Assert.True(refused is null || await IsDeadAsync(refused), "slot 0 may not open a new connection to slot 1 while isolated");
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _proxy.Port);
        return socket;
    }

    /// <summary>A connection the proxy refuses is accepted and reset at once; the reset can arrive before the connect
    /// completes (null here) or after (a dead socket), depending on scheduling.</summary>
    private async Task<Socket?> ConnectUnlessResetAsync()
    {
        try
        {
            return await ConnectAsync();
        }
        catch (SocketException reset) when (reset.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
        {
            return null;
        }
    }

    private static async Task<string> EchoThroughAsync(Socket socket, string text)
    {
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(text));
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>True once the connection reads end-of-stream or a reset: the proxy closed it.</summary>
    private static async Task<bool> IsDeadAsync(Socket socket)
    {
        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await socket.SendAsync("x"u8.ToArray(), SocketFlags.None, timeout.Token);
            return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private async Task EchoAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _backend.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using var socket = accepted;
                var buffer = new byte[64];
                try
                {
                    while (await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) is var read and > 0)
                    {
                        await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                    }
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                }
            });
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _backend.Stop();
        await _network.DisposeAsync();
        _stop.Dispose();
    }
}
