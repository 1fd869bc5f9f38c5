using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Translation.L7;

/// <summary>A shared VS translated: the whole tree it needs, and a verdict for each contributing Ingress.</summary>
public sealed record ShardTranslation(TreeTranslation Tree, IReadOnlyDictionary<IngressKey, ShardVerdict> Verdicts);
