using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Registry;

/// <summary>What a delete answered: the deleted (or now terminating) object or a Success Status, and whether removal is still pending (finalizers, graceful termination).</summary>
public sealed record DeleteOutcome(JsonObject Body, bool Pending);
