namespace AkoActors.Hosting;

/// <summary>The replica's Serilog logger as a DI service of its own type, so Akka's logger actor finds this replica's
/// logger (not a global one) even when several replicas share a process.</summary>
public sealed record ReplicaLogger(Serilog.ILogger Logger);
