using Akka.Configuration;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AkoActors.Actors.Tests.Avi;

/// <summary>The plan runner's stop paths: a hand-off lets the wave in flight finish and starts no other; an incarnation
/// that is gone withdraws what it still has queued and starts nothing more; a wave past its deadline is abandoned, and that
/// deadline sits between one request's timeout and sharding's hand-off timeout.</summary>
public sealed class AviPlanRunnerTests
{
    private static readonly AviCallContext Context = new("admin", "red", Epoch: 42);

    [Fact]
    public async Task A_stop_request_lets_the_wave_in_flight_finish_and_starts_no_later_wave()
    {
        var gateway = new HeldGateway();
        var stop = false;
        var run = AviPlanRunner.RunAsync(TwoWaves(), gateway, Context, () => stop);
        await gateway.Started.Task;

        stop = true;
        gateway.Release.SetResult();
        var outcome = await run;

        Assert.Equal(["POST pool/p1"], gateway.Calls);
        Assert.Single(outcome.Applied);
        Assert.Equal("POST virtualservice/vs", outcome.FailedOperation?.ToString());
    }

    [Fact]
    public async Task A_stopped_incarnation_withdraws_its_queued_request_and_starts_nothing_more()
    {
        var gateway = new HeldGateway();
        using var stopped = new CancellationTokenSource();
        var run = AviPlanRunner.RunAsync(TwoWaves(), gateway, Context, () => false, stopped.Token);
        await gateway.Started.Task;

        await stopped.CancelAsync();
        var outcome = await run;

        Assert.Equal(["POST pool/p1"], gateway.Calls);
        Assert.True(gateway.SawCancellation);
        Assert.Empty(outcome.Applied);
        Assert.NotNull(outcome.Failure);
    }

    [Fact]
    public async Task A_wave_past_its_deadline_is_abandoned_starts_no_later_wave_and_is_retried_as_transient()
    {
        var gateway = new HeldGateway();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var run = AviPlanRunner.RunAsync(TwoWaves(), gateway, Context, () => false, CancellationToken.None, time);
        await gateway.Started.Task;

        time.Advance(AviPlanRunner.WaveDeadline - TimeSpan.FromMilliseconds(1));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(gateway.SawCancellation);
        Assert.Equal(["POST pool/p1"], gateway.Calls);
        Assert.Empty(outcome.Applied);
        Assert.Equal(AviErrorKind.Transient, outcome.Failure?.Kind);
        Assert.Contains("did not finish within 45 s", outcome.Failure?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wave_deadline_is_above_one_request_timeout_and_leaves_room_under_the_handoff_timeout()
    {
        Config hocon = HoconFiles.Load(HoconFiles.Controller);
        var handoffTimeout = hocon.GetTimeSpan("akka.cluster.sharding.handoff-timeout");
        var requestTimeout = new AviClientOptions { BaseUrl = new Uri("https://controller.invalid") }.RequestTimeout;

        Assert.True(requestTimeout < AviPlanRunner.WaveDeadline, $"one request ({requestTimeout}) must fit in a wave ({AviPlanRunner.WaveDeadline})");
        // A hand-off waits for at most the wave in flight; the owner needs a few seconds more to hear its outcome and stop
        // before sharding force-stops it.
        Assert.True(AviPlanRunner.WaveDeadline + TimeSpan.FromSeconds(10) <= handoffTimeout,
            $"a wave ({AviPlanRunner.WaveDeadline}) plus 10 s must stay under handoff-timeout ({handoffTimeout})");
    }

    [Fact]
    public async Task Every_call_of_a_plan_carries_the_owner_epoch()
    {
        var gateway = new HeldGateway();
        gateway.Release.SetResult();

        await AviPlanRunner.RunAsync(TwoWaves(), gateway, Context, () => false);

        Assert.All(gateway.Contexts, c => Assert.Equal(42, c.Epoch));
        Assert.Equal(2, gateway.Contexts.Count);
    }

    private static AviPlan TwoWaves()
    {
        var meta = new AviObjectMeta("ako-c1", EquatableArray<AviMarker>.Empty, null);
        var pool = new PoolSpec("p1", EquatableArray<PoolServer>.Empty, EquatableArray<string>.Empty, "Default-Cloud", "global", meta);
        var vs = new VirtualServiceSpec("vs", VirtualServiceSpec.Normal, EquatableArray<VsServicePort>.Empty, null, "System-L4-Application",
            "System-TCP-Proxy", new AviPlacement("Default-Cloud", "global", "Default-Group"), meta);
        return new AviPlan(new[]
        {
            new[] { (AviOperation)new CreateOperation(pool) }.ToEquatableArray(),
            new[] { (AviOperation)new CreateOperation(vs) }.ToEquatableArray(),
        }.ToEquatableArray());
    }

    /// <summary>A controller whose first call waits until released (or until the caller gives up).</summary>
    private sealed class HeldGateway : IAviGateway
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Calls { get; } = [];

        public List<AviCallContext> Contexts { get; } = [];

        public bool SawCancellation { get; private set; }

        public Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyCollection<AviRef> refs, AviCallContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AviObjectState>>([]);

        public async Task<AviObjectState?> ApplyAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(operation.ToString());
                Contexts.Add(context);
            }
            Started.TrySetResult();
            try
            {
                await Release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw new TaskCanceledException("withdrawn");
            }
            var spec = ((CreateOperation)operation).Spec;
            return new AviObjectState(spec, $"{spec.Type}-1", "1", null, context.Epoch);
        }
    }
}
