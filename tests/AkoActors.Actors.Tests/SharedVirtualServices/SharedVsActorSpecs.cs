using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Avi.Errors;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation.L7;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.SharedVirtualServices;

/// <summary>The shared-VS owner merging contributions from several Ingresses against a scripted controller.</summary>
public sealed class SharedVsActorSpecs : TestKit
{
    private const string Vs = "c1--Shared-L7-0";
    private static readonly ShardVsKey Key = new("admin", Vs);

    private readonly InMemoryClusterState _cluster = new();
    private readonly FakeAviController _avi;
    private readonly ControllerMetrics _metrics = new();
    private readonly ControllerRuntime _runtime;
    private readonly TestProbe _writes;
    private readonly TestProbe _ingresses;
    private long _stamp;

    public SharedVsActorSpecs() : base(ConfigurationFactory.ParseString("akka.actor.serialize-messages = on"))
    {
        _writes = CreateTestProbe();
        _ingresses = CreateTestProbe();
        _avi = new FakeAviController(_writes);
        _runtime = TestRuntimes.Ready(ShardVsSize.Small, () => _cluster.IsSynced);
        _cluster.IngressClasses["avi-lb"] = new IngressClassSnapshot("avi-lb", IngressClassSnapshot.AviController, true);
        AddService("web", "10.244.3.2");
        AddService("api", "10.244.4.2");
    }

    [Fact]
    public void Two_ingresses_contributing_to_one_vs_share_its_vip_and_each_hears_its_own_verdict()
    {
        var shard = Start();
        Contribute(shard, AddIngress("a", 10, ("a.ako.example.com", "/", "web")));
        Contribute(shard, AddIngress("b", 5, ("b.ako.example.com", "/", "api")));

        var statuses = StatusesFor("a", "b");
        Assert.Equal(statuses["a"].Vip, statuses["b"].Vip);
        Assert.Equal(["a.ako.example.com"], statuses["a"].Verdict.ServedHosts);
        Assert.Equal(["b.ako.example.com"], statuses["b"].Verdict.ServedHosts);
        Assert.NotNull(_avi.Get("pool", "c1--a.ako.example.com_-default-a"));
        Assert.NotNull(_avi.Get("pool", "c1--b.ako.example.com_-default-b"));
    }

    [Fact]
    public void When_one_ingress_drops_its_host_only_its_pool_goes_and_the_other_is_not_written()
    {
        var shard = Start();
        Contribute(shard, AddIngress("a", 10, ("a.ako.example.com", "/", "web")));
        Contribute(shard, AddIngress("b", 5, ("b.ako.example.com", "/", "api")));
        StatusesFor("a", "b");
        Drain();
        var mark = _avi.WriteCount;

        _cluster.Ingresses.TryRemove(new IngressKey("default", "b"), out _);
        var ingressB = CreateTestProbe();
        shard.Tell(new SharedVsProtocol.Retract(Key, new IngressKey("default", "b")) { Answer = true }, ingressB.Ref);

        // The Ingress hears at once that the VS took the retraction in (it sends again until it does).
        var retracted = ingressB.ExpectMsg<IngressProtocol.Retracted>();
        Assert.Equal((new IngressKey("default", "b"), Vs, "admin"), (retracted.Key, retracted.VirtualService, retracted.Tenant));

        AwaitCondition(() => _avi.Get("pool", "c1--b.ako.example.com_-default-b") is null, TimeSpan.FromSeconds(5));
        var writes = _avi.Writes.Skip(mark).Select(w => w.ToString()).ToList();
        Assert.DoesNotContain(writes, w => w.Contains("c1--a.ako.example.com", StringComparison.Ordinal));
        Assert.Contains("DELETE pool/c1--b.ako.example.com_-default-b", writes);
        Assert.Equal(["c1--Shared-L7-0.admin.ako.example.com", "a.ako.example.com"], ((VsVipSpec)_avi.Get("vsvip", Vs)!.Spec).Fqdns);
    }

