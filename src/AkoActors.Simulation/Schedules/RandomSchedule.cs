namespace AkoActors.Simulation.Schedules;

/// <summary>A random fault schedule from a seed: every Avi and Kubernetes fault kind once, in a random order with random
/// parameters, and one replica fault (SIGKILL then restart, graceful stop then restart, or a partition that heals by
/// itself), each fault followed by a few endpoint changes and, on about half of them, a node change (<see cref="ScheduleRunner"/>
/// then clears the faults and waits for convergence within its bound). The node changes come from a stream of their own, so
/// a seed's faults and endpoint changes are what they were before node churn existed. The
/// same seed always gives the same schedule, so a failing seed is its reproduction.</summary>
public static class RandomSchedule
{
    public static FaultSchedule Create(int seed, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 2);
        var random = new Random(seed);
        var nodeRandom = Workloads.SimulationWorkload.NodeRandom(seed);
        var cheap = new List<string>
        {
            FaultKind.AviLatency, FaultKind.AviErrors, FaultKind.AviOutage, FaultKind.AviSessionExpiry, FaultKind.AviConcurrency,
            FaultKind.WatchCut, FaultKind.WatchGone,
        };
        var order = cheap.OrderBy(_ => random.Next()).ToList();
        string[] replicaFaults = [FaultKind.Kill, FaultKind.Stop, FaultKind.Partition];
        order.Insert(random.Next(order.Count + 1), replicaFaults[random.Next(replicaFaults.Length)]);

        var steps = new List<FaultStep>();
        foreach (var fault in order)
        {
            var slot = random.Next(replicas);
            switch (fault)
            {
                case FaultKind.Kill or FaultKind.Stop:
                    steps.Add(new FaultStep(fault, Replica: slot));
                    steps.Add(Churn(random, nodeRandom));
                    steps.Add(new FaultStep(FaultKind.Restart, Replica: slot));
                    break;
                case FaultKind.Partition:
                    steps.Add(new FaultStep(fault, Replica: slot, Seconds: 3 + random.Next(6)));
                    break;
                case FaultKind.AviLatency:
                    var p50 = 2 + random.Next(9);
                    steps.Add(new FaultStep(fault, P50Ms: p50, P99Ms: p50 * (5 + random.Next(16))));
                    break;
                case FaultKind.AviErrors:
                    string[] methods = ["PUT", "POST", "*"];
                    string[] types = ["pool", "virtualservice", "*"];
                    int[] statuses = [500, 503];
                    steps.Add(new FaultStep(fault, Method: methods[random.Next(3)], Type: types[random.Next(3)], Rate: 0.1 + random.Next(3) / 10.0,
                        Status: statuses[random.Next(2)]));
                    break;
                case FaultKind.AviOutage:
                    steps.Add(new FaultStep(fault, Seconds: 2 + random.Next(4)));
                    break;
                case FaultKind.AviSessionExpiry:
                    steps.Add(new FaultStep(fault, Status: random.Next(2) == 0 ? 401 : 419));
                    break;
                case FaultKind.AviConcurrency:
                    steps.Add(new FaultStep(fault, Requests: 1 + random.Next(4)));
                    break;
                default:
                    steps.Add(new FaultStep(fault));
                    break;
            }
            steps.Add(Churn(random, nodeRandom));
        }
        return new FaultSchedule($"random seed {seed}", seed, steps);
    }

    /// <summary>A node change needs the workload's own Nodes (<c>Nodes(n)</c>); a run without them makes none.</summary>
    private static FaultStep Churn(Random random, Random nodeRandom) =>
        new(FaultKind.Churn, Changes: 1 + random.Next(3), Nodes: nodeRandom.Next(2) == 0 ? null : 1);
}
