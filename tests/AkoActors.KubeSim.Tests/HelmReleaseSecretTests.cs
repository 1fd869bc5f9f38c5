using System.Security.Cryptography;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>The Secrets helm keeps its releases in (type helm.sh/release.v1, owner=helm labels, hundreds of KB of data), through KubernetesClient as helm's storage driver uses them.</summary>
public class HelmReleaseSecretTests
{
    private static V1Secret Release(string name, int version, byte[] payload, string status) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"sh.helm.release.v1.{name}.v{version}",
            Labels = new Dictionary<string, string> { ["owner"] = "helm", ["name"] = name, ["status"] = status, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        Type = "helm.sh/release.v1",
        Data = new Dictionary<string, byte[]> { ["release"] = payload },
    };

    [Fact]
    public async Task Release_secrets_of_hundreds_of_KB_are_stored_listed_by_helms_labels_and_superseded()
    {
        await using var sim = await SimulatorScope.StartAsync();
        // Helm stores base64(gzip(release JSON)); random bytes stand for it and do not compress.
        var first = RandomNumberGenerator.GetBytes(600 * 1024);
        var second = RandomNumberGenerator.GetBytes(700 * 1024);

        await sim.Client.CoreV1.CreateNamespacedSecretAsync(Release("ako", 1, first, "deployed"), "avi-system");
        var v1 = await sim.Client.CoreV1.ReadNamespacedSecretAsync("sh.helm.release.v1.ako.v1", "avi-system");
        v1.Metadata.Labels["status"] = "superseded";
        await sim.Client.CoreV1.ReplaceNamespacedSecretAsync(v1, "sh.helm.release.v1.ako.v1", "avi-system");
        await sim.Client.CoreV1.CreateNamespacedSecretAsync(Release("ako", 2, second, "deployed"), "avi-system");

        var releases = (await sim.Client.CoreV1.ListNamespacedSecretAsync("avi-system", labelSelector: "owner=helm,name=ako")).Items;
        Assert.Equal(["superseded", "deployed"], releases.OrderBy(s => s.Metadata.Labels["version"], StringComparer.Ordinal).Select(s => s.Metadata.Labels["status"]));
        var deployed = (await sim.Client.CoreV1.ListNamespacedSecretAsync("avi-system", labelSelector: "owner=helm,name=ako,status=deployed")).Items.Single();
        Assert.Equal("helm.sh/release.v1", deployed.Type);
        Assert.Equal(second, deployed.Data["release"]);
        Assert.Equal(first, (await sim.Client.CoreV1.ReadNamespacedSecretAsync("sh.helm.release.v1.ako.v1", "avi-system")).Data["release"]);
    }

    [Fact]
    public async Task A_secret_over_one_MiB_is_refused_as_kube_apiserver_refuses_it()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var tooBig = Release("big", 1, RandomNumberGenerator.GetBytes((1024 * 1024) + 1), "deployed");

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.CreateNamespacedSecretAsync(tooBig, "avi-system"));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains("data: Too long: may not be more than 1048576 bytes", refused.Response.Content, StringComparison.Ordinal);
        Assert.Empty((await sim.Client.CoreV1.ListNamespacedSecretAsync("avi-system", labelSelector: "owner=helm")).Items);
    }
}
