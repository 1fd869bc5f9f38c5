using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace AkoActors.AviSim.Dns;

/// <summary>The DNS virtual service made real: answers queries on a loopback UDP port (and TCP on the same
/// port when it is free) from the <see cref="DnsRecordTable"/>.</summary>
internal sealed class DnsResponder : IAsyncDisposable
{
    private readonly DnsRecordTable _table;
    private readonly ILogger _logger;
    private readonly Socket _udp;
    private readonly TcpListener? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    public DnsResponder(DnsRecordTable table, int port, bool tcp, ILogger logger)
    {
        _table = table;
        _logger = logger;
        (_udp, _tcp) = Bind(port, tcp, logger);
        Port = ((IPEndPoint)_udp.LocalEndPoint!).Port;
        _udpLoop = Task.Run(ServeUdpAsync);
        _tcpLoop = _tcp is null ? Task.CompletedTask : Task.Run(ServeTcpAsync);
    }

    /// <summary>How many UDP ports an automatic choice (port 0) tries before serving UDP alone: the port the system gives for
    /// UDP may be in use for TCP (seen on a busy machine: every TCP query refused).</summary>
    private const int AutomaticPortAttempts = 20;

    private static (Socket Udp, TcpListener? Tcp) Bind(int port, bool tcp, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            if (!tcp) return (udp, null);
            var chosen = ((IPEndPoint)udp.LocalEndPoint!).Port;
            var listener = new TcpListener(IPAddress.Loopback, chosen);
            try
            {
                listener.Start();
                return (udp, listener);
            }
            catch (SocketException ex) when (port == 0 && attempt < AutomaticPortAttempts)
            {
                logger.LogDebug("DNS port {Port} is free for UDP but not for TCP ({Reason}); choosing another", chosen, ex.Message);
                udp.Dispose();
            }
            catch (SocketException ex)
            {
                logger.LogWarning("DNS over TCP not available on port {Port}: {Reason}", chosen, ex.Message);
                return (udp, null);
            }
        }
    }

    public int Port { get; }

    public bool ServesTcp => _tcp is not null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp?.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                var response = DnsMessageCodec.Respond(buffer.AsSpan(0, received.ReceivedBytes), _table);
                if (response is not null)
                {
                    await _udp.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable from a client that went away surfaces here; keep serving.
                _logger.LogDebug("DNS UDP receive error: {Reason}", ex.Message);
            }
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp!.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeTcpClientAsync(client));
        }
    }

    private async Task ServeTcpClientAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var lengthPrefix = new byte[2];
                while (!_stop.IsCancellationRequested)
                {
                    await stream.ReadExactlyAsync(lengthPrefix, _stop.Token);
                    var length = BinaryPrimitives.ReadUInt16BigEndian(lengthPrefix);
                    var query = new byte[length];
                    await stream.ReadExactlyAsync(query, _stop.Token);
                    var response = DnsMessageCodec.Respond(query, _table);
                    if (response is null)
                    {
                        return;
                    }
                    var framed = new byte[response.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                    response.CopyTo(framed, 2);
                    await stream.WriteAsync(framed, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Client closed the connection or the responder is stopping.
            }
        }
    }
}