    [Fact]
    public void A_host_moving_from_one_ingress_to_another_moves_its_pool_with_it()
    {
        var shard = Start();
        Contribute(shard, AddIngress("a", 10, ("shop.ako.example.com", "/", "web")));
        StatusesFor("a");

        Contribute(shard, AddIngress("a", 10, ("other.ako.example.com", "/", "web")));
        Contribute(shard, AddIngress("b", 5, ("shop.ako.example.com", "/", "api")));

        AwaitCondition(() => _avi.Get("pool", "c1--shop.ako.example.com_-default-a") is null &&
                             _avi.Get("pool", "c1--shop.ako.example.com_-default-b") is not null, TimeSpan.FromSeconds(5));
        var rules = ((HttpPolicySetSpec)_avi.Get("httppolicyset", Vs)!.Spec).Rules;
        Assert.Contains(rules, r => r.Action == new HttpPolicyAction.SwitchToPool("c1--shop.ako.example.com_-default-b"));
    }

    [Fact]
    public void A_tls_secret_deleted_between_the_decision_and_the_key_fetch_fails_that_write_with_a_warning_and_the_host_waits_for_its_secret()
    {
        _cluster.Secrets[("default", "s-tls")] = RealTlsSecret("s-tls");
        var fetches = 0;
        _avi.BeforeApply = operation =>
        {
            if (operation.Target.Type != AviObjectTypes.SslKeyAndCertificate) return Task.CompletedTask;
            Interlocked.Increment(ref fetches);
            // The Secret goes after the owner planned the certificate and before the gateway fetched its key: the gateway
            // fails the operation as it does then (AviGateway, see CertificateKeyFetchTests), and the informer drops the Secret.
            _cluster.Secrets.TryRemove(("default", "s-tls"), out _);
            throw new AviApiException(new AviError(AviErrorKind.Transient, 0,
                $"{operation.Target} was not written: TLS Secret default/s-tls was deleted before its key could be fetched; it is decided again from the Secret as it is now"),
                "POST", operation.Target.Type);
        };
        var shard = Start();

        EventFilter.Warning(contains: "was deleted before its key could be fetched").ExpectOne(() =>
            Contribute(shard, AddIngress("secure", 1, (["s.ako.example.com"], "s-tls"), ("s.ako.example.com", "/", "web"))));

        // Nothing crashed: the next pass decides from the cluster as it is, and the Ingress hears its host waits for the Secret.
        var status = _ingresses.FishForMessage<IngressProtocol.ShardStatus>(s => s.Verdict.Problems.Any(p => p.Reason == "MissingTlsSecret"), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("s.ako.example.com", status.Verdict.ServedHosts);
        Assert.Equal(1, fetches);
        Assert.Null(_avi.Get("sslkeyandcertificate", "c1--s.ako.example.com"));
        Assert.Null(_avi.Get("virtualservice", "c1--s.ako.example.com"));
        shard.Tell(new Identify("alive"));
        Assert.Equal(shard, ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(5)).Subject);
    }

    [Fact]
    public void A_tls_secret_that_arrives_after_the_ingress_brings_the_sni_child()
    {
        var shard = Start();
        var ingress = AddIngress("secure", 1, (["s.ako.example.com"], "s-tls"), ("s.ako.example.com", "/", "web"));
        Contribute(shard, ingress);
        _writes.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        Assert.Null(_avi.Get("virtualservice", "c1--s.ako.example.com"));

        _cluster.Secrets[("default", "s-tls")] = RealTlsSecret("s-tls");
        Contribute(shard, ingress);

        AwaitCondition(() => _avi.Get("virtualservice", "c1--s.ako.example.com") is not null, TimeSpan.FromSeconds(5));
        Assert.NotNull(_avi.Get("sslkeyandcertificate", "c1--s.ako.example.com"));
        var parentRules = ((HttpPolicySetSpec)_avi.Get("httppolicyset", Vs)!.Spec).Rules;
        Assert.Contains(parentRules, r => r.Action is HttpPolicyAction.RedirectToHttps);
    }

