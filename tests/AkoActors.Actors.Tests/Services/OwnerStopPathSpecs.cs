using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Actors.Sharding;
using AkoActors.Actors.Tests.Fakes;
using AkoActors.Actors.Tests.TestData;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Testing.Cluster;
using Xunit;

namespace AkoActors.Actors.Tests.Services;

/// <summary>Every way a tree owner stops leaves nothing of it running: sharding's force-stop at the hand-off timeout, a
/// restart after a failure, passivation and shutdown. Queued controller requests are withdrawn, calls in flight are
/// cancelled (a request already on the wire may still land, and its answer is dropped), and no later wave starts.</summary>
/// <remarks>The controller is the scripted <see cref="FakeAviController"/> behind the production <see cref="FairRequestGate"/>
/// (one slot), so "queued" and "withdrawn" are the gate's own counts.</remarks>
public sealed class OwnerStopPathSpecs : ServiceOwnerSpecBase
{
    private static readonly ServiceKey Web = new("red", "web");
    private readonly FairRequestGate _gate = new(1);
    private readonly HeldCalls _held = new();
    private readonly GatedGateway _gateway;

    public OwnerStopPathSpecs() : base("akka.loglevel = DEBUG") => _gateway = new GatedGateway(Avi, _gate, _held);

    [Fact]
    public async Task A_force_stop_at_the_handoff_timeout_withdraws_the_queued_request_and_nothing_of_it_is_written_later()
    {
        var entity = ConvergedWeb();
        var writesBefore = Avi.WriteCount;
        var otherOwner = await _gate.EnterAsync("blue");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        AwaitCondition(() => _gate.Waiting == 1, TimeSpan.FromSeconds(5), "the pool update queued behind another owner's request");

        // The hand-off asks first; the owner waits for its wave, which cannot even start.
        entity.Tell(ServiceProtocol.Stop.Instance);
        // Sharding's handoff-timeout passes: the shard stops the entity whatever it is doing.
        Sys.Stop(await OwnerOf(entity));
        ParentProbe.FishForMessage<ParentProxy.EntityStopped>(_ => true, TimeSpan.FromSeconds(5));

        Assert.Equal(0, _gate.Waiting);
        otherOwner.Dispose();
        // Had the stopped owner's request stayed queued it would have had the slot now, before this one.
        using (await _gate.EnterAsync("blue").AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
        }
        Assert.Equal(writesBefore, Avi.WriteCount);
        Assert.Single(((PoolSpec)Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Spec).Servers);
    }

    [Fact]
    public async Task A_handoff_stop_while_the_owner_waits_for_its_read_stops_it_at_once_and_withdraws_the_read()
    {
        // A new owner reads its tree first; the gate's only slot is taken, so the read queues — as after a rebalance, when
        // every owner moved to a replica reads at once.
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];
        var otherOwner = await _gate.EnterAsync("blue");
        var entity = StartEntity();
        AwaitCondition(() => _gate.Waiting == 1, TimeSpan.FromSeconds(5), "the owner's read queued behind another owner's request");

        entity.Tell(ServiceProtocol.Stop.Instance);

