using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AkoActors.Simulation.Replicas;

/// <summary>One controller replica as its own operating-system process (<c>dotnet AkoActors.dll run ...</c>), its output in a
/// log file, its health and metrics over HTTP, its memory from <c>/proc</c>.</summary>
public sealed partial class ReplicaProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private ReplicaProcess(string id, int akkaPort, int? akkaPublicPort, int httpPort, string logPath, Process process, DateTimeOffset startedAt)
    {
        Id = id;
        AkkaPort = akkaPort;
        AkkaPublicPort = akkaPublicPort ?? akkaPort;
        HttpPort = httpPort;
        LogPath = logPath;
        _process = process;
        StartedAt = startedAt;
        Pid = process.Id;
    }

    public string Id { get; }

    /// <summary>The port remoting binds.</summary>
    public int AkkaPort { get; }

    /// <summary>The port other replicas reach this one at: <see cref="AkkaPort"/>, or a proxy's in front of it.</summary>
    public int AkkaPublicPort { get; }

    public int HttpPort { get; }

    public string LogPath { get; }

    public int Pid { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The address other replicas use as their seed (the advertised one).</summary>
    public string AkkaAddress => $"akka.tcp://ako-actors@127.0.0.1:{AkkaPublicPort}";

    public string HttpBase => $"http://127.0.0.1:{HttpPort}";

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process ended (3: downed by the split-brain resolver; 137: SIGKILL), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Set once the replica was stopped or killed on purpose.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Peak resident set (VmHWM) sampled just before the process ended, or the latest reading while it runs.</summary>
    public ProcessMemory? LastMemory { get; private set; }

    /// <summary>Starts <c>dotnet &lt;dll&gt; run ...</c> through <c>sh -c exec</c>, so the process id is the replica's own
    /// (SIGKILL hits the replica, not a wrapper) and its console goes straight to a file, not through this process.</summary>
    /// <param name="akkaPublicPort">When set, the replica advertises this port instead of <paramref name="akkaPort"/>
    /// (<c>--akka-public-port</c>): other replicas then reach it only through whatever listens there.</param>
    public static ReplicaProcess Start(ReplicaLaunch launch, string id, int akkaPort, int httpPort, IReadOnlyList<string> seeds, string logPath, int? akkaPublicPort = null)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >>\"$AKO_BENCH_LOG\" 2>&1");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(launch.Dotnet);
        info.ArgumentList.Add(launch.HostDll);
        foreach (var argument in new[]
                 {
                     "run", "--values", launch.ValuesPath, "--kubeconfig", launch.KubeconfigPath, "--avi-url", launch.AviUrl,
                     "--avi-ca", launch.AviCaPath, "--replica-id", id, "--akka-port", akkaPort.ToString(CultureInfo.InvariantCulture),
                     "--http-port", httpPort.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(argument);
        }
        if (akkaPublicPort is { } publicPort)
        {
            info.ArgumentList.Add("--akka-public-port");
            info.ArgumentList.Add(publicPort.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var seed in seeds)
        {
            info.ArgumentList.Add("--seed");
            info.ArgumentList.Add(seed);
        }
        info.Environment["AKO_BENCH_LOG"] = logPath;
        info.Environment["AVI_USERNAME"] = launch.AviUsername;
        info.Environment["AVI_PASSWORD"] = launch.AviPassword;
        info.Environment.Remove("KUBECONFIG");
        info.Environment.Remove("POD_NAME");
        foreach (var (key, value) in launch.ExtraEnvironment) info.Environment[key] = value;
        File.AppendAllText(logPath, $"# {DateTimeOffset.UtcNow:O} starting {id}: {launch.Dotnet} {launch.HostDll} run ... --replica-id {id} --akka-port {akkaPort} --http-port {httpPort}{(akkaPublicPort is null ? "" : $" --akka-public-port {akkaPublicPort}")}{string.Concat(seeds.Select(seed => " --seed " + seed))}\n");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start replica {id}");
        return new ReplicaProcess(id, akkaPort, akkaPublicPort, httpPort, logPath, process, DateTimeOffset.UtcNow);
    }

    /// <summary>A free TCP port on loopback (bound and released; the replica binds it moments later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until every one of <paramref name="processes"/> answers /readyz 200; one that exits meanwhile fails the
    /// wait with the tail of its log.</summary>
    public static async Task WaitAllReadyAsync(IReadOnlyCollection<ReplicaProcess> processes, HttpClient http, TimeSpan timeout, TimeSpan interval)
    {
        await Waiting.Poll.UntilAsync(async () =>
        {
            foreach (var process in processes)
            {
                if (process.HasExited) throw new InvalidOperationException($"replica {process.Id} exited; see {process.LogPath}:\n{Tail(process.LogPath)}");
                if (!await process.IsReadyAsync(http, CancellationToken.None)) return false;
            }
            return true;
        }, $"replicas {string.Join(", ", processes.Select(r => r.Id))} to answer /readyz 200", timeout, interval);
    }

    /// <summary>The last <paramref name="lines"/> lines of a replica's log, for error messages.</summary>
    public static string Tail(string path, int lines = 30)
    {
        try
        {
            return string.Join('\n', File.ReadLines(path).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>True when /readyz answers 200 (informers synced, controller usable, cluster member Up).</summary>
    public async Task<bool> IsReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (HasExited) return false;
        try
        {
            using var response = await http.GetAsync($"{HttpBase}/readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<PrometheusSnapshot> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync($"{HttpBase}/metrics", cancellationToken);
        return PrometheusSnapshot.Parse(text);
    }

    /// <summary>Reads VmHWM (peak resident set) and VmRSS from /proc; null once the process is gone.</summary>
    public ProcessMemory? ReadMemory()
    {
        var memory = ProcessMemory.Read(Pid);
        if (memory is not null) LastMemory = memory;
        return memory;
    }

    /// <summary>SIGTERM: the replica leaves the Akka cluster and hands its shards over, then exits.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (HasExited) return;
        ReadMemory();
        Stopped = true;
        _ = Kill(Pid, SigTerm);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"replica {Id} did not exit within {timeout.TotalSeconds:0}s of SIGTERM; killed");
        }
    }

    /// <summary>SIGKILL: no goodbye, no hand-off — a crashed pod or a lost node.</summary>
    public async Task KillAsync()
    {
        if (HasExited) return;
        ReadMemory();
        Stopped = true;
        _process.Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
        }
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
