using AkoActors.Deploy.Tests.Helm;
using AkoActors.Deploy.Tests.Manifests;

namespace AkoActors.Deploy.Tests;

/// <summary><c>helm template</c> of users' AKO values files renders the expected objects (compared as parsed YAML, so
/// formatting and key order do not matter but every field and value does).</summary>
public class ChartRenderingTests
{
    [SkippableFact]
    public async Task Seed_article_values_render_the_expected_manifests()
    {
        var values = ChartFiles.AkoValuesFixture("seed-article-values.yaml");
        var rendered = await ChartTemplate.RenderAsync("-f", values);
        rendered.AssertSameAs(ManifestSet.Parse(await File.ReadAllTextAsync(ChartFiles.Expected("seed-article.yaml"))));
    }

    [SkippableFact]
    public async Task AKO_default_values_render_the_expected_manifests()
    {
        var values = ChartFiles.AkoValuesFixture("ako-default-values.yaml");
        var rendered = await ChartTemplate.RenderAsync("-f", values);
        rendered.AssertSameAs(ManifestSet.Parse(await File.ReadAllTextAsync(ChartFiles.Expected("ako-default.yaml"))));
    }

    [SkippableFact]
    public async Task Tests_own_values_file_renders_the_expected_manifests()
    {
        var rendered = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"));
        rendered.AssertSameAs(ManifestSet.Parse(await File.ReadAllTextAsync(ChartFiles.Expected("small-values.yaml"))));
    }

    [SkippableFact]
    public async Task Chart_renders_every_object_the_controller_needs_and_nothing_else()
    {
        var rendered = await ChartTemplate.RenderAsync("-f", ChartFiles.TestValues("small-values.yaml"));
        Assert.Equal(
            [
                "ClusterRole ako-actors-avi-system", "ClusterRoleBinding ako-actors-avi-system", "ConfigMap avi-system/avi-k8s-config",
                "Deployment avi-system/ako-actors", "IngressClass avi-lb", "PodDisruptionBudget avi-system/ako-actors",
                "Role avi-system/ako-actors", "RoleBinding avi-system/ako-actors", "Secret avi-system/avi-secret",
                "ServiceAccount avi-system/ako-actors",
            ],
            rendered.Objects.Keys.Order(StringComparer.Ordinal));
    }
}