    [Fact]
    public void A_namespace_flooding_the_vs_adds_at_most_its_share_per_pass_so_another_namespaces_host_is_written_early()
    {
        var shard = Start();
        Contribute(shard, AddIngress("seed", 60, ("seed.ako.example.com", "/", "web")));
        StatusesFor("seed");
        Drain();

        // The controller holds the first write of the flood until every change has arrived, as a slow controller would.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _avi.BeforeApply = _ => held.Task;
        const int flood = 40;
        for (var i = 0; i < flood; i++) Contribute(shard, AddIngressIn("flood", $"f{i}", 30, null, ($"f{i}.ako.example.com", "/", "web")));
        Contribute(shard, AddIngressIn("quiet", "q", 30, null, ("q.ako.example.com", "/", "web")));
        // Identify is answered in mailbox order: once it is, the shard has taken in every change above.
        shard.Tell(new Identify(1), TestActor);
        ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(5));
        held.SetResult();

        var statuses = StatusesFor([.. Enumerable.Range(0, flood).Select(i => $"f{i}"), "q"]);
        Assert.All(statuses.Values, s => Assert.Single(s.Verdict.ServedHosts));
        Assert.Equal(flood, Enumerable.Range(0, flood).Count(i => _avi.Get("pool", $"c1--f{i}.ako.example.com_-flood-f{i}") is not null));

