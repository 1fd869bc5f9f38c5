using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Actors.Avi;

/// <summary>Runs a plan wave by wave: the operations of a wave concurrently, the next wave only after all of them succeeded.</summary>
/// <remarks>Runs outside the actor (its result is piped back as a message) and touches no actor state. A stop request is
/// honoured between waves (a hand-off lets the write in flight finish). When the incarnation is gone anyway (forced stop at
/// the hand-off timeout, restart after a failure, shutdown), <c>stopped</c> withdraws its queued requests and abandons the
/// ones in flight; a request that still lands afterwards carries this incarnation's epoch, so it cannot overwrite what the
/// next owner has written (the controller answers 412 and the re-read finds the newer stamp).
/// A wave that has not finished within <see cref="WaveDeadline"/> (queueing, 412 re-read cycles, slow answers) is abandoned
/// the same way and retried later from the newest state, so an owner asked to hand off always answers within sharding's
/// hand-off timeout and is never force-stopped in the middle of a wave it still believes it runs.</remarks>
public static class AviPlanRunner
{
    /// <summary>The longest one wave may take. Above one request's timeout (30 s, <c>AviClientOptions.RequestTimeout</c>) so a
    /// single slow answer still counts, and under sharding's <c>handoff-timeout</c> (60 s, hocon/ako-actors.conf) with room for
    /// the owner to hear the outcome and stop: a hand-off waits for at most one wave.</summary>
    public static readonly TimeSpan WaveDeadline = TimeSpan.FromSeconds(45);

    public static async Task<PlanOutcome> RunAsync(AviPlan plan, IAviGateway gateway, AviCallContext context, Func<bool> stopRequested,
        CancellationToken stopped = default, TimeProvider? time = null)
    {
        var applied = new List<(AviOperation, AviObjectState?)>();
        var calls = 0;
        for (var index = 0; index < plan.Waves.Count; index++)
        {
            var wave = plan.Waves[index];
            if (stopRequested() || stopped.IsCancellationRequested) return new PlanOutcome(applied, wave[0], new AviError(AviErrorKind.Transient, 0, "stopped before finishing"), calls);
            // Later waves queue ahead of earlier ones (and of reads): trees that have started finish first.
            var waveContext = context with { Priority = index + 1 };
            using var deadline = new CancellationTokenSource(WaveDeadline, time ?? TimeProvider.System);
            using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(stopped, deadline.Token);
            var results = await Task.WhenAll(wave.Select(op => ApplyAsync(op, gateway, waveContext, abandoned.Token))).ConfigureAwait(false);
            calls += results.Length;
            AviOperation? failedOperation = null;
            AviError? failure = null;
            foreach (var (operation, state, error) in results)
            {
                if (error is null) applied.Add((operation, state));
                else if (failure is null || Severity(error) > Severity(failure))
                {
                    failedOperation = operation;
                    failure = error;
                }
            }
            if (failure is not null && failure.Kind != AviErrorKind.Fenced && deadline.IsCancellationRequested && !stopped.IsCancellationRequested)
            {
                failure = new AviError(AviErrorKind.Transient, 0, $"the wave did not finish within {WaveDeadline.TotalSeconds:0} s; abandoned, retried from the newest state");
            }
            if (failure is not null) return new PlanOutcome(applied, failedOperation, failure, calls);
        }
        return new PlanOutcome(applied, null, null, calls);
    }

    private static async Task<(AviOperation, AviObjectState?, AviError?)> ApplyAsync(AviOperation operation, IAviGateway gateway, AviCallContext context, CancellationToken stopped)
    {
        try
        {
            var state = await gateway.ApplyAsync(operation, context, stopped).ConfigureAwait(false);
            return (operation, state, null);
        }
        catch (AviApiException exception)
        {
            return (operation, null, exception.Error);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException or IOException)
        {
            return (operation, null, AviErrorClassifier.Unreachable(exception));
        }
    }

    /// <summary>When several operations of one wave fail, the one that needs the user's attention is reported.</summary>
    private static int Severity(AviError error) => error.Kind switch
    {
        AviErrorKind.Fenced => 4,
        AviErrorKind.Rejected or AviErrorKind.NameConflict or AviErrorKind.AddressInUse => 3,
        AviErrorKind.NoFreeIps or AviErrorKind.InvalidCredentials => 2,
        _ => 1,
    };
}
