namespace AkoActors.Simulation.Replicas;

/// <summary>Where the replica executable is and what every replica of a run is given.</summary>
public sealed record ReplicaLaunch(
    string Dotnet,
    string HostDll,
    string ValuesPath,
    string KubeconfigPath,
    string AviUrl,
    string AviCaPath,
    string AviUsername,
    string AviPassword,
    IReadOnlyDictionary<string, string> ExtraEnvironment);