        // Stopped without the read being answered (the slot is still taken), the queued read withdrawn, nothing written.
        ParentProbe.FishForMessage<ParentProxy.EntityStopped>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(0, _gate.Waiting);
        otherOwner.Dispose();
        Assert.Equal(0, Avi.WriteCount);
        Assert.Empty(Avi.All());
    }

    [Fact]
    public async Task A_force_stop_in_the_middle_of_a_wave_cancels_its_calls_and_starts_no_later_wave()
    {
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];
        _held.HoldWrites = true;
        var entity = StartEntity();
        // The first wave: vsvip and pool, concurrently.
        HeldCall[] wave = [await _held.NextAsync(), await _held.NextAsync()];
        Assert.All(wave, call => Assert.True(call.Operation is CreateOperation { Target.Type: AviObjectTypes.Pool or AviObjectTypes.VsVip }, $"first wave: {call.Operation}"));

        entity.Tell(ServiceProtocol.Stop.Instance);
        Sys.Stop(await OwnerOf(entity));
        ParentProbe.FishForMessage<ParentProxy.EntityStopped>(_ => true, TimeSpan.FromSeconds(5));

        Assert.All(wave, call => Assert.True(call.Cancellation.IsCancellationRequested, $"{call.Operation} was not cancelled when its owner stopped"));
        // The wire does not always listen: these requests go on anyway (one lands; one that must still queue at the gate
        // is withdrawn there). Their owner is gone, and no later wave follows them.
        _held.HoldWrites = false;
        foreach (var call in wave) call.Release();
        AwaitCondition(() => _gateway.Finished == 2, TimeSpan.FromSeconds(5), "both calls of the first wave to end");
        // Whether the second lands depends on when the first freed the gate's slot: at most the wave's own two writes, never
        // one of a later wave (an expectation of exactly one write failed on a loaded machine).
        Assert.InRange(Avi.WriteCount, 0, 2);
        Assert.All(Avi.Writes, w => Assert.True(w.Target.Type is AviObjectTypes.Pool or AviObjectTypes.VsVip, $"a write after the stop: {w}"));
    }

    [Fact]
    public async Task A_restarted_owner_drops_the_old_runs_result_and_never_writes_beside_its_own_wave()
    {
        var entity = ConvergedWeb(Shard.RestartsInPlace);
        _held.HoldWrites = true;
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(3))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        var oldRun = await _held.NextAsync();

        // The owner fails (Kill stands in for any exception) and is restarted in place: same ActorRef, new incarnation.
        (await OwnerOf(entity)).Tell(Kill.Instance);
        var newRun = await _held.NextAsync();
        Assert.True(newRun.Context.Epoch > oldRun.Context.Epoch, $"new incarnation epoch {newRun.Context.Epoch} not above {oldRun.Context.Epoch}");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(5))];
        entity.Tell(new ServiceProtocol.Reconcile(Web));

        // The old run's write was already on the wire and lands; its answer reaches the new incarnation, which drops it.
        EventFilter.Debug(contains: "earlier incarnation").ExpectOne(() => oldRun.Release());
        // Still one write of this owner in flight: the old answer did not make the new incarnation think it was idle.
        Assert.Equal(0, _held.Waiting);

        _held.HoldWrites = false;
        newRun.Release();
        AwaitCondition(() => ((PoolSpec?)Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")?.Spec)?.Servers.Count == 5, TimeSpan.FromSeconds(5),
            "the pool at the newest endpoints, written by the new incarnation");
        Assert.Equal(newRun.Context.Epoch, Avi.Get(AviObjectTypes.Pool, "c1--red-web-TCP-80")!.Epoch);
    }

    [Fact]
    public void A_passivated_owner_under_its_back_off_supervisor_stops_after_its_last_write_and_the_shard_sees_it_gone()
    {
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];
        var entity = StartEntity(Shard.BackOffSupervised);
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));

        Cluster.Services.TryRemove(Web, out _);
        Cluster.Slices.TryRemove(Web, out _);
        entity.Tell(new ServiceProtocol.Reconcile(Web));
        var passivate = ParentProbe.FishForMessage<Passivate>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Empty(Avi.All());
        var writes = Avi.WriteCount;

        // The shard answers a Passivate with the stop message it carries.
        entity.Tell(passivate.StopMessage);
        ParentProbe.FishForMessage<ParentProxy.EntityStopped>(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(writes, Avi.WriteCount);
        Assert.Equal(ServiceProtocol.Stop.Instance, passivate.StopMessage);
    }

    [Fact]
    public async Task Shutting_the_replica_down_cancels_the_owners_calls_in_flight_and_nothing_lands()
    {
        using var replica = ActorSystem.Create("shutdown-spec", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.coordinated-shutdown.exit-clr = off"));
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];
        _held.HoldWrites = true;
        _held.Cancellable = true;
        replica.ActorOf(ServiceActor.PropsFor(Web.EntityId, _gateway, Cluster, Kube, Runtime, new ControllerMetrics(), FastRetries), "web");
        var inFlight = await _held.NextAsync();

        await CoordinatedShutdown.Get(replica).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(inFlight.Cancellation.IsCancellationRequested, "shutdown left the owner's call running");
        await inFlight.Abandoned.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Avi.WriteCount);
        Assert.Empty(Avi.All());
    }

    private IActorRef ConvergedWeb(Shard shard = Shard.Plain)
    {
        Cluster.Services[Web] = L4Objects.LoadBalancer("red", "web");
        Cluster.Slices[Web] = [L4Objects.Slice("red", "web", 80, L4Objects.PodIps(1))];
        var entity = StartEntity(shard);
        KubeProbe.FishForMessage<RecordingKubernetesWriter.StatusPatched>(_ => true, TimeSpan.FromSeconds(5));
        Writes.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        return entity;
    }

    /// <summary>How the stand-in shard holds the entity.</summary>
    private enum Shard
    {
        /// <summary>The owner itself as the shard's child.</summary>
        Plain,

        /// <summary>Wrapped in the production back-off supervisor, as every sharded entity is.</summary>
        BackOffSupervised,

        /// <summary>A failed owner restarted in place (same ActorRef, new instance), as Akka's default supervision does.</summary>
        RestartsInPlace,
    }

    private IActorRef StartEntity(Shard shard = Shard.Plain)
    {
        var owner = ServiceActor.PropsFor(Web.EntityId, _gateway, Cluster, Kube, Runtime, new ControllerMetrics(), FastRetries);
        return shard switch
        {
            Shard.BackOffSupervised => Sys.ActorOf(Props.Create(() => new ParentProxy(EntitySupervision.WithBackoff(owner), "web", ParentProbe.Ref))),
            Shard.RestartsInPlace => Sys.ActorOf(Props.Create(() => new ParentProxy(owner, "web", ParentProbe.Ref))
                .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart))),
            _ => Sys.ActorOf(Props.Create(() => new ParentProxy(owner, "web", ParentProbe.Ref))),
        };
    }

    private static Task<IActorRef> OwnerOf(IActorRef shard) => shard.Path.Root.Equals(shard.Path)
        ? throw new InvalidOperationException("not an entity parent")
        : new ActorSelection(shard, "web").ResolveOne(TimeSpan.FromSeconds(3));

    /// <summary>An optional hold on each write (the request on its way), then the production gate in front of the scripted controller.</summary>
    private sealed class GatedGateway(FakeAviController controller, FairRequestGate gate, HeldCalls held) : IAviGateway
    {
        private int _finished;

        /// <summary>Writes that ended, whichever way (applied, refused, withdrawn).</summary>
        public int Finished => Volatile.Read(ref _finished);

        public async Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyCollection<AviRef> refs, AviCallContext context, CancellationToken cancellationToken)
        {
            using (await gate.EnterAsync(context.FairnessKey, context.Priority, cancellationToken))
            {
                return await controller.ReadAsync(refs, context, cancellationToken);
            }
        }

        public async Task<AviObjectState?> ApplyAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken)
        {
            try
            {
                await held.PassAsync(operation, context, cancellationToken);
                using (await gate.EnterAsync(context.FairnessKey, context.Priority, cancellationToken))
                {
                    return await controller.ApplyAsync(operation, context, cancellationToken);
                }
            }
            finally
            {
                Interlocked.Increment(ref _finished);
            }
        }
    }

    /// <summary>Writes held at the controller until the test releases them, one at a time in arrival order.</summary>
    private sealed class HeldCalls
    {
        private readonly System.Threading.Channels.Channel<HeldCall> _arrived = System.Threading.Channels.Channel.CreateUnbounded<HeldCall>();
        private int _waiting;

        public volatile bool HoldWrites;

        /// <summary>When set, a held write gives up as soon as its caller cancels; otherwise it is "on the wire" and lands once released.</summary>
        public volatile bool Cancellable;

        /// <summary>Held writes that arrived and have not been taken by <see cref="NextAsync"/>.</summary>
        public int Waiting => Volatile.Read(ref _waiting);

        public async Task PassAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken)
        {
            if (!HoldWrites) return;
            var call = new HeldCall(operation, context, cancellationToken);
            Interlocked.Increment(ref _waiting);
            _arrived.Writer.TryWrite(call);
            if (!Cancellable)
            {
                await call.Released;
                return;
            }
            try
            {
                await call.Released.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                call.Abandon();
                throw new TaskCanceledException("withdrawn by its owner");
            }
        }

        public async Task<HeldCall> NextAsync()
        {
            var call = await _arrived.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Interlocked.Decrement(ref _waiting);
            return call;
        }
    }

    private sealed class HeldCall(AviOperation operation, AviCallContext context, CancellationToken cancellation)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AviOperation Operation { get; } = operation;

        public AviCallContext Context { get; } = context;

        public CancellationToken Cancellation { get; } = cancellation;

        public Task Released => _released.Task;

        public Task Abandoned => _abandoned.Task;

        public void Release() => _released.TrySetResult();

        public void Abandon() => _abandoned.TrySetResult();
    }
}
