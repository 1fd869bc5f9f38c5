using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Sharding;
using AkoActors.Actors.Tests.Fakes;
using Xunit;

namespace AkoActors.Actors.Tests;

/// <summary>A sharded entity that throws is started again only after a back-off (on virtual time here), and passivation
/// still reaches the shard through the supervisor.</summary>
public sealed class EntitySupervisionSpecs : TestKit
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.loglevel = WARNING
        """);

    public EntitySupervisionSpecs() : base(TestConfig)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void A_failing_entity_is_started_again_only_after_a_growing_back_off()
    {
        var starts = CreateTestProbe();
        var entity = Sys.ActorOf(EntitySupervision.WithBackoff(Props.Create(() => new Fragile(starts.Ref))));
        starts.ExpectMsg("started");

        entity.Tell("boom");
        starts.ExpectMsg("stopped");
        var first = AdvanceUntilStarted(starts);

        entity.Tell("boom");
        starts.ExpectMsg("stopped");
        var second = AdvanceUntilStarted(starts);

        // Virtual time only: the supervisor's delay is at least the minimum back-off, and it grows when failures repeat.
        Assert.True(first >= EntitySupervision.MinBackoff, $"restarted after {first}");
        Assert.True(second >= EntitySupervision.MinBackoff * 2, $"restarted again after {second}");
    }

    /// <summary>Moves virtual time forward in small steps until the entity has started again; returns how much it took.</summary>
    private TimeSpan AdvanceUntilStarted(TestProbe starts)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var advanced = TimeSpan.Zero;
        while (advanced < EntitySupervision.MaxBackoff * 2)
        {
            Scheduler.Advance(step);
            advanced += step;
            // A short real-time look per step: arriving late only makes the measured delay longer, never shorter.
            var seen = starts.ReceiveWhile(TimeSpan.FromMilliseconds(20), m => m as string, 1);
            if (seen.Count > 0)
            {
                Assert.Equal("started", seen[0]);
                return advanced;
            }
        }
        throw new InvalidOperationException("the entity was never started again");
    }

    [Fact]
    public void Passivation_reaches_the_shard_through_the_supervisor_and_stopping_stops_the_supervisor()
    {
        var starts = CreateTestProbe();
        var shard = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentProxy(EntitySupervision.WithBackoff(Props.Create(() => new Fragile(starts.Ref))), "entity", shard.Ref)));
        starts.ExpectMsg("started");

        parent.Tell("passivate");
        var passivate = shard.ExpectMsg<Passivate>();
        Assert.Equal("stop", passivate.StopMessage);

        parent.Tell("stop");
        shard.ExpectMsg<ParentProxy.EntityStopped>();
    }

    private sealed class Fragile : ReceiveActor
    {
        private readonly IActorRef _starts;

        public Fragile(IActorRef starts)
        {
            _starts = starts;
            starts.Tell("started");
            Receive<string>(m => m == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(m => m == "passivate", _ => Context.Parent.Tell(new Passivate("stop")));
            Receive<string>(m => m == "stop", _ => Context.Stop(Self));
        }

        protected override void PostStop() => _starts.Tell("stopped");
    }
}
