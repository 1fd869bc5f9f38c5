namespace AkoActors.Actors.Serialization;

/// <summary>Marks a message that may travel between replicas (to a sharded entity on another node, or an entity's reply
/// to another entity), so it is written by <see cref="CrossReplicaSerializer"/> with a stable manifest instead of a CLR
/// type name; a message without it never leaves its process.</summary>
/// <remarks>Every type carrying it needs an entry in <see cref="CrossReplicaManifests"/> (a test checks both ways).</remarks>
public interface ICrossReplicaMessage;
