using System.Text;

namespace AkoActors.Simulation.Replicas;

/// <summary>The AKO values.yaml every replica of a simulated world is started with: the cluster name, the VIP network of
/// <see cref="Workloads.SimulationAviProfile"/>, the L7 shard size and AviSim's cloud and SE group.</summary>
public static class ReplicaValuesFile
{
    public static string Yaml(string clusterName, string logLevel, string shardSize, int? fullSyncSeconds)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by the simulation testkit: AKO values for the replicas under test.");
        yaml.AppendLine("AKOSettings:");
        yaml.AppendLine($"  clusterName: {clusterName}");
        yaml.AppendLine($"  logLevel: {logLevel}");
        yaml.AppendLine("  enableEvents: \"true\"");
        if (fullSyncSeconds is { } fullSync) yaml.AppendLine($"  fullSyncFrequency: \"{fullSync}\"");
        yaml.AppendLine("NetworkSettings:");
        yaml.AppendLine("  vipNetworkList:");
        yaml.AppendLine($"    - networkName: {Workloads.SimulationAviProfile.VipNetwork}");
        yaml.AppendLine($"      cidr: {Workloads.SimulationAviProfile.VipCidr}");
        yaml.AppendLine("L7Settings:");
        yaml.AppendLine($"  shardVSSize: {shardSize}");
        yaml.AppendLine("  serviceType: ClusterIP");
        yaml.AppendLine("L4Settings:");
        yaml.AppendLine("  defaultLBController: \"true\"");
        yaml.AppendLine("  autoFQDN: default");
        yaml.AppendLine("ControllerSettings:");
        yaml.AppendLine("  controllerVersion: \"22.1.3\"");
        yaml.AppendLine("  cloudName: Default-Cloud");
        yaml.AppendLine("  serviceEngineGroupName: Default-Group");
        yaml.AppendLine("  tenantName: admin");
        return yaml.ToString();
    }
}
