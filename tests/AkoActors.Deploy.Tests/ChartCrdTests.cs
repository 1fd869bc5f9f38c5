using System.Text.Json.Nodes;
using AkoActors.Deploy.Tests.Helm;

namespace AkoActors.Deploy.Tests;

/// <summary>The chart's crds/ define AKO's custom resources under AKO's group, names, scope and versions, so the
/// HostRules, HTTPRules, AviInfraSettings and L4Rules users kept for AKO keep applying.</summary>
public class ChartCrdTests
{
    [SkippableTheory]
    [InlineData("hostrules.ako.vmware.com", "HostRule", "Namespaced", "hostrule,hr", "v1beta1", "v1alpha1,v1beta1")]
    [InlineData("httprules.ako.vmware.com", "HTTPRule", "Namespaced", "httprule", "v1beta1", "v1alpha1,v1beta1")]
    [InlineData("aviinfrasettings.ako.vmware.com", "AviInfraSetting", "Cluster", "", "v1beta1", "v1alpha1,v1beta1")]
    [InlineData("l4rules.ako.vmware.com", "L4Rule", "Namespaced", "l4rule", "v1alpha2", "v1alpha2")]
    public async Task CRD_matches_AKOs_definition(string name, string kind, string scope, string shortNames, string storedVersion, string servedVersions)
    {
        var rendered = await ChartTemplate.RenderAsync("--include-crds");
        var spec = rendered.Get("CustomResourceDefinition", name)["spec"]!;

        Assert.Equal("ako.vmware.com", spec["group"]!.GetValue<string>());
        Assert.Equal(kind, spec["names"]!["kind"]!.GetValue<string>());
        Assert.Equal(kind + "List", spec["names"]!["listKind"]!.GetValue<string>());
        Assert.Equal(name.Split('.')[0], spec["names"]!["plural"]!.GetValue<string>());
        Assert.Equal(scope, spec["scope"]!.GetValue<string>());
        Assert.Equal(shortNames, string.Join(',', spec["names"]!["shortNames"]?.AsArray().Select(s => s!.GetValue<string>()) ?? []));
        var versions = spec["versions"]!.AsArray();
        Assert.Equal(servedVersions, string.Join(',', versions.Where(v => v!["served"]!.GetValue<bool>()).Select(v => v!["name"]!.GetValue<string>()).Order()));
        Assert.Equal(storedVersion, versions.Single(v => v!["storage"]!.GetValue<bool>())!["name"]!.GetValue<string>());
        Assert.All(versions, v =>
        {
            var schema = v!["schema"]!["openAPIV3Schema"]!;
            Assert.Equal("object", schema["type"]!.GetValue<string>());
            Assert.Equal("string", schema["properties"]!["status"]!["properties"]!["status"]!["type"]!.GetValue<string>());
        });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{}"), versions.Single(v => v!["storage"]!.GetValue<bool>())!["subresources"]!["status"]));
    }

    [SkippableFact]
    public async Task CRDs_are_installed_by_helm_only_and_never_templated_into_upgrades()
    {
        // Helm installs crds/ once and never upgrades or deletes them: an AKO installation's CRDs (and the users'
        // resources) survive installing or removing AkoActors.
        var rendered = await ChartTemplate.RenderAsync();
        Assert.DoesNotContain(rendered.Objects.Keys, k => k.StartsWith("CustomResourceDefinition", StringComparison.Ordinal));
    }
}
