using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>A TCP path to one server through a loopback port of its own, which the test can cut: open connections are
/// reset and new ones refused from then on, as when one node loses its route to the Avi Controller. TLS passes through
/// untouched (the server's certificate names 127.0.0.1, whatever the port).</summary>
public sealed class CuttableTcpPath : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _cut = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;

    private CuttableTcpPath(TcpListener listener, IPEndPoint target, string url)
    {
        _listener = listener;
        _target = target;
        Url = url;
        _accepting = AcceptAsync();
    }

    /// <summary>The server's URL with host and port of this path.</summary>
    public string Url { get; }

    public static Task<CuttableTcpPath> OpenAsync(Uri server)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var url = new UriBuilder(server) { Host = "127.0.0.1", Port = port }.Uri.ToString().TrimEnd('/');
        var target = new IPEndPoint(IPAddress.Parse(server.Host == "localhost" ? "127.0.0.1" : server.Host), server.Port);
        return Task.FromResult(new CuttableTcpPath(listener, target, url));
    }

    /// <summary>Resets every open connection and refuses new ones.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                // A connection a pump already closed (or is closing right now, outside this lock) has no usable socket any more.
                try
                {
                    if (connection.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }
                connection.Dispose();
            }
            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cut.IsCancellationRequested) Cut();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_cut.Token);
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, _cut.Token);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_connections)
            {
                _connections.Add(inbound);
                _connections.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _cut.Token);
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Url} → {_target}");
}
