using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>One controller replica started the way a kubelet starts the pod's container: the image's entrypoint
/// (deploy/Dockerfile) with the pod's arguments, and an environment from the pod spec in KubeSim (ConfigMap, Secret and downward-API references resolved, POD_IP =
/// the pod's status.podIP), as its own process bound to that loopback address.</summary>
/// <remarks>What differs from a real pod, because all replicas share one machine: the Kubernetes API is reached through a
/// kubeconfig and a token file instead of the in-cluster service account, the controller through AviSim's URL and CA, and
/// /healthz on a port of its own on 127.0.0.1.</remarks>
public sealed partial class PodReplica : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;
    private readonly Process _process;

    private PodReplica(string podName, string podIp, int httpPort, string logPath, Process process)
    {
        PodName = podName;
        PodIp = podIp;
        HttpPort = httpPort;
        LogPath = logPath;
        _process = process;
    }

    public string PodName { get; }

    public string PodIp { get; }

    public int HttpPort { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string HttpBase => $"http://127.0.0.1:{HttpPort}";

    /// <summary>Starts the container of <paramref name="pod"/>; <paramref name="extraArguments"/> are what the machine needs
    /// on top of the pod spec (kubeconfig, controller URL, ports).</summary>
    public static async Task<PodReplica> StartAsync(IKubernetes client, V1Pod pod, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> extraArguments, int httpPort, string logPath)
    {
        var container = pod.Spec.Containers.Single();
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >>\"$AKO_POD_LOG\" 2>&1");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet");
        info.ArgumentList.Add(RepositoryPaths.ReplicaDll);
        foreach (var argument in RepositoryPaths.EntrypointArguments) info.ArgumentList.Add(argument);
        foreach (var argument in container.Args ?? []) info.ArgumentList.Add(argument);
        foreach (var argument in extraArguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--http-port");
        info.ArgumentList.Add(httpPort.ToString(CultureInfo.InvariantCulture));
        foreach (var name in new[] { "KUBECONFIG", "POD_NAME", "POD_NAMESPACE", "POD_IP", "AVI_USERNAME", "AVI_PASSWORD", "AVI_AUTHTOKEN" }) info.Environment.Remove(name);
        foreach (var variable in container.Env ?? []) info.Environment[variable.Name] = await ResolveAsync(client, pod, variable);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment["AKO_POD_LOG"] = logPath;
        await File.AppendAllTextAsync(logPath, $"# {DateTimeOffset.UtcNow:O} starting pod {pod.Metadata.Name} at {pod.Status.PodIP}: {string.Join(' ', info.ArgumentList.Skip(4))}\n");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start the container of pod {pod.Metadata.Name}");
        return new PodReplica(pod.Metadata.Name, pod.Status.PodIP, httpPort, logPath, process);
    }

    /// <summary>True when /readyz answers 200 (informers synced, controller usable, cluster member Up).</summary>
    public async Task<bool> IsReadyAsync(HttpClient http)
    {
        if (HasExited) return false;
        try
        {
            using var response = await http.GetAsync($"{HttpBase}/readyz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as the kubelet sends when the pod is deleted: the replica leaves the cluster, hands its shards over, exits.</summary>
    public void Terminate()
    {
        if (!HasExited) _ = Kill(_process.Id, SigTerm);
    }

    /// <summary>SIGSTOP: the process freezes with its sockets open, as in a long GC pause or a frozen VM.</summary>
    public void Pause()
    {
        if (Kill(_process.Id, SigStop) != 0) throw new InvalidOperationException($"SIGSTOP to {PodName} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>SIGCONT: the frozen process runs on from where it stopped, unaware of the time that passed.</summary>
    public void Resume()
    {
        if (Kill(_process.Id, SigCont) != 0) throw new InvalidOperationException($"SIGCONT to {PodName} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public string LogTail(int lines = 40)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }

    /// <summary>What the kubelet puts in the container's environment for one <c>env</c> entry.</summary>
    private static async Task<string> ResolveAsync(IKubernetes client, V1Pod pod, V1EnvVar variable)
    {
        if (variable.ValueFrom is not { } from) return variable.Value ?? string.Empty;
        var ns = pod.Metadata.NamespaceProperty;
        if (from.FieldRef is { } field)
        {
            return field.FieldPath switch
            {
                "metadata.name" => pod.Metadata.Name,
                "metadata.namespace" => ns,
                "status.podIP" => pod.Status.PodIP,
                var other => throw new NotSupportedException($"env {variable.Name}: fieldRef {other} is not resolved by this test's kubelet"),
            };
        }
        if (from.ConfigMapKeyRef is { } configMapKey)
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(configMapKey.Name, ns);
            return map.Data is { } data && data.TryGetValue(configMapKey.Key, out var value) ? value : throw new KeyNotFoundException($"env {variable.Name}: ConfigMap {ns}/{configMapKey.Name} has no key {configMapKey.Key}");
        }
        if (from.SecretKeyRef is { } secretKey)
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(secretKey.Name, ns);
            return secret.Data is { } data && data.TryGetValue(secretKey.Key, out var bytes)
                ? Encoding.UTF8.GetString(bytes)
                : throw new KeyNotFoundException($"env {variable.Name}: Secret {ns}/{secretKey.Name} has no key {secretKey.Key}");
        }
        throw new NotSupportedException($"env {variable.Name}: this kind of valueFrom is not resolved by this test's kubelet");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
