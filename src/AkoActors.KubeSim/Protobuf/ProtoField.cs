namespace AkoActors.KubeSim.Protobuf;

/// <summary>One field of a Kubernetes protobuf message: its JSON name, whether it is single, repeated or a map, and its type (a scalar or a message name).</summary>
public sealed record ProtoField(string JsonName, string Cardinality, string Type);
