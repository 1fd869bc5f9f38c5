using System.Globalization;

namespace AkoActors.Simulation.Network;

/// <summary>Finds which process holds the client end of a loopback TCP connection, from <c>/proc/net/tcp{,6}</c> and the
/// candidates' <c>/proc/&lt;pid&gt;/fd</c> links: how a replica proxy learns which replica opened a connection, without
/// reading the Akka protocol (all replicas connect from 127.0.0.1, so the address alone says nothing).</summary>
public static class LoopbackSocketOwner
{
    /// <summary>The process among <paramref name="candidates"/> that owns the socket bound to local port
    /// <paramref name="localPort"/> and connected to <paramref name="remotePort"/>, or null when none does (Linux only).</summary>
    public static int? Find(int localPort, int remotePort, IEnumerable<int> candidates)
    {
        var inode = SocketInode(localPort, remotePort);
        if (inode is null) return null;
        var link = $"socket:[{inode}]";
        foreach (var pid in candidates)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget == link) return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked, or is not ours to read: not the owner.
            }
        }
        return null;
    }

    private static string? SocketInode(int localPort, int remotePort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            IEnumerable<string> lines;
            try
            {
                lines = File.ReadLines(table).Skip(1).ToList();
            }
            catch (IOException)
            {
                continue;
            }
            foreach (var line in lines)
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10) continue;
                if (Port(fields[1]) == localPort && Port(fields[2]) == remotePort && fields[9] != "0") return fields[9];
            }
        }
        return null;

        static int Port(string endpoint) =>
            int.Parse(endpoint.AsSpan(endpoint.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
