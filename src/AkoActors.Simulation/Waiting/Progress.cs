using System.Diagnostics;

namespace AkoActors.Simulation.Waiting;

/// <summary>Progress lines on the console while a scenario runs, stamped with the time since the harness started.</summary>
public sealed class Progress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Say(string message)
    {
        lock (_gate)
        {
            Console.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:0.0}s] {message}");
        }
    }
}
