using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 15 point 6: <c>ako.vmware.com/application-profile</c> on a LoadBalancer Service names its VS's
/// application profile, as AKO takes it; a profile the controller lacks is the controller's refusal, reported on the
/// Service, and fixing the annotation serves it.</summary>
public sealed class ApplicationProfileTests
{
    [Fact]
    public async Task The_annotated_profile_is_the_vs_profile_and_an_unknown_one_is_reported_on_the_service()
    {
        await using var world = await ControllerWorld.StartAsync();
        (await world.Kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata:
              name: resolver
              annotations: {ako.vmware.com/application-profile: No-Such-Profile}
            spec:
              type: LoadBalancer
              selector: {app: resolver}
              ports:
              - {protocol: UDP, port: 53, targetPort: 53}
            """, "apply", "-f", "-")).EnsureSuccess();

        var events = await Eventually.GetAsync(async () =>
        {
            var output = (await world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=resolver")).StandardOutput;
            return output.Contains("No-Such-Profile", StringComparison.Ordinal) ? output : null;
        }, "a Warning on resolver naming the missing profile", TimeSpan.FromSeconds(30));
        Assert.Contains("Warning", events, StringComparison.Ordinal);
        Assert.Null(world.AviObject("virtualservice", "avi-cluster--default-resolver"));

        (await world.Kubectl.RunAsync("annotate", "--overwrite", "svc", "resolver", "ako.vmware.com/application-profile=System-DNS")).EnsureSuccess();
        var dnsProfile = world.AviObject("applicationprofile", "System-DNS")!["uuid"]!.GetValue<string>();
        await Eventually.HoldsAsync(() => Task.FromResult(
                world.AviObject("virtualservice", "avi-cluster--default-resolver")?["application_profile_ref"]?.GetValue<string>()
                    .EndsWith(dnsProfile, StringComparison.Ordinal) == true),
            "the VS with application profile System-DNS", TimeSpan.FromSeconds(30));
    }
}
