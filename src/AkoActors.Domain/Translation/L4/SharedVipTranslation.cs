namespace AkoActors.Domain.Translation.L4;

/// <summary>A shared-VIP group's tree and the members it serves (each reports the VIP with its own FQDN).</summary>
public sealed record SharedVipTranslation(TreeTranslation Tree, IReadOnlyList<SharedVipMember> Served);
