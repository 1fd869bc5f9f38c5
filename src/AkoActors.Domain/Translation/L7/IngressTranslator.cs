using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation.L7;

/// <summary>Translates one Ingress into its contributions to the shared L7 virtual services (ako-behaviour.md §4): which
/// hosts go to which shard, each path's match and servers, and each TLS host's Secret.</summary>
/// <remarks>Problems with one host or path are reported and that part is skipped; the rest of the Ingress is served.</remarks>
public static partial class IngressTranslator
{
    /// <summary>The pre-IngressClass annotation AKO still honours (value <c>avi</c>).</summary>
    public const string LegacyClassAnnotation = "kubernetes.io/ingress.class";

    /// <summary>True when this controller implements the Ingress: its class is ours, or it has none and ours is the default.</summary>
    public static bool IsHandled(IngressSnapshot ingress, IClusterState cluster, AkoSettings settings)
    {
        if (ingress.IsDeleting) return false;
        if (!settings.IsNamespaceHandled(ingress.Key.Namespace, cluster.GetNamespace(ingress.Key.Namespace)?.Labels ?? LabelSet.Empty)) return false;
        if (ingress.IngressClassName is { } className)
        {
            return cluster.GetIngressClass(className)?.Controller == IngressClassSnapshot.AviController;
        }
        if (ingress.Annotations.GetValueOrDefault(LegacyClassAnnotation) is { } legacy) return legacy == "avi";
        return cluster.GetIngressClasses().Any(c => c.IsDefault && c.Controller == IngressClassSnapshot.AviController);
    }

    /// <summary>The class that makes the Ingress ours: its own, else (no class, no legacy annotation) the default one.</summary>
    private static IngressClassSnapshot? ClassOf(IngressSnapshot ingress, IClusterState cluster) =>
        ingress.IngressClassName is { } className
            ? cluster.GetIngressClass(className)
            : ingress.Annotations.ContainsKey(LegacyClassAnnotation)
                ? null
                : cluster.GetIngressClasses().FirstOrDefault(c => c.IsDefault && c.Controller == IngressClassSnapshot.AviController);

    public static IngressTranslation Translate(IngressSnapshot? ingress, IClusterState cluster, TranslationContext context)
    {
        var settings = context.Settings;
        if (ingress is null || !IsHandled(ingress, cluster, settings)) return IngressTranslation.NotHandled;

        var key = ingress.Key;
        var problems = new List<UserProblem>();
        var ingressClass = ClassOf(ingress, cluster);
        var request = IngressInfraSetting.RequestedBy(ingressClass);
        if (ingressClass is { Parameters: { } parameters } && request is null)
        {
            problems.Add(new UserProblem("IngressClassParametersIgnored",
                $"Ingress {key} uses IngressClass {ingressClass.Name}, whose spec.parameters ({parameters}) name no AviInfraSetting (apiGroup ako.vmware.com, " +
                "kind AviInfraSetting); its hosts are placed with the controller's own settings. Name an AviInfraSetting there, or remove spec.parameters"));
        }
        var (setting, waiting, settingProblem) = IngressInfraSetting.Resolve(request, cluster, $"Ingress {key}");
        // A setting being checked (new or edited): its hosts stay where they are until it is decided.
        if (waiting) return new IngressTranslation(true, IngressTranslation.NotHandled.ByVirtualService, problems) { AwaitingInfraSetting = request!.Name };
        if (settingProblem is not null) problems.Add(settingProblem);
        if (IngressInfraSetting.FamilyOf(setting, settings) is not { } family)
        {
            problems.Add(new UserProblem("DedicatedUnsupported", setting is null
                ? $"Ingress {key} is not served: L7Settings.shardVSSize DEDICATED (one VS per host) is not implemented yet; use LARGE, MEDIUM or SMALL"
                : $"Ingress {key} is not served: AviInfraSetting {setting.Key.Name} asks for spec.l7Settings.shardSize DEDICATED (one VS per host), which is not implemented yet; use LARGE, MEDIUM or SMALL"));
            return new IngressTranslation(true, IngressTranslation.NotHandled.ByVirtualService, problems);
        }

        var tls = TlsByHost(ingress, cluster, context, problems);
        if (ingress.DefaultBackend is not null)
        {
            problems.Add(new UserProblem("DefaultBackendUnsupported",
                $"Ingress {key} has a defaultBackend; shared virtual services route by host, so it is ignored (add a rule with a host instead)"));
        }

        var hosts = new SortedDictionary<string, List<PathRoute>>(StringComparer.Ordinal);
        foreach (var rule in ingress.Rules)
        {
            var host = rule.Host?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(host))
            {
                problems.Add(new UserProblem("HostRequired",
                    $"Ingress {key} has a rule without a host; shared virtual services place rules by host, so the rule is skipped. Give the rule a host"));
                continue;
            }
            if (!HostPattern().IsMatch(host))
            {
                problems.Add(new UserProblem("InvalidHost", $"Ingress {key}: '{host}' is not a valid host name; the rule is skipped. Use a DNS name (lower-case letters, digits, '-' and '.')"));
                continue;
            }
            if (rule.Paths.IsEmpty)
            {
                problems.Add(new UserProblem("HostWithoutPaths",
                    $"Ingress {key}: the rule for host {host} has no http.paths, so nothing is served for it. Add a path (e.g. / with pathType Prefix) and a Service backend"));
            }
            if (!hosts.TryGetValue(host, out var paths)) hosts[host] = paths = [];
            foreach (var path in rule.Paths)
            {
                if (Path(key, host, path, cluster, context, problems) is { } route) paths.Add(route);
            }
        }

