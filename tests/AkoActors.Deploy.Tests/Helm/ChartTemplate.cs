using AkoActors.Deploy.Tests.Manifests;

namespace AkoActors.Deploy.Tests.Helm;

/// <summary>Renders the chart with <c>helm template</c> as the README installs it (release ako-actors in avi-system).</summary>
public static class ChartTemplate
{
    /// <summary>Renders with the given extra helm arguments (<c>-f file</c>, <c>--set k=v</c>); fails the test if helm does.</summary>
    public static async Task<ManifestSet> RenderAsync(params string[] arguments)
    {
        HelmRequirement.Require();
        using var helm = new HelmRunner();
        var result = await helm.SucceedAsync(["template", ChartFiles.Release, ChartFiles.Chart, "--namespace", ChartFiles.Namespace, .. arguments]);
        return ManifestSet.Parse(result.StandardOutput);
    }

    /// <summary>Runs <c>helm template</c> expecting a refusal; returns what helm printed.</summary>
    public static async Task<HelmResult> RefuseAsync(params string[] arguments)
    {
        HelmRequirement.Require();
        using var helm = new HelmRunner();
        var result = await helm.RunAsync(["template", ChartFiles.Release, ChartFiles.Chart, "--namespace", ChartFiles.Namespace, .. arguments]);
        Assert.False(result.Succeeded, $"helm should have refused the values:\n{result}");
        return result;
    }
}
