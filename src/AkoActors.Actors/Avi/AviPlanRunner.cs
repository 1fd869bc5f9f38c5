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
/// next owner has written (the controller answers 412 and the re-read finds the newer stamp).</remarks>
public static class AviPlanRunner
{
    public static async Task<PlanOutcome> RunAsync(AviPlan plan, IAviGateway gateway, AviCallContext context, Func<bool> stopRequested, CancellationToken stopped = default)
    {
        var applied = new List<(AviOperation, AviObjectState?)>();
        var calls = 0;
        for (var index = 0; index < plan.Waves.Count; index++)
        {
            var wave = plan.Waves[index];
            if (stopRequested() || stopped.IsCancellationRequested) return new PlanOutcome(applied, wave[0], new AviError(AviErrorKind.Transient, 0, "stopped before finishing"), calls);
            // Later waves queue ahead of earlier ones (and of reads): trees that have started finish first.
            var waveContext = context with { Priority = index + 1 };
            var results = await Task.WhenAll(wave.Select(op => ApplyAsync(op, gateway, waveContext, stopped))).ConfigureAwait(false);
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