        // Passes end with the parent's policy set (its rules list every host): count the flood's pools written up to the end
        // of the pass that wrote the quiet namespace's pool. The pass in flight when the flood arrived took one of them; the
        // next took a share of the flood and the quiet one. Without the share it would be all forty.
        var writes = _avi.Writes.ToList();
        var quiet = writes.FindIndex(w => w is CreateOperation { Target.Type: "pool" } && w.Target.Name.Contains("q.ako.example.com", StringComparison.Ordinal));
        var passEnd = writes.FindIndex(quiet, w => w.Target == new AviRef("httppolicyset", Vs));
        var floodPoolsFirst = writes.Take(passEnd).Count(w => w is CreateOperation { Target.Type: "pool" } && w.Target.Name.Contains("-flood-", StringComparison.Ordinal));
        Assert.InRange(floodPoolsFirst, 1, 1 + SharedVsActor.PassSharePerNamespace);
        Assert.True(floodPoolsFirst < flood / 2, $"{floodPoolsFirst} of the flood's {flood} pools went first");
    }

    [Fact]
    public void The_same_host_and_path_from_two_ingresses_keeps_both_pools_and_warns_the_newer_one()
    {
        var shard = Start();
        Contribute(shard, AddIngress("older", 60, ("dup.ako.example.com", "/", "web")));
        Contribute(shard, AddIngress("newer", 1, ("dup.ako.example.com", "/", "api")));

        var statuses = StatusesFor("older", "newer");
        Assert.Empty(statuses["older"].Verdict.Problems);
        Assert.Equal("DuplicateHostPath", statuses["newer"].Verdict.Problems[0].Reason);
        Assert.NotNull(_avi.Get("pool", "c1--dup.ako.example.com_-default-older"));
        Assert.NotNull(_avi.Get("pool", "c1--dup.ako.example.com_-default-newer"));
    }

    [Fact]
    public void A_certificate_the_controller_refuses_takes_out_only_its_host_and_the_others_keep_working()
    {
        _avi.BeforeApply = op => op.Target.Type == "sslkeyandcertificate"
            ? Task.FromException(new AkoActors.Avi.Errors.AviApiException(
                new AkoActors.Avi.Errors.AviError(AkoActors.Avi.Errors.AviErrorKind.Rejected, 400, "Invalid certificate or key PEM: no PEM data"), "POST", op.Target.Type))
            : Task.CompletedTask;
        // A certificate that reads well here but that the controller refuses (its own checks go further, e.g. key strength).
        _cluster.Secrets[("default", "bad-tls")] = RealTlsSecret("bad-tls");
        var shard = Start();
        Contribute(shard, AddIngress("bad", 10, (["bad.ako.example.com"], "bad-tls"), ("bad.ako.example.com", "/", "web")));
        Contribute(shard, AddIngress("good", 5, ("good.ako.example.com", "/", "api")));

        var statuses = StatusesFor("bad", "good");

        Assert.Equal(["good.ako.example.com"], statuses["good"].Verdict.ServedHosts);
        Assert.Empty(statuses["good"].Verdict.Problems);
        var refused = Assert.Single(statuses["bad"].Verdict.Problems);
        Assert.Equal("AviRejected", refused.Reason);
        Assert.Contains("no PEM data", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(_avi.Get("virtualservice", Vs));
        Assert.Null(_avi.Get("virtualservice", "c1--bad.ako.example.com"));
    }

    [Fact]
    public void An_identical_contribution_from_a_restarted_ingress_actor_is_answered_with_the_current_status()
    {
        var shard = Start();
        var ingress = AddIngress("a", 10, ("a.ako.example.com", "/", "web"));
        Contribute(shard, ingress);
        StatusesFor("a");
        Drain();
        var writes = _avi.WriteCount;

        var contribution = IngressTranslator.Translate(ingress, _cluster, _runtime.Context!).ByVirtualService[Vs];
        shard.Tell(new SharedVsProtocol.Contribute(Key, contribution, "new-incarnation-1"));

        var status = _ingresses.FishForMessage<IngressProtocol.ShardStatus>(s => s.Stamp == "new-incarnation-1", TimeSpan.FromSeconds(5));
        Assert.NotNull(status.Vip);
        Assert.Equal(["a.ako.example.com"], status.Verdict.ServedHosts);
        Assert.Equal(writes, _avi.WriteCount);
    }

    [Fact]
    public void A_fresh_owner_rebuilds_every_contribution_from_its_cache_and_deletes_nothing()
    {
        var shard = Start();
        Contribute(shard, AddIngress("a", 10, ("a.ako.example.com", "/", "web")));
        Contribute(shard, AddIngress("b", 5, ("b.ako.example.com", "/", "api")));
        StatusesFor("a", "b");
        shard.Tell(SharedVsProtocol.Stop.Instance);
        ExpectTerminated(shard);
        Drain();
        var mark = _avi.WriteCount;

        // A new incarnation (say, after a failover) that no Ingress actor has told anything yet.
        var fresh = Start("shared-vs-again");

        var statuses = StatusesFor("a", "b");
        Assert.Equal(["a.ako.example.com"], statuses["a"].Verdict.ServedHosts);
        Assert.Equal(mark, _avi.WriteCount);
        Watch(fresh);
    }

    [Fact]
    public void A_sweep_during_an_unfinished_tenant_move_keeps_the_hosts_the_ingress_still_shows_until_it_retracts()
    {
        var shard = Start();
        var a = AddIngress("a", 10, ("a.ako.example.com", "/", "web"));
        Contribute(shard, a);
        var vip = StatusesFor("a")["a"].Vip!;
        // The Ingress shows this VS's VIP; then its namespace names a tenant the controller may not use, so the move to it
        // cannot finish and the hosts must stay here.
        _cluster.Ingresses[a.Key] = a with { Status = new[] { new LoadBalancerIngressStatus(vip, "a.ako.example.com") }.ToEquatableArray() };
        _cluster.Namespaces["default"] = new NamespaceSnapshot("default", LabelSet.Empty, TenantAnnotation: "forbidden");
        Drain();
        var mark = _avi.WriteCount;
        var passes = Converged();

        // The sweep rebuilds the contributions from the cache, where the namespace now names another tenant.
        shard.Tell(new SharedVsProtocol.Observed(Key, []));

        // Kept: the pass the sweep started converges with nothing written.
        AwaitCondition(() => Converged() > passes, TimeSpan.FromSeconds(5));
        Assert.Equal(mark, _avi.WriteCount);
        Assert.NotNull(_avi.Get("pool", "c1--a.ako.example.com_-default-a"));

        // Once the new place serves, the Ingress retracts: then its pool goes.
        shard.Tell(new SharedVsProtocol.Retract(Key, a.Key) { Answer = true });
        AwaitCondition(() => _avi.Get("pool", "c1--a.ako.example.com_-default-a") is null, TimeSpan.FromSeconds(5));
    }

    private IActorRef Start(string name = "shared-vs")
    {
        var actor = Sys.ActorOf(SharedVsActor.PropsFor(Key.EntityId, _avi, _cluster, new RecordingKubernetesWriter(CreateTestProbe()), _runtime,
            _metrics, new RetryPolicy { MinBackoff = TimeSpan.FromMilliseconds(20) }, new FixedRequiredActor<IngressRegion>(_ingresses)), name);
        Watch(actor);
        return actor;
    }

    private void Contribute(IActorRef shard, IngressSnapshot ingress)
    {
        var contribution = IngressTranslator.Translate(ingress, _cluster, _runtime.Context!).ByVirtualService.GetValueOrDefault(Vs)
            ?? new IngressContribution(ingress.Key, ingress.CreationTimestamp, EquatableArray<HostRoute>.Empty);
        shard.Tell(new SharedVsProtocol.Contribute(Key, contribution, $"stamp-{Interlocked.Increment(ref _stamp)}"));
    }

    /// <summary>The newest status each named Ingress has been told, once every one of them has heard one with a VIP.</summary>
    private Dictionary<string, IngressProtocol.ShardStatus> StatusesFor(params string[] ingresses)
    {
        var latest = new Dictionary<string, IngressProtocol.ShardStatus>();
        _ingresses.FishForMessage<IngressProtocol.ShardStatus>(status =>
        {
            if (status.Vip is not null) latest[status.Key.Name] = status;
            return ingresses.All(latest.ContainsKey);
        }, TimeSpan.FromSeconds(5));
        return latest;
    }

    /// <summary>Passes of the shared VS that ended converged.</summary>
    private double Converged() => _metrics.ReconcileCount("shared-vs", "converged");

    private void Drain() => _writes.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);

    private void AddService(string name, string podIp)
    {
        var key = new ServiceKey("default", name);
        _cluster.Services[key] = new ServiceSnapshot(key, name, "ClusterIP", null,
            new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(), LabelSet.Empty, null, false,
            EquatableArray<LoadBalancerIngressStatus>.Empty);
        _cluster.Slices[key] =
        [
            new EndpointSliceSnapshot("default", name, name, "IPv4", new[] { new EndpointPortSpec(null, 8080, "TCP") }.ToEquatableArray(),
                new[] { new EndpointSpec(new[] { podIp }.ToEquatableArray(), true, true, false, "n1") }.ToEquatableArray()),
        ];
    }

    private IngressSnapshot AddIngress(string name, int ageMinutes, params (string Host, string Path, string Service)[] rules) =>
        AddIngress(name, ageMinutes, null, rules);

    private IngressSnapshot AddIngress(string name, int ageMinutes, (string[] Hosts, string Secret)? tls, params (string Host, string Path, string Service)[] rules) =>
        AddIngressIn("default", name, ageMinutes, tls, rules);

    private IngressSnapshot AddIngressIn(string ns, string name, int ageMinutes, (string[] Hosts, string Secret)? tls, params (string Host, string Path, string Service)[] rules)
    {
        var ingress = new IngressSnapshot(new IngressKey(ns, name), name, DateTimeOffset.UnixEpoch.AddDays(1).AddMinutes(-ageMinutes), null, LabelSet.Empty,
            rules.Select(r => new IngressRuleSpec(r.Host, new[] { new IngressPathSpec(r.Path, "Prefix", new IngressBackendSpec(r.Service, PortReference.OfNumber(80))) }
                .ToEquatableArray())).ToEquatableArray(),
            tls is { } t ? new[] { new IngressTlsSpec(t.Hosts.ToEquatableArray(), t.Secret) }.ToEquatableArray() : EquatableArray<IngressTlsSpec>.Empty,
            null, EquatableArray<LoadBalancerIngressStatus>.Empty);
        _cluster.Ingresses[ingress.Key] = ingress;
        return ingress;
    }

    /// <summary>A usable self-signed certificate and its key, as a TLS Secret in <c>default</c>.</summary>
    private static TlsSecretSnapshot RealTlsSecret(string name)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            $"CN={name}", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return TlsSecretSnapshot.FromPem("default", name, "kubernetes.io/tls", certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
