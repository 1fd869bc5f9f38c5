using AkoActors.Deploy.Tests.Helm;

namespace AkoActors.Deploy.Tests;

/// <summary><c>helm lint --strict</c> accepts the chart with its own defaults and with users' AKO values files.</summary>
public class ChartLintTests
{
    [SkippableFact]
    public async Task Chart_lints_clean_with_its_defaults()
    {
        HelmRequirement.Require();
        using var helm = new HelmRunner();
        var result = await helm.SucceedAsync("lint", "--strict", ChartFiles.Chart, "--namespace", ChartFiles.Namespace);
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chart_lints_clean_with_the_tests_own_values_file()
    {
        HelmRequirement.Require();
        using var helm = new HelmRunner();
        await helm.SucceedAsync("lint", "--strict", ChartFiles.Chart, "--namespace", ChartFiles.Namespace, "-f", ChartFiles.TestValues("small-values.yaml"));
    }

    [SkippableTheory]
    [InlineData("seed-article-values.yaml")]
    [InlineData("ako-default-values.yaml")]
    public async Task Chart_lints_clean_with_AKO_values_files(string fixture)
    {
        var values = ChartFiles.AkoValuesFixture(fixture);
        HelmRequirement.Require();
        using var helm = new HelmRunner();
        await helm.SucceedAsync("lint", "--strict", ChartFiles.Chart, "--namespace", ChartFiles.Namespace, "-f", values);
    }
}
