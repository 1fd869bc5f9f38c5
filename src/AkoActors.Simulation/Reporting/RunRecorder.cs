namespace AkoActors.Simulation.Reporting;

/// <summary>Samples a running simulation at a fixed interval — convergence, Avi requests, replicas — for the report's
/// plots, and says where the run stands every ten samples (progress on long runs).</summary>
/// <remarks>A sample reads KubeSim's objects and AviSim's state as the convergence check does, so its cost grows with the
/// workload; for tens of thousands of objects sample every few seconds.</remarks>
public sealed class RunRecorder : IAsyncDisposable
{
    private readonly Simulation _simulation;
    private readonly TimeSpan _interval;
    private readonly List<TimelineSample> _samples = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    internal RunRecorder(Simulation simulation, TimeSpan interval)
    {
        _simulation = simulation;
        _interval = interval;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<TimelineSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return _samples.ToList();
            }
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        var count = 0;
        do
        {
            TimelineSample sample;
            try
            {
                sample = await SampleAsync();
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException or IOException)
            {
                // The API server is down (a fault of the run): no sample this time.
                continue;
            }
            lock (_gate)
            {
                _samples.Add(sample);
            }
            if (++count % 10 == 0)
            {
                var rate = RequestsPerSecond(_samples.Count >= 11 ? _samples[^11] : _samples[0], sample);
                _simulation.Say($"progress: {sample.Realised}/{sample.Total} realised, {sample.AviRequests} Avi requests ({rate:0}/s), " +
                                $"{sample.AviInFlight} in flight, {sample.ReplicasRunning} replica(s) running");
            }
        }
        while (await Tick(timer));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<TimelineSample> SampleAsync()
    {
        var (realised, total) = await _simulation.Checker.ProgressAsync();
        var stats = _simulation.Avi.Simulator.Stats;
        return new TimelineSample(_simulation.Elapsed, realised, total, stats.Requests, stats.InFlight, _simulation.Running.Count());
    }

    /// <summary>Avi requests per second between two samples.</summary>
    public static double RequestsPerSecond(TimelineSample from, TimelineSample to) =>
        to.At > from.At ? (to.AviRequests - from.AviRequests) / (to.At - from.At).TotalSeconds : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
