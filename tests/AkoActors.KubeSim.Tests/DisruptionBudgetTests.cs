using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>The simulated disruption controller: PodDisruptionBudget status follows the Pods it selects and their controllers' replicas.</summary>
public class DisruptionBudgetTests
{
    private static V1PodDisruptionBudget Budget(string name, string app, IntOrString? minAvailable = null, IntOrString? maxUnavailable = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = minAvailable,
            MaxUnavailable = maxUnavailable,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
        },
    };

    private static Task<V1PodDisruptionBudgetStatus> StatusAsync(SimulatorScope sim, string name, int expected, int healthy, int desired, int allowed) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await sim.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(name, "default")).Status;
            return status is not null && status.ExpectedPods == expected && status.CurrentHealthy == healthy && status.DesiredHealthy == desired && status.DisruptionsAllowed == allowed ? status : null;
        }, $"pdb {name}: expected {expected}, healthy {healthy}, desired {desired}, allowed {allowed}");

    [Fact]
    public async Task Budget_status_counts_healthy_pods_against_min_available_and_max_unavailable()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 4,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx" }] },
                },
            },
        }, "default");
        await sim.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("one-down", "web", maxUnavailable: 1), "default");
        await sim.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("half", "web", minAvailable: "50%"), "default");
        await sim.Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("too-many", "web", minAvailable: 5), "default");

        await StatusAsync(sim, "one-down", expected: 4, healthy: 4, desired: 3, allowed: 1);
        await StatusAsync(sim, "half", expected: 4, healthy: 4, desired: 2, allowed: 2);
        var blocked = await StatusAsync(sim, "too-many", expected: 4, healthy: 4, desired: 5, allowed: 0);
        Assert.Equal("InsufficientPods", blocked.Conditions.Single(c => c.Type == "DisruptionAllowed").Reason);

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "web", "default");

        var scaled = await StatusAsync(sim, "one-down", expected: 2, healthy: 2, desired: 1, allowed: 1);
        Assert.Equal("SufficientPods", scaled.Conditions.Single(c => c.Type == "DisruptionAllowed").Reason);
    }
}
