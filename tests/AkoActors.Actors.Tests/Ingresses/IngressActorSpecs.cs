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
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.Ingresses;

/// <summary>The Ingress actor: contributions to the right shared VSes, one status once every VS answered, a new
/// incarnation that neither clears a good status nor trusts a VS that holds something else, and contributions and
/// retractions sent again until the VS answers (messages between replicas are at most once). Timers run on the test's
/// virtual scheduler: a resend comes only when a spec advances time, never because the machine was slow.</summary>
public sealed class IngressActorSpecs : TestKit
{
    // On LARGE shards these two hosts hash to different shared VSes (FNV-1a low bits: 6 and 2).
    private const string Nginx = "nginx1.ako.example.com";
    private const string Httpd = "httpd1.ako.example.com";
    private static readonly IngressKey Web = new("default", "web");

    private readonly InMemoryClusterState _cluster = new();
    private readonly ControllerRuntime _runtime;
    private readonly TestProbe _shards;
    private readonly TestProbe _kubeProbe;
    private readonly TestProbe _events;
    private readonly RecordingKubernetesWriter _kube;

    public IngressActorSpecs() : base(ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        """))
    {
        _shards = CreateTestProbe();
        _kubeProbe = CreateTestProbe();
        _events = CreateTestProbe();
        _kube = new RecordingKubernetesWriter(_kubeProbe, eventProbe: _events);
        _runtime = TestRuntimes.Ready(ShardVsSize.Large, time: new SchedulerTimeProvider(Scheduler));
        _cluster.IngressClasses["avi-lb"] = new IngressClassSnapshot("avi-lb", IngressClassSnapshot.AviController, true);
        var service = new ServiceKey("default", "web");
        _cluster.Services[service] = new ServiceSnapshot(service, "s", "ClusterIP", null,
            new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(), LabelSet.Empty, null, false,
            EquatableArray<LoadBalancerIngressStatus>.Empty);
    }

    [Fact]
    public void A_new_ingress_contributes_each_host_to_its_shared_vs_and_retracts_from_all_the_others()
    {
        AddIngress(EquatableArray<LoadBalancerIngressStatus>.Empty, Nginx, Httpd);

        Start();

        var messages = _shards.ReceiveN(8, TimeSpan.FromSeconds(5)).ToList();
        var contributions = messages.OfType<SharedVsProtocol.Contribute>().ToDictionary(c => c.Key.VsName);
        Assert.Equal(["c1--Shared-L7-2", "c1--Shared-L7-6"], contributions.Keys.Order());
        Assert.Equal([Httpd], contributions["c1--Shared-L7-2"].Contribution.Hosts.Select(h => h.Host));
        Assert.Equal([Nginx], contributions["c1--Shared-L7-6"].Contribution.Hosts.Select(h => h.Host));
        Assert.NotEqual(contributions["c1--Shared-L7-2"].Stamp, contributions["c1--Shared-L7-6"].Stamp);
        Assert.Equal(6, messages.OfType<SharedVsProtocol.Retract>().Count());
    }

    [Fact]
    public void The_status_is_patched_once_every_shared_vs_has_answered_not_host_by_host()
    {
        AddIngress(EquatableArray<LoadBalancerIngressStatus>.Empty, Nginx, Httpd);
        var ingress = Start();
        var sent = Contributions();

        ingress.Tell(Status("c1--Shared-L7-6", "172.16.251.6", Nginx, sent["c1--Shared-L7-6"].Stamp));
        _kubeProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        ingress.Tell(Status("c1--Shared-L7-2", "172.16.251.2", Httpd, sent["c1--Shared-L7-2"].Stamp));

        var patch = _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true);
        Assert.Equal([new LoadBalancerIngressStatus("172.16.251.2", Httpd), new LoadBalancerIngressStatus("172.16.251.6", Nginx)], patch.Ingress);
        Assert.Single(_kube.Patches);
    }

    [Fact]
    public void A_vs_with_several_addresses_gives_each_host_one_entry_per_address_in_the_vsvips_order()
    {
        AddIngress(EquatableArray<LoadBalancerIngressStatus>.Empty, Nginx, Httpd);
        var ingress = Start();
        var sent = Contributions();

        // AKO's ing_status.go: for each host, for each VIP of the vsvip (IPv4 then IPv6, or one per AWS network).
        ingress.Tell(Status("c1--Shared-L7-6", "172.16.251.6", Nginx, sent["c1--Shared-L7-6"].Stamp) with
        {
            Vips = new[] { "172.16.251.6", "2001:db8:251::6" }.ToEquatableArray(),
        });
        // A replica of a version before Vips sends the first address only: that one is shown.
        ingress.Tell(Status("c1--Shared-L7-2", "172.16.251.2", Httpd, sent["c1--Shared-L7-2"].Stamp));

        var patch = _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true);
        Assert.Equal(
        [
            new LoadBalancerIngressStatus("172.16.251.2", Httpd),
            new LoadBalancerIngressStatus("172.16.251.6", Nginx),
            new LoadBalancerIngressStatus("2001:db8:251::6", Nginx),
        ], patch.Ingress);
    }

    [Fact]
    public void A_new_incarnation_keeps_a_good_status_and_resends_to_a_vs_that_holds_something_else()
    {
        var existing = new[] { new LoadBalancerIngressStatus("172.16.251.2", Httpd), new LoadBalancerIngressStatus("172.16.251.6", Nginx) };
        AddIngress(existing.ToEquatableArray(), Nginx, Httpd);
        var ingress = Start();
        var sent = Contributions();

        // A VS that rebuilt its contributions from its cache answers with no stamp: the actor sends again, and patches nothing.
        ingress.Tell(Status("c1--Shared-L7-6", "172.16.251.6", Nginx, stamp: null));
        var resent = _shards.FishForMessage<SharedVsProtocol.Contribute>(c => c.Key.VsName == "c1--Shared-L7-6");
        Assert.Equal(sent["c1--Shared-L7-6"].Stamp, resent.Stamp);
        ingress.Tell(Status("c1--Shared-L7-2", "172.16.251.2", Httpd, sent["c1--Shared-L7-2"].Stamp));

        _kubeProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Empty(_kube.Patches);
    }

    [Fact]
    public void A_contribution_no_status_answers_is_sent_again_with_doubling_waits_until_one_echoes_its_stamp()
    {
        // Messages between replicas are at most once: a contribution sent as a partition starts is gone, and the VS, which
        // never saw it, has no reason to speak. Here the VS of Nginx answers and the VS of Httpd stays silent.
        AddIngress(EquatableArray<LoadBalancerIngressStatus>.Empty, Nginx, Httpd);
        var retry = new RetryPolicy { UnansweredResend = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(300) };
        Assert.Equal([100, 200, 300, 300], Enumerable.Range(0, 4).Select(n => retry.ResendAfter(n).TotalMilliseconds));
        var ingress = Start(retry);
        var sent = Contributions();
        // Told before time moves: the answer is in the mailbox ahead of any timer message, and cancels its timer.
        ingress.Tell(Status("c1--Shared-L7-6", "172.16.251.6", Nginx, sent["c1--Shared-L7-6"].Stamp));

        var resends = new List<SharedVsProtocol.Contribute>();
        foreach (var wait in new[] { 100, 200, 300 })
        {
            Scheduler.Advance(TimeSpan.FromMilliseconds(wait - 1));
            _shards.ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // not before its time
            Scheduler.Advance(TimeSpan.FromMilliseconds(1));
            resends.Add(_shards.ExpectMsg<SharedVsProtocol.Contribute>());
        }

        // Only the unanswered one, unchanged (same stamp: the VS treats it as the same contribution).
        Assert.All(resends, c => Assert.Equal(("c1--Shared-L7-2", sent["c1--Shared-L7-2"].Stamp), (c.Key.VsName, c.Stamp)));

        ingress.Tell(Status("c1--Shared-L7-2", "172.16.251.2", Httpd, sent["c1--Shared-L7-2"].Stamp));
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true);
        // Answered: the next resend (due 300 ms after the third) never comes.
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        _shards.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_retraction_of_hosts_it_had_contributed_is_sent_again_until_the_vs_confirms_it()
    {
        AddIngress(EquatableArray<LoadBalancerIngressStatus>.Empty, Nginx, Httpd);
        var ingress = Start(new RetryPolicy { UnansweredResend = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(300) });
        var sent = Contributions();
        ingress.Tell(Status("c1--Shared-L7-6", "172.16.251.6", Nginx, sent["c1--Shared-L7-6"].Stamp));
        ingress.Tell(Status("c1--Shared-L7-2", "172.16.251.2", Httpd, sent["c1--Shared-L7-2"].Stamp));
        _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true);

        // Deleted: both VSes must drop its hosts. The VS of Nginx confirms; the retraction to the VS of Httpd is lost.
        _cluster.Ingresses.TryRemove(Web, out _);
        ingress.Tell(new IngressProtocol.Reconcile(Web));
        var retractions = new[] { _shards.ExpectMsg<SharedVsProtocol.Retract>(), _shards.ExpectMsg<SharedVsProtocol.Retract>() };
        Assert.Equal(["c1--Shared-L7-2", "c1--Shared-L7-6"], retractions.Select(r => r.Key.VsName).Order());
        Assert.All(retractions, r => Assert.True(r.Answer));
        ingress.Tell(new IngressProtocol.Retracted(Web, "c1--Shared-L7-6"));

        var again = new List<SharedVsProtocol.Retract>();
        foreach (var wait in new[] { 100, 200 })
        {
            Scheduler.Advance(TimeSpan.FromMilliseconds(wait));
            again.Add(_shards.ExpectMsg<SharedVsProtocol.Retract>());
        }
        Assert.All(again, r => Assert.Equal(("c1--Shared-L7-2", true), (r.Key.VsName, r.Answer)));

        ingress.Tell(new IngressProtocol.Retracted(Web, "c1--Shared-L7-2"));
        // Confirmed: the next resend (due 300 ms after the last) never comes.
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        _shards.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_move_to_a_tenant_the_controller_refuses_keeps_the_address_and_never_leaves_the_tenant_that_serves()
    {
        AddIngress(EquatableArray<LoadBalancerIngressStatus>.Empty, Nginx, Httpd);
        var ingress = Start();
        var sent = Contributions();
        ingress.Tell(Status("c1--Shared-L7-6", "172.16.251.6", Nginx, sent["c1--Shared-L7-6"].Stamp));
        ingress.Tell(Status("c1--Shared-L7-2", "172.16.251.2", Httpd, sent["c1--Shared-L7-2"].Stamp));
        var served = _kubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true).Ingress.ToEquatableArray();
        AddIngress(served, Nginx, Httpd);

        // The namespace now names a tenant the controller's user has no role in: the new tenant's shared VSes answer with
        // the refusal, no VIP and no host served (what SharedVsActor.OnTenantRefused tells every contributor).
        _cluster.Namespaces["default"] = new NamespaceSnapshot("default", LabelSet.Empty, TenantAnnotation: "forbidden");
        ingress.Tell(new IngressProtocol.Reconcile(Web));
        var moved = new List<SharedVsProtocol.Contribute>();
        while (moved.Count < 2) moved.Add(_shards.FishForMessage<SharedVsProtocol.Contribute>(c => c.Key.Tenant == "forbidden"));
        var refusal = new UserProblem("TenantUnusable", "the Avi user of this controller has no role in Avi tenant 'forbidden'");
        foreach (var contribute in moved)
        {
            ingress.Tell(new IngressProtocol.ShardStatus(Web, contribute.Key.VsName, null,
                new ShardVerdict(EquatableArray<string>.Empty, new[] { refusal }.ToEquatableArray()), contribute.Stamp) { Tenant = "forbidden" });
        }

        // Warned, but the status keeps the old tenant's addresses and the old tenant's VSes keep the hosts: a refused move
        // is not a finished one.
        var warning = _events.FishForMessage<RecordingKubernetesWriter.EventRecorded>(e => e.Event.Reason == "TenantUnusable");
        Assert.Contains("forbidden", warning.Event.Message, StringComparison.Ordinal);
        _kubeProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Single(_kube.Patches);
        var afterwards = _shards.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m);
        Assert.DoesNotContain(afterwards, m => m is SharedVsProtocol.Retract r && r.Key.Tenant != "forbidden");
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef Start(RetryPolicy? retry = null) =>
        Sys.ActorOf(IngressActor.PropsFor(Web.EntityId, _cluster, _kube, _runtime, new ControllerMetrics(), retry ?? new RetryPolicy(),
            new FixedRequiredActor<SharedVsRegion>(_shards)));

    private Dictionary<string, SharedVsProtocol.Contribute> Contributions() =>
        _shards.ReceiveN(8, TimeSpan.FromSeconds(5)).OfType<SharedVsProtocol.Contribute>().ToDictionary(c => c.Key.VsName);

    private IngressProtocol.ShardStatus Status(string vs, string vip, string host, string? stamp) =>
        new(Web, vs, vip, new ShardVerdict(new[] { host }.ToEquatableArray(), EquatableArray<AkoActors.Domain.Translation.UserProblem>.Empty), stamp);

    private void AddIngress(EquatableArray<LoadBalancerIngressStatus> status, params string[] hosts) =>
        _cluster.Ingresses[Web] = new IngressSnapshot(Web, "uid-web", DateTimeOffset.UnixEpoch, null, LabelSet.Empty,
            hosts.Select(h => new IngressRuleSpec(h, new[] { new IngressPathSpec("/", "Prefix", new IngressBackendSpec("web", PortReference.OfNumber(80))) }
                .ToEquatableArray())).ToEquatableArray(),
            EquatableArray<IngressTlsSpec>.Empty, null, status);
}
