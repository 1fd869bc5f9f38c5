namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>The AKO settings that shape what AKO made: clusterName, tenant, the DNS sub-domain of autoFQDN, shardVSSize
/// as a shard count, and the VIP network of vipNetworkList (name and CIDR, which AKO writes into every vsvip).</summary>
public sealed record AkoMadeSettings(string ClusterName, string Tenant, string DnsDomain, uint ShardCount, string VipNetwork, string VipCidr);
