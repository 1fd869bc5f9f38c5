using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.AviSim;
using AkoActors.AviSim.Faults;
using AkoActors.Testing;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace AkoActors.EndToEnd.Tests.Logging;

/// <summary>The controller executable run as an operator runs it (<c>run --json-logs</c>, its own process) against KubeSim and
/// AviSim with a TLS Ingress and a LoadBalancer Service: every line is one JSON object with named properties and a source context
/// that names the entity (<c>Service default/secure-lb</c>, <c>SharedVs admin/…</c>, <c>Vrf admin/global</c>), and no line
/// carries the controller password or the TLS key.</summary>
public sealed class JsonLogsTests : IAsyncLifetime
{
    // A password no other text of a run contains, so finding it in the logs can only mean it was logged.
    private static readonly string Password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    private readonly ITestOutputHelper _output;
    private ControllerWorld _world = null!;

    public JsonLogsTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() =>
        _world = await ControllerWorld.StartAsync(replicas: 0, aviUsers: [new AviSimUser("ako-operator", Password)]);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Json_logs_carry_named_properties_and_source_contexts_and_never_a_secret()
    {
        var (certificate, key) = SelfSigned("secure.ako.example.com");
        await _world.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "secure-tls" },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]> { ["tls.crt"] = System.Text.Encoding.UTF8.GetBytes(certificate), ["tls.key"] = System.Text.Encoding.UTF8.GetBytes(key) },
        }, "default");
        (await _world.Kubectl.RunAsync("create", "deploy", "secure", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "secure", "--port=80")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("create", "ingress", "secure-ingress", "--rule=secure.ako.example.com/*=secure:80,tls=secure-tls")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "secure", "--name=secure-lb", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        // The first pool creation fails once, so a failure line (with the controller's status) is logged too.
        _world.Avi.Simulator.Faults.AddRule(new FaultRule("POST", "pool", 1.0, 503, Count: 1));

        var lines = new ConcurrentQueue<string>();
        using var replica = StartReplica(lines);
        try
        {
            // The certificate was built from the key: the key has passed through the replica by now.
            await Eventually.GetAsync(() => Task.FromResult(_world.AviObject("sslkeyandcertificate", "avi-cluster--secure.ako.example.com")),
                "the certificate of secure.ako.example.com on the controller", TimeSpan.FromSeconds(60));
            // The Service's status line comes after its tree converged (and after the failed pool POST was retried).
            await Eventually.GetAsync(() => Task.FromResult(lines.FirstOrDefault(l => l.Contains("status set to", StringComparison.Ordinal) && l.Contains("secure-lb", StringComparison.Ordinal) &&
                    l.Contains("172.16.251.", StringComparison.Ordinal))),
                "the status line of Service default/secure-lb with its VIP", TimeSpan.FromSeconds(60));
            await Eventually.GetAsync(() => Task.FromResult(lines.FirstOrDefault(l => l.Contains("static route(s) of ours", StringComparison.Ordinal))),
                "the static routes line of VRF admin/global", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await StopAsync(replica);
        }

        var json = lines.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.True(json.Count > 0, "no JSON line in the output:\n" + string.Join("\n", lines.Take(30)));
        Assert.All(json, line => Assert.Equal("json-0", line["Replica"]?.GetValue<string>()));

        // A controller line keeps its template's properties by name.
        var listed = json.First(l => l["@mt"]?.GetValue<string>() == "Listed {Count} {Resource} at resourceVersion {ResourceVersion}"
            && l["Resource"]?.GetValue<string>() == "secrets");
        Assert.Equal(1, listed["Count"]!.GetValue<int>());
        Assert.Equal("Informer.secrets", listed["SourceContext"]!.GetValue<string>());

        // Akka's lines name their source (an actor path, a cluster extension), never the actor system as a whole.
        Assert.Contains(json, l => l["SourceContext"]?.GetValue<string>() is { } source && source.StartsWith("akka.tcp://ako-actors@", StringComparison.Ordinal));
        Assert.DoesNotContain(json, l => l["SourceContext"]?.GetValue<string>() == "Akka.Actor.ActorSystem");

        // The entities' own lines: the entity is the source context and the holes are properties to filter on.
        // The status line that carries the VIP (under load with the injected 503 an earlier pass may log another one first).
        var status = LinesOf(json, "Service default/secure-lb", "Service {Service}: status set to [{Vips}]")
            .FirstOrDefault(l => l["Vips"]?.GetValue<string>().StartsWith("172.16.251.", StringComparison.Ordinal) == true)
            ?? throw new Xunit.Sdk.XunitException("no status line of Service default/secure-lb carries a VIP of 172.16.251.0/24");
        Assert.Equal("default/secure-lb", status["Service"]!.GetValue<string>());
        var shardWrite = json.First(l => l["SourceContext"]?.GetValue<string>() is { } source && source.StartsWith("SharedVs admin/avi-cluster--Shared-L7-", StringComparison.Ordinal)
            && l["@mt"]?.GetValue<string>() == "{Owner}: applying {OperationCount} Avi operation(s): {Plan}");
        Assert.Equal(shardWrite["SourceContext"]!.GetValue<string>(), shardWrite["Owner"]!.GetValue<string>());
        Assert.True(shardWrite["OperationCount"]!.GetValue<int>() > 0);
        var routes = LineOf(json, "Vrf admin/global", "VRF {Vrf}: writing {Routes} static route(s) of ours ({RouteChanges}); holding {Held} of nodes not heard from yet");
        Assert.Equal("admin/global", routes["Vrf"]!.GetValue<string>());
        Assert.True(routes["Routes"]!.GetValue<int>() > 0);
        var failed = json.First(l => l["@mt"]?.GetValue<string>() == "{Owner}: {Operation} failed with {AviStatus}: {AviError}; retrying in {RetryIn}");
        Assert.Equal(503, failed["AviStatus"]!.GetValue<int>());
        Assert.Contains("pool", failed["Operation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(failed["SourceContext"]!.GetValue<string>(), failed["Owner"]!.GetValue<string>());
        foreach (var line in new[] { status, shardWrite, routes, failed }) _output.WriteLine(line.ToJsonString());
        // No line of the controller's own actors (entities, and the replica's actors under /user) keeps a positional template;
        // Akka's own lines (Cluster, remoting, sharding coordinators) may.
        string[] ours = ["Service ", "Ingress ", "SharedVs ", "Vrf ", "Node "];
        Assert.DoesNotContain(json, l => l["SourceContext"]?.GetValue<string>() is { } source
            && (ours.Any(prefix => source.StartsWith(prefix, StringComparison.Ordinal)) || source.Contains("/user/", StringComparison.Ordinal))
            && l["@mt"]?.GetValue<string>() is { } template && template.Contains("{0}", StringComparison.Ordinal));

        // No secret in any line, JSON or not: neither the password, nor the key as PEM, nor the key as the Secret carries it (base64).
        var everything = string.Join("\n", lines);
        var keyBody = key.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[3];
        var keyInSecret = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key))[40..100];
        Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(keyBody, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(keyInSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", everything, StringComparison.Ordinal);
    }

    /// <summary>The one line of <paramref name="template"/> logged by <paramref name="source"/> (the first, when it logged several).</summary>
    /// <summary>Every line of <paramref name="template"/> logged by <paramref name="source"/>, in order.</summary>
    private static IEnumerable<JsonObject> LinesOf(IReadOnlyList<JsonObject> json, string source, string template) =>
        json.Where(l => l["SourceContext"]?.GetValue<string>() == source && l["@mt"]?.GetValue<string>() == template);

    private static JsonObject LineOf(IReadOnlyList<JsonObject> json, string source, string template) =>
        json.FirstOrDefault(l => l["SourceContext"]?.GetValue<string>() == source && l["@mt"]?.GetValue<string>() == template)
        ?? throw new Xunit.Sdk.XunitException($"no line \"{template}\" from {source}; lines from it: " +
            string.Join("\n", json.Where(l => l["SourceContext"]?.GetValue<string>() == source).Select(l => l.ToJsonString())));

    private Process StartReplica(ConcurrentQueue<string> lines)
    {
        var dir = Directory.CreateTempSubdirectory("ako-json-logs-").FullName;
        var values = Path.Combine(dir, "values.yaml");
        File.WriteAllText(values, """
            AKOSettings: {clusterName: avi-cluster, logLevel: INFO}
            NetworkSettings: {vipNetworkList: [{networkName: alb-vip, cidr: 172.16.251.0/24}]}
            L7Settings: {shardVSSize: SMALL}
            """);
        var ca = Path.Combine(dir, "avi-ca.pem");
        File.WriteAllText(ca, _world.Avi.HttpsCertificatePem);
        var host = Path.Combine(AppContext.BaseDirectory, "AkoActors.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     host, "run", "--json-logs", "--values", values, "--kubeconfig", _world.Kube.KubeconfigPath, "--avi-url", _world.Avi.HttpsUrl!,
                     "--avi-ca", ca, "--akka-port", "0", "--http-port", "0", "--replica-id", "json-0",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AVI_USERNAME"] = "ako-operator";
        start.Environment["AVI_PASSWORD"] = Password;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task StopAsync(Process replica)
    {
        if (replica.HasExited) return;
        // SIGTERM, as Kubernetes stops a pod: the replica leaves its cluster and flushes its logs before exiting.
        using (var kill = Process.Start("kill", ["-TERM", replica.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await replica.WaitForExitAsync(deadline.Token);
    }

    private static (string Certificate, string Key) SelfSigned(string host)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
