using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>What a user reads off a Service in namespace default with kubectl: its ingress addresses, its Warning events.</summary>
internal static class ServiceProbes
{
    /// <summary>The Service's <c>status.loadBalancer.ingress[*].ip</c>, once there are <paramref name="count"/> of them.</summary>
    public static Task<string[]> IngressIpsAsync(ControllerWorld world, string name, int count) =>
        Eventually.GetAsync(async () =>
        {
            var text = (await world.Kubectl.RunAsync("get", "svc", name, "-o", "jsonpath={range .status.loadBalancer.ingress[*]}{.ip}{\" \"}{end}")).StandardOutput;
            var ips = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return ips.Length == count ? ips : null;
        }, $"{count} ingress address(es) on Service default/{name}", TimeSpan.FromSeconds(30));

    /// <summary>The message of the first event with <paramref name="reason"/> on the object named <paramref name="involved"/>
    /// in namespace default, once there is one.</summary>
    public static Task<string> EventAsync(ControllerWorld world, string involved, string reason) =>
        Eventually.GetAsync(async () =>
        {
            var message = (await world.Kubectl.RunAsync("get", "events", "--field-selector", $"involvedObject.name={involved},reason={reason}",
                "-o", "jsonpath={.items[0].message}")).StandardOutput.Trim();
            return message.Length > 0 ? message : null;
        }, $"a {reason} event on default/{involved}", TimeSpan.FromSeconds(30));

    /// <summary>The first Warning event with <paramref name="reason"/> on the Service, as "reason: message".</summary>
    public static Task<string> WarningAsync(ControllerWorld world, string name, string reason) =>
        Eventually.GetAsync(async () =>
        {
            var events = (await world.Kubectl.RunAsync("get", "events", "--field-selector", $"involvedObject.name={name},type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith(reason + ":", StringComparison.Ordinal));
        }, $"a {reason} Warning on Service default/{name}", TimeSpan.FromSeconds(30));
}
