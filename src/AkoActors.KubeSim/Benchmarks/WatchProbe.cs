using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AkoActors.KubeSim.Benchmarks;

/// <summary>One benchmark watcher: reads a watch stream over HTTP and records, per event, its resourceVersion and when it arrived.</summary>
public sealed class WatchProbe
{
    private static readonly byte[] VersionKey = Encoding.UTF8.GetBytes("\"resourceVersion\":\"");
    private readonly List<(long Version, long Timestamp)> _received = [];

    /// <summary>What arrived, in arrival order.</summary>
    public IReadOnlyList<(long Version, long Timestamp)> Received => _received;

    /// <summary>Reads until <paramref name="expected"/> events arrived or the token fires.</summary>
    public async Task RunAsync(HttpClient http, string path, int expected, TaskCompletionSource connected, CancellationToken cancellation)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellation);
        response.EnsureSuccessStatusCode();
        connected.TrySetResult();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        var buffer = new byte[1 << 16];
        var line = new List<byte>(4096);
        while (_received.Count < expected)
        {
            var read = await stream.ReadAsync(buffer, cancellation);
            if (read == 0)
            {
                return;
            }
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    line.Add(buffer[i]);
                    continue;
                }
                _received.Add((VersionOf(line), now));
                line.Clear();
            }
        }
    }

    private static long VersionOf(List<byte> line)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line);
        var at = span.IndexOf(VersionKey);
        if (at < 0)
        {
            return -1;
        }
        var rest = span[(at + VersionKey.Length)..];
        var end = rest.IndexOf((byte)'"');
        return long.Parse(Encoding.ASCII.GetString(rest[..end]), CultureInfo.InvariantCulture);
    }
}
