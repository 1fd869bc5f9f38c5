using AkoActors.Domain.Settings;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.Isolation;

/// <summary>L7Settings.fqdnReusePolicy Strict with kubectl: a host stays with the namespace whose Ingress claimed it first;
/// an Ingress of another namespace gets a HostAlreadyClaimed Warning naming the holder, none of its objects for that host,
/// and the host as soon as the holder no longer asks for it.</summary>
public sealed class FqdnReusePolicyTests : IAsyncLifetime
{
    private const string Host = "shop.ako.example.com";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await ControllerWorld.StartAsync(ControllerWorld.SeedSettings(s => s with { FqdnReusePolicy = FqdnReusePolicy.Strict }));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    // Creation timestamps have one-second resolution: two Ingresses created within the same second are ordered by
    // namespace/name, so the holder's namespace sorts first here whatever the timing.
    [Fact]
    public async Task A_host_claimed_by_namespace_amber_is_refused_to_teal_until_amber_lets_it_go()
    {
        foreach (var ns in new[] { "amber", "teal" })
        {
            await Run("create", "ns", ns);
            await Run("-n", ns, "create", "deploy", "web", "--image=nginx");
            await Run("-n", ns, "expose", "deploy", "web", "--port=80");
        }
        await Run("-n", "amber", "create", "ingress", "first", $"--rule={Host}/*=web:80");
        var address = await Eventually.GetAsync(async () => (await HostsAsync("amber", "first")).Contains(Host) ? await AddressAsync("amber", "first") : null,
            "amber/first served", TimeSpan.FromSeconds(30));

        await Run("-n", "teal", "create", "ingress", "late", $"--rule={Host}/*=web:80", "--rule=other.ako.example.com/*=web:80");

        var warning = await WarningAsync("teal", "late", "HostAlreadyClaimed");
        Assert.Contains($"Host {Host}", warning, StringComparison.Ordinal);
        Assert.Contains("namespace amber (Ingress amber/first", warning, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await HostsAsync("teal", "late")) == "other.ako.example.com", "teal/late showing only its other host",
            TimeSpan.FromSeconds(30));
        Assert.Null(_world.AviObject("pool", $"avi-cluster--{Host}_-teal-late"));
        Assert.NotNull(_world.AviObject("pool", $"avi-cluster--{Host}_-amber-first"));
        Assert.Equal(address, await AddressAsync("amber", "first"));

        await Run("-n", "amber", "delete", "ingress", "first");

        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("pool", $"avi-cluster--{Host}_-teal-late") is not null),
            "teal/late's pool for the host once amber no longer claims it", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => (await HostsAsync("teal", "late")) == $"other.ako.example.com {Host}",
            "teal/late showing both hosts", TimeSpan.FromSeconds(30));
    }

    private async Task Run(params string[] args) => (await _world.Kubectl.RunAsync(args)).EnsureSuccess();

    private async Task<string> HostsAsync(string ns, string name) =>
        (await _world.Kubectl.RunAsync("-n", ns, "get", "ing", name, "-o", "jsonpath={.status.loadBalancer.ingress[*].hostname}")).StandardOutput.Trim();

    private async Task<string?> AddressAsync(string ns, string name)
    {
        var ip = (await _world.Kubectl.RunAsync("-n", ns, "get", "ing", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
        return ip.Length > 0 ? ip : null;
    }

    private Task<string> WarningAsync(string ns, string name, string reason) =>
        Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("-n", ns, "get", "events", "--field-selector", $"involvedObject.name={name},type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith(reason + ":", StringComparison.Ordinal));
        }, $"a {reason} Warning on {ns}/{name}", TimeSpan.FromSeconds(30));
}
