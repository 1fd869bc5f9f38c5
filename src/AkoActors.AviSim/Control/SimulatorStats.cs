namespace AkoActors.AviSim.Control;

/// <summary>Request counters of the simulated controller, for benchmarks and load tests.</summary>
/// <param name="Requests">API and login requests answered since start (or the last reset of the counters).</param>
/// <param name="InFlight">Requests being processed now (inside the concurrency cap).</param>
/// <param name="Waiting">Requests queued behind the concurrency cap.</param>
/// <param name="PeakInFlight">Most requests processed at once.</param>
/// <param name="ByStatus">Answered requests per HTTP status.</param>
/// <param name="Objects">Objects stored.</param>
/// <param name="ByCall">Answered requests per method and object type (<c>GET pool</c>, <c>PUT httppolicyset</c>).</param>
public sealed record SimulatorStats(
    long Requests, int InFlight, int Waiting, int PeakInFlight, IReadOnlyDictionary<int, long> ByStatus, int Objects, IReadOnlyDictionary<string, long> ByCall);