        foreach (var (host, _) in tls.Where(t => !hosts.ContainsKey(t.Key)))
        {
            problems.Add(new UserProblem("TlsHostWithoutRule", $"Ingress {key} lists {host} under spec.tls but no rule for it; nothing is served for it. Add a rule for {host} or remove it from spec.tls"));
        }

        var byShard = new SortedDictionary<string, List<HostRoute>>(StringComparer.Ordinal);
        foreach (var (host, paths) in hosts)
        {
            TlsReference? reference = null;
            if (tls.TryGetValue(host, out var entry))
            {
                // A TLS host whose Secret is unusable is not served at all (not even over HTTP): the problem is reported above.
                if (entry is null) continue;
                reference = entry;
            }
            if (paths.Count == 0) continue;
            var vsName = family.VirtualServiceFor(host, context.Names);
            if (!byShard.TryGetValue(vsName, out var list)) byShard[vsName] = list = [];
            list.Add(new HostRoute(host, paths.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Exact).ToEquatableArray(), reference));
        }

        var contributions = byShard.ToImmutableSortedDictionary(
            kv => kv.Key,
            kv => new IngressContribution(key, ingress.CreationTimestamp, kv.Value.ToEquatableArray()),
            StringComparer.Ordinal);
        return new IngressTranslation(true, contributions, problems) { Family = family };
    }

    /// <summary>The controller's own shard VS names for the configured size (every VS an Ingress of a class without an
    /// AviInfraSetting could contribute to).</summary>
    public static IEnumerable<string> AllSharedVirtualServices(TranslationContext context) =>
        Enumerable.Range(0, (int)context.Settings.ShardVsSize.ShardCount()).Select(context.Names.SharedL7VirtualService);

    private static Dictionary<string, TlsReference?> TlsByHost(IngressSnapshot ingress, IClusterState cluster, TranslationContext context, List<UserProblem> problems)
    {
        var byHost = new Dictionary<string, TlsReference?>(StringComparer.Ordinal);
        foreach (var entry in ingress.Tls)
        {
            var hosts = entry.Hosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToList();
            if (hosts.Count == 0) continue;
            TlsReference? reference = null;
            if (entry.SecretName is not { Length: > 0 } secretName)
            {
                problems.Add(new UserProblem("MissingTlsSecret", $"Ingress {ingress.Key} lists TLS hosts {string.Join(", ", hosts)} without a secretName; they are not served. Set spec.tls[].secretName to a Secret of type kubernetes.io/tls"));
            }
            else if (cluster.GetSecret(ingress.Key.Namespace, secretName) is not { } secret)
            {
                problems.Add(new UserProblem("MissingTlsSecret",
                    $"Ingress {ingress.Key} names TLS Secret {secretName}, which does not exist in namespace {ingress.Key.Namespace} as a Secret of type kubernetes.io/tls; {string.Join(", ", hosts)} are served as soon as it does"));
            }
            else if (secret.Certificate is null || secret.KeyFingerprint is null)
            {
                problems.Add(new UserProblem("InvalidTlsSecret",
                    $"TLS Secret {ingress.Key.Namespace}/{secretName} of Ingress {ingress.Key} has no {(secret.Certificate is null ? "tls.crt" : "tls.key")}; {string.Join(", ", hosts)} are not served. Add it to the Secret"));
            }
            else if (TlsCertificateCheck.Check(secret, context.Clock.GetUtcNow()) is { } finding)
            {
                var problem = finding.Problem(ingress.Key, secret, hosts);
                problems.Add(problem);
                if (finding.Served) reference = new TlsReference(secretName, Fingerprint(secret));
            }
            else
            {
                reference = new TlsReference(secretName, Fingerprint(secret));
            }
            foreach (var host in hosts) byHost.TryAdd(host, reference);
        }
        return byHost;
    }

    private static PathRoute? Path(IngressKey key, string host, IngressPathSpec path, IClusterState cluster, TranslationContext context, List<UserProblem> problems)
    {
        var value = string.IsNullOrEmpty(path.Path) ? "/" : path.Path;
        if (!value.StartsWith('/'))
        {
            problems.Add(new UserProblem("InvalidPath", $"Ingress {key}: path '{value}' of {host} is not absolute; it is skipped. Start the path with /"));
            return null;
        }
        var exact = path.PathType == "Exact";
        if (path.Backend.ServiceName is not { Length: > 0 } serviceName)
        {
            problems.Add(new UserProblem("UnsupportedBackend", $"Ingress {key}: {host}{value} has a {path.Backend.ResourceKind} resource backend, which is not served. Use a Service backend"));
            return null;
        }
        var backend = $"{serviceName}:{path.Backend.Port}";
        var serviceKey = new ServiceKey(key.Namespace, serviceName);
        var service = cluster.GetService(serviceKey);
        if (service is null)
        {
            problems.Add(new UserProblem("UnknownBackend",
                $"Ingress {key}: Service {serviceKey} (backend of {host}{value}) does not exist; the path has no servers until it does. Create the Service or fix the backend's service name"));
            return new PathRoute(value, exact, backend, EquatableArray<PoolServer>.Empty);
        }
        var port = path.Backend.Port switch
        {
            { Number: { } number } => service.Ports.FirstOrDefault(p => p.Port == number),
            { Name: { } name } => service.Ports.FirstOrDefault(p => p.Name == name),
            _ => service.Ports.Count == 1 ? service.Ports[0] : null,
        };
        if (port is null)
        {
            problems.Add(new UserProblem("UnknownBackendPort",
                $"Ingress {key}: Service {serviceKey} has no port {path.Backend.Port} (backend of {host}{value}); the path has no servers until it does. Use a port the Service has"));
            return new PathRoute(value, exact, backend, EquatableArray<PoolServer>.Empty);
        }
        var slices = cluster.GetEndpointSlices(serviceKey);
        var servers = context.Settings.ServiceType == PoolServerMode.NodePort
            ? port.NodePort is { } nodePort
                ? NodePortServers.ForPort(nodePort, service.ExternalTrafficPolicyLocal, cluster.GetNodes(), slices, context.Settings.NodePortSelector)
                : []
            : EndpointServers.ForPort(port, slices);
        return new PathRoute(value, exact, backend, servers.ToEquatableArray());
    }

    /// <summary>Certificate and key together, from the key's fingerprint: the SNI child's certificate changes when either does.</summary>
    private static string Fingerprint(TlsSecretSnapshot secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Certificate + "\n" + secret.KeyFingerprint)))[..32];

    /// <summary>DNS-1123 labels, optionally under a leading wildcard label (<c>*.example.com</c>).</summary>
    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostPattern();
}
