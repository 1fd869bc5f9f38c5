namespace AkoActors.Simulation.Reporting;

/// <summary>The run at one moment: time since start, Services, Ingress hosts and Nodes realised of those Kubernetes has, Avi
/// requests answered so far and being served, and the replicas running.</summary>
public sealed record TimelineSample(TimeSpan At, int Realised, int Total, long AviRequests, int AviInFlight, int ReplicasRunning);
