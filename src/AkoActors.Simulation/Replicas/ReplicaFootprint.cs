namespace AkoActors.Simulation.Replicas;

/// <summary>One running replica's memory against what it owns: resident MiB now, the entities it owns (every kind its
/// <c>ako_owned_entities</c> counts), and the resident memory above an idle replica's per owned entity — which includes
/// the replica's informer cache, since every replica caches every object it watches whoever owns it.</summary>
public sealed record ReplicaFootprint(string Replica, double ResidentMiB, int Owned, double? KiBPerOwnedEntity);
