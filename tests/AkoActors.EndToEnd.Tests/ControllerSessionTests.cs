using System.Diagnostics;
using System.Text.Json.Nodes;
using AkoActors.Actors.Avi;
using AkoActors.Avi.Transport;
using AkoActors.AviSim.Faults;
using AkoActors.Hosting;
using AkoActors.Testing;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The controller session as operators meet it: a rotated avi-secret is used without a restart, and owners that
/// wait out a long retry backoff resume as soon as the controller answers again — woken by the recovery, not by a timer.</summary>
public sealed class ControllerSessionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync(replicas: 0);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_rotated_avi_secret_is_picked_up_without_a_restart()
    {
        var user = _world.Avi.Credentials!;
        await _world.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "avi-secret" },
            StringData = new Dictionary<string, string> { ["username"] = user.Username, ["password"] = "not-the-password" },
        }, "avi-system");
        var replica = await _world.StartReplicaAsync("replica-0", options => options with
        {
            AviCredentials = new AviCredentials(user.Username, "not-the-password", null),
            CredentialsSecret = SecretName.AviSecret("avi-system"),
        });
        await Eventually.HoldsAsync(() => Task.FromResult(replica.Runtime.LastEnvironmentError?.Contains("nvalid credentials") == true),
            "the replica to report the refused password", TimeSpan.FromSeconds(30));
        Assert.False(replica.Runtime.IsReady);

        var secret = await _world.Client.CoreV1.ReadNamespacedSecretAsync("avi-secret", "avi-system");
        secret.Data["password"] = System.Text.Encoding.UTF8.GetBytes(user.Password);
        await _world.Client.CoreV1.ReplaceNamespacedSecretAsync(secret, "avi-secret", "avi-system");

        // A refused password is otherwise asked again only after a minute (RetryPolicy.InvalidCredentialsRetry).
        await Eventually.HoldsAsync(() => Task.FromResult(replica.Runtime.IsReady), "the replica ready with the rotated password", TimeSpan.FromSeconds(30));
        (await _world.Kubectl.RunAsync("create", "deploy", "web", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers() == 1), "the Service realised with the new credentials", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Owners_waiting_out_a_long_backoff_resume_when_the_controller_answers_again_after_a_30_s_outage()
    {
        // Backoff of ten minutes: if the owner resumed on its timer the test would time out, so resuming shows the wake-up.
        var replica = await _world.StartReplicaAsync("replica-0", options => options with
        {
            Retry = new RetryPolicy { MinBackoff = TimeSpan.FromMinutes(10), MaxBackoff = TimeSpan.FromMinutes(10) },
        });
        await _world.WaitUntilReadyAsync();
        (await _world.Kubectl.RunAsync("create", "deploy", "web", "--image=nginxhellos/demo")).EnsureSuccess();
        (await _world.Kubectl.RunAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers() == 1), "one server in the pool", TimeSpan.FromSeconds(30));

        _world.Avi.Simulator.Faults.Down = ControllerDownMode.ConnectionRefused;
        var outage = Stopwatch.StartNew();
        (await _world.Kubectl.RunAsync("scale", "deploy", "web", "--replicas=3")).EnsureSuccess();
        // An Ingress made during the outage: its shared VS fails to write it, and nothing resends an unchanged contribution.
        (await _world.Kubectl.RunAsync("create", "ingress", "web", "--rule=web.ako.example.com/*=web:80")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(
                replica.Metrics.ReconcileCount("service", "failed") + replica.Metrics.ReconcileCount("service", "read-failed") > 0 &&
                replica.Metrics.ReconcileCount("shared-vs", "failed") + replica.Metrics.ReconcileCount("shared-vs", "read-failed") > 0),
            "the Service's and the shared VS's writes to fail and their ten-minute backoffs to start", TimeSpan.FromSeconds(30));
        // The outage the issue measured: the length of the scenario, not a wait for anything.
        var rest = TimeSpan.FromSeconds(30) - outage.Elapsed;
        if (rest > TimeSpan.Zero) await Task.Delay(rest);
        Assert.Equal(1, Servers());

        _world.Avi.Simulator.Faults.Down = ControllerDownMode.Up;
        var back = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers() == 3), "the three servers once the controller answers again", TimeSpan.FromSeconds(60));
        var serviceBack = back.Elapsed;
        await Eventually.HoldsAsync(() => Task.FromResult(IngressServers() == 3), "the Ingress's pool on the shared VS once the controller answers again",
            TimeSpan.FromSeconds(60));

        output.WriteLine($"outage {outage.Elapsed.TotalSeconds:0.0} s; controller back → Service pool with 3 servers after {serviceBack.TotalSeconds:0.00} s, " +
            $"Ingress pool on the shared VS after {back.Elapsed.TotalSeconds:0.00} s (owner backoff 10 min)");
    }

    private int IngressServers() =>
        _world.AviObject("pool", "avi-cluster--web.ako.example.com_-default-web")?["servers"] is JsonArray servers ? servers.Count : -1;

    private int Servers() =>
        _world.AviObject("pool", "avi-cluster--default-web-TCP-80")?["servers"] is JsonArray servers ? servers.Count : -1;
}
