using Akka.Cluster;
using AkoActors.Avi.Transport;
using AkoActors.Hosting;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Only replicas that can do the work own trees: one that cannot use the Avi Controller never joins (so it
/// cannot freeze a share of the load balancers), and one whose Kubernetes API is gone stops saying it is ready, then healthy.</summary>
public sealed class HealthyMembersTests : IAsyncLifetime
{
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_replica_with_a_wrong_avi_password_never_joins_and_owns_nothing()
    {
        var healthy = _world.Replicas[0];
        var broken = await _world.StartReplicaAsync("wrong-password",
            options => options with { AviCredentials = new AviCredentials(options.AviCredentials.Username, "not-the-password", null) });
        await Eventually.HoldsAsync(() => Task.FromResult(broken.Runtime.LastEnvironmentError is not null), "the wrong password noticed");

        for (var i = 0; i < 6; i++)
        {
            (await _world.Kubectl.RunAsync("create", "deploy", $"web{i}", "--image=nginx")).EnsureSuccess();
            (await _world.Kubectl.RunAsync("expose", "deploy", $"web{i}", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        }
        for (var i = 0; i < 6; i++)
        {
            var name = $"web{i}";
            await Eventually.HoldsAsync(async () =>
                (await _world.Kubectl.RunAsync("get", "svc", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim().Length > 0,
                $"an EXTERNAL-IP on {name}", TimeSpan.FromSeconds(30));
        }

        Assert.Single(Cluster.Get(healthy.System).State.Members);
        Assert.NotEqual(MemberStatus.Up, Cluster.Get(broken.System).SelfMember.Status);
        Assert.All(_world.WritesSince().Where(w => w.Method != "GET"), w => Assert.Equal(healthy.Id, w.Replica));
    }

    [Fact]
    public async Task A_replica_whose_kubernetes_api_is_gone_becomes_not_ready_and_then_unhealthy()
    {
        var replica = await _world.StartReplicaAsync("short-bounds", options => options with
        {
            KubernetesUnreadyAfter = TimeSpan.FromMilliseconds(500),
            KubernetesUnhealthyAfter = TimeSpan.FromSeconds(2),
        });
        await _world.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(ControllerHost.HttpAddress(replica.Host)!) };
        Assert.Equal(200, (int)(await http.GetAsync("/healthz")).StatusCode);

        await _world.StopKubernetesApiAsync();

        var notReady = await Eventually.GetAsync(async () =>
        {
            var answer = await http.GetAsync("/readyz");
            var text = await answer.Content.ReadAsStringAsync();
            return (int)answer.StatusCode == 503 && text.Contains("Kubernetes API has failed", StringComparison.Ordinal) ? text : null;
        }, "/readyz naming the failing Kubernetes API", TimeSpan.FromSeconds(30));
        Assert.Contains("not seen", notReady, StringComparison.Ordinal);
        var unhealthy = await Eventually.GetAsync(async () =>
        {
            var answer = await http.GetAsync("/healthz");
            return (int)answer.StatusCode == 503 ? await answer.Content.ReadAsStringAsync() : null;
        }, "/healthz failing so the kubelet restarts the pod", TimeSpan.FromSeconds(30));
        Assert.Contains("restart me", unhealthy, StringComparison.Ordinal);
    }
}
