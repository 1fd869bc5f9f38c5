using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using static AkoActors.EndToEnd.Tests.BadInput.CorpusObjects;

namespace AkoActors.EndToEnd.Tests.BadInput;

/// <summary>The bad-input corpus (issue 10 point 7): inputs the Kubernetes API accepts but the controller cannot serve as
/// asked, as data. Each family varies the input; every case lives in its own namespace (or names its own Node), so its
/// traces on the controller can be found by name.</summary>
public static class BadInputCorpus
{
    public const string ConfigMapNamespace = "avi-system";
    public const string ConfigMapName = "avi-k8s-config";

    /// <summary>Every case; <paramref name="certificates"/> makes the TLS material, <paramref name="now"/> dates it.</summary>
    public static IReadOnlyList<BadInputCase> All(TestCertificates certificates, DateTimeOffset now)
    {
        var cases = new List<BadInputCase>();
        var next = 0;
        string Ns() => $"bad-{next++:000}";

        Services(cases, Ns);
        InfraSettings(cases, Ns);
        Ingresses(cases, Ns, certificates, now);
        Nodes(cases);
        LiveConfigMap(cases);
        return cases;
    }

    private static void Services(List<BadInputCase> cases, Func<string> ns)
    {
        foreach (var (port, i) in new[] { 80, 443, 2905, 3868, 9000, 36412 }.Select((p, i) => (p, i)))
        {
            var n = ns();
            cases.Add(new BadInputCase($"service/sctp-only/{i}", "UnsupportedProtocol", Svc(n), [$"{n}/lb", $"{port}/SCTP", "Use TCP or UDP"],
                [Namespace(n), LoadBalancer(n, "lb", (port, "SCTP"))]) { NeverOnAvi = [n] });
        }
        foreach (var ((tcp, sctp, other), i) in new[] { (80, 9000, "TCP"), (443, 2905, "TCP"), (8080, 8080, "TCP"), (53, 3868, "UDP"), (5060, 5060, "UDP"), (22, 36412, "TCP"), (8443, 7000, "TCP"), (1812, 1813, "UDP"), (25, 38412, "TCP") }
                     .Select((p, i) => (p, i)))
        {
            var n = ns();
            cases.Add(new BadInputCase($"service/sctp-beside-{other.ToLowerInvariant()}/{i}", "UnsupportedProtocol", Svc(n),
                [$"{n}/lb", $"{sctp}/SCTP", "are not served", "Move those ports to TCP or UDP"],
                [Namespace(n), LoadBalancer(n, "lb", (tcp, other), (sctp, "SCTP"))])
            {
                ServedStatusOn = Svc(n),
                NeverOnAvi = [$"{n}-lb-SCTP"],
                GoneAfterDelete = [n],
            });
        }
        foreach (var (port, i) in new[] { 80, 443, 8080, 9090, 5432, 6379 }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (port, "TCP"));
            service.Spec.IpFamilies = ["IPv6"];
            service.Spec.IpFamilyPolicy = "SingleStack";
            cases.Add(new BadInputCase($"service/ipv6-only/{i}", "IPv6Unsupported", Svc(n), [$"{n}/lb", "IPv6 only", "Set spec.ipFamilies to [IPv4]"],
                [Namespace(n), service]) { NeverOnAvi = [n] });
        }
        foreach (var (families, i) in new[] { new[] { "IPv4", "IPv6" }, ["IPv6", "IPv4"], ["IPv4", "IPv6"] }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (80 + i, "TCP"));
            service.Spec.IpFamilies = families;
            service.Spec.IpFamilyPolicy = "RequireDualStack";
            cases.Add(new BadInputCase($"service/dual-stack/{i}", "IPv6Unsupported", Svc(n), [$"{n}/lb", "dual-stack", "IPv4 VIP only"],
                [Namespace(n), service]) { ServedStatusOn = Svc(n), GoneAfterDelete = [n] });
        }
        var outside = new[]
        {
            "10.0.0.1", "192.168.0.10", "172.16.250.5", "172.16.252.1", "8.8.8.8", "1.1.1.1", "172.17.251.1", "10.244.1.5", "100.64.0.1",
            "203.0.113.7", "198.51.100.20", "172.16.0.1", "172.16.255.254", "127.0.0.2", "169.254.10.10", "224.0.0.5", "0.0.0.0",
            "255.255.255.255", "172.16.250.255", "11.11.11.11",
        };
        foreach (var (ip, i) in outside.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Spec.LoadBalancerIP = ip;
            cases.Add(new BadInputCase($"service/vip-outside-network/{i}", "InvalidLoadBalancerIP", Svc(n), [$"{n}/lb", ip, "pick an address inside it"],
                [Namespace(n), service]) { NeverOnAvi = [n] });
        }
        // Inside the VIP network 172.16.251.0/24, outside its static VIP range (.1-.100): only the controller can say no, and
        // its reason is passed on. The pool written beside the refused vsvip is removed again (VipReliabilityTests).
        foreach (var (ip, i) in new[] { "172.16.251.101", "172.16.251.180", "172.16.251.254" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Spec.LoadBalancerIP = ip;
            cases.Add(new BadInputCase($"service/vip-outside-range/{i}", "LoadBalancerIPRefused", Svc(n), [$"{n}/lb", ip, "not in the VIP ranges", "static ranges"],
                [Namespace(n), service]) { GoneAfterDelete = [n] });
        }
        var notAddresses = new[]
        {
            "abc", "172.16.251", "172.16.251.300", "not-an-ip", "1.2.3.4.5", "::zz", "vip", "172.16.251.10/32", "172.16.251.x", "10..0.1",
            "one.two.three.four", "172,16,251,10", "auto", "-1", "172.16.251.10:80",
        };
        foreach (var (text, i) in notAddresses.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Metadata.Annotations = new Dictionary<string, string> { ["ako.vmware.com/load-balancer-ip"] = text };
            cases.Add(new BadInputCase($"service/vip-annotation-not-an-ip/{i}", "InvalidLoadBalancerIP", Svc(n), [$"{n}/lb", $"'{text}'", "not an IP address", "remove the request"],
                [Namespace(n), service]) { NeverOnAvi = [n] });
        }
        foreach (var (name, i) in new[] { "no-such-slice", "team-blue" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Metadata.Annotations = new Dictionary<string, string> { ["aviinfrasetting.ako.vmware.com/name"] = name };
            cases.Add(new BadInputCase($"service/infra-setting-missing/{i}", "InfraSettingNotApplied", Svc(n),
                [$"{n}/lb", $"there is no AviInfraSetting {name}", "create it or correct the name", "controller's own settings"],
                [Namespace(n), service]) { ServedStatusOn = Svc(n), GoneAfterDelete = [n] });
        }
        {
            var n = ns();
            var annotated = Namespace(n);
            annotated.Metadata.Annotations = new Dictionary<string, string> { ["aviinfrasetting.ako.vmware.com/name"] = "no-such-slice" };
            cases.Add(new BadInputCase("service/namespace-infra-setting-missing/0", "InfraSettingNotApplied", Svc(n),
                [$"{n}/lb", $"on Namespace {n}", "there is no AviInfraSetting no-such-slice", "create it or correct the name"],
                [annotated, LoadBalancer(n, "lb", (80, "TCP"))]) { ServedStatusOn = Svc(n), GoneAfterDelete = [n] });
        }
        foreach (var (ip, i) in new[] { "fd00::5", "2001:db8::1", "::1", "fe80::1" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Metadata.Annotations = new Dictionary<string, string> { ["ako.vmware.com/load-balancer-ip"] = ip };
            cases.Add(new BadInputCase($"service/vip-ipv6/{i}", "InvalidLoadBalancerIP", Svc(n), [$"{n}/lb", ip, "outside the VIP network", "pick an address inside it"],
                [Namespace(n), service]) { NeverOnAvi = [n] });
        }
    }

    /// <summary>Garbage AviInfraSettings, each attached by a LoadBalancer Service's annotation (some also by another namespace's
    /// IngressClass): Rejected with the reason and the fix, nothing of them on the controller, the Service and Ingress served
    /// with the controller's own settings; the corrected setting is then Accepted.</summary>
    private static void InfraSettings(List<BadInputCase> cases, Func<string> ns)
    {
        // The default profile's cloud is vCenter, its SE group Default-Group, its VIP network alb-vip (172.16.251.0/24).
        var fixedSpec = JsonNode.Parse("""{"network":{"vipNetworks":[{"networkName":"alb-vip","cidr":"172.16.251.0/24"}]}}""")!.AsObject();
        var garbage = new List<(string Kind, string Spec, string[] Mentions, string[] NeverOnAvi)>();
        foreach (var group in new[] { "no-such-se-group", "Default-Group-typo", "team-red-se" })
        {
            garbage.Add(("se-group-missing", """{"seGroup":{"name":"@@"}}""".Replace("@@", group, StringComparison.Ordinal),
                [$"serviceenginegroup \"{group}\"", "spec.seGroup.name", "not found on the Avi Controller", "create it there or fix the name"], [group]));
        }
        foreach (var network in new[] { "no-such-vip-net", "alb-vip-typo", "red-vip" })
        {
            garbage.Add(("vip-network-missing", """{"network":{"vipNetworks":[{"networkName":"@@","cidr":"172.16.252.0/24"}]}}""".Replace("@@", network, StringComparison.Ordinal),
                [$"network \"{network}\"", "spec.network.vipNetworks", "create it there or fix the name"], [network]));
        }
        garbage.Add(("vip-network-uuid-missing", """{"network":{"vipNetworks":[{"networkUUID":"network-0badc0de"}]}}""",
            ["network with uuid \"network-0badc0de\"", "spec.network.vipNetworks", "fix the uuid"], ["network-0badc0de"]));
        garbage.Add(("node-network-missing", """{"network":{"nodeNetworks":[{"networkName":"no-such-node-net","cidrs":["10.1.0.0/16"]}]}}""",
            ["network \"no-such-node-net\"", "spec.network.nodeNetworks", "create it there or fix the name"], ["no-such-node-net"]));
        foreach (var cidr in new[] { "10.10.10.0/33", "not-a-cidr", "300.1.1.0/24", "2002::/64" })
        {
            garbage.Add(("vip-cidr-invalid", """{"network":{"vipNetworks":[{"networkName":"alb-vip","cidr":"@@"}]}}""".Replace("@@", cidr, StringComparison.Ordinal),
                [$"invalid CIDR configuration {cidr}", "write it as address/prefix"], []));
        }
        garbage.Add(("vip-v6cidr-invalid", """{"network":{"vipNetworks":[{"networkName":"alb-vip","v6cidr":"10.0.0.0/8"}]}}""",
            ["invalid IPv6 CIDR configuration 10.0.0.0/8", "write it as address/prefix"], []));
        garbage.Add(("node-cidr-invalid", """{"network":{"nodeNetworks":[{"networkName":"alb-vip","cidrs":["10.1.0.0/99"]}]}}""",
            ["invalid CIDR 10.1.0.0/99", "spec.network.nodeNetworks", "write it as address/prefix"], []));
        garbage.Add(("vip-network-name-empty", """{"network":{"vipNetworks":[{"networkName":""}]}}""",
            ["vipNetworks entry names no network", "give it networkName or networkUUID"], []));
        garbage.Add(("se-group-name-empty", """{"seGroup":{"name":""}}""",
            ["spec.seGroup.name is empty", "remove spec.seGroup"], []));
        garbage.Add(("bgp-labels-without-rhi", """{"network":{"bgpPeerLabels":["peer-red"]}}""",
            ["BGPPeerLabels cannot be set if EnableRhi is false", "set spec.network.enableRhi: true"], ["peer-red"]));
        garbage.Add(("listeners-without-ssl", """{"network":{"listeners":[{"port":8080},{"port":8443}]}}""",
            ["must have SSL enabled", "set enableSSL: true"], []));
        foreach (var t1 in new[] { "/infra/tier-1s/red", "/orgs/default/projects/p/vpcs/v" })
        {
            garbage.Add(("t1lr-off-nsx-t", """{"nsxSettings":{"t1lr":"@@"}}""".Replace("@@", t1, StringComparison.Ordinal),
                [$"spec.nsxSettings.t1lr {t1}", "CLOUD_VCENTER", "remove spec.nsxSettings"], [t1]));
        }
        garbage.Add(("several-problems", """{"seGroup":{"name":""},"network":{"vipNetworks":[{"networkName":"alb-vip","cidr":"bad"}],"bgpPeerLabels":["peer-blue"]}}""",
            ["spec.seGroup.name is empty", "remove spec.seGroup"], ["peer-blue"]));

        foreach (var ((kind, spec, mentions, neverOnAvi), i) in garbage.Select((g, i) => (g, i)))
        {
            var n = ns();
            var name = $"{n}-slice";
            var setting = new AviInfraSettingObject(name, JsonNode.Parse(spec)!.AsObject());
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Metadata.Annotations = new Dictionary<string, string> { [InfraSettingAnnotation] = name };
            List<IKubernetesObject> objects = [Namespace(n), setting, service];
            // Every third setting is also the parameters of another namespace's IngressClass: several namespaces wait on it.
            var other = i % 3 == 0 ? ns() : null;
            if (other is not null)
            {
                var className = $"{other}-class";
                var ingress = Ingress(other, "site", [Rule($"{other}.{DnsDomain}", Path())]);
                ingress.Spec.IngressClassName = className;
                objects.AddRange([Namespace(other), Web(other), ClassFor(className, name), ingress]);
            }
            cases.Add(new BadInputCase($"aviinfrasetting/{kind}/{i}", "Rejected", new EventTarget("AviInfraSetting", null, name), mentions, objects)
            {
                ServedStatusOn = Svc(n),
                NeverOnAvi = [.. neverOnAvi, name],
                GoneAfterDelete = other is null ? [n] : [n, other],
                Fixed = new AviInfraSettingObject(name, fixedSpec),
            });
        }
        // The Services attached to a Rejected setting hear why they are on the controller's own settings.
        for (var i = 0; i < 2; i++)
        {
            var n = ns();
            var name = $"{n}-slice";
            var service = LoadBalancer(n, "lb", (80, "TCP"));
            service.Metadata.Annotations = new Dictionary<string, string> { [InfraSettingAnnotation] = name };
            cases.Add(new BadInputCase($"service/infra-setting-rejected/{i}", "InfraSettingNotApplied", Svc(n),
                [$"{n}/lb", $"AviInfraSetting {name} is Rejected", "spec.seGroup.name is empty", "fix it"],
                [Namespace(n), new AviInfraSettingObject(name, JsonNode.Parse("""{"seGroup":{"name":""}}""")!.AsObject()), service])
            {
                ServedStatusOn = Svc(n),
                NeverOnAvi = [name],
                GoneAfterDelete = [n],
                Fixed = new AviInfraSettingObject(name, fixedSpec),
            });
        }
    }

    private const string InfraSettingAnnotation = "aviinfrasetting.ako.vmware.com/name";

    private static V1IngressClass ClassFor(string className, string setting) => new()
    {
        Metadata = new V1ObjectMeta { Name = className },
        Spec = new V1IngressClassSpec
        {
            Controller = "ako.vmware.com/avi-lb",
            Parameters = new V1IngressClassParametersReference { ApiGroup = "ako.vmware.com", Kind = "AviInfraSetting", Name = setting, Scope = "Cluster" },
        },
    };

    private static void Ingresses(List<BadInputCase> cases, Func<string> ns, TestCertificates certificates, DateTimeOffset now)
    {
        for (var i = 0; i < 14; i++)
        {
            var n = ns();
            var bare = $"{n}-bare.{DnsDomain}";
            var served = i % 2 == 1;
            IEnumerable<V1IngressRule> rules = served ? [Rule(bare), Rule($"{n}-ok.{DnsDomain}", Path())] : [Rule(bare)];
            cases.Add(IngressCase($"ingress/host-without-paths/{i}", "HostWithoutPaths", n, [bare, "has no http.paths", "Add a path"], served,
                [Namespace(n), Web(n), Ingress(n, "site", rules)]) with { NeverOnAvi = [bare] });
        }
        foreach (var (path, i) in new[] { "/", "/api", "/v1/items", "/static", "/a", "/login" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            cases.Add(IngressCase($"ingress/rule-without-host/{i}", "HostRequired", n, [$"{n}/site", "without a host", "Give the rule a host"], served: true,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule(null, Path(path)), Rule($"{n}-ok.{DnsDomain}", Path())])]));
        }
        for (var i = 0; i < 4; i++)
        {
            var n = ns();
            var backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } };
            cases.Add(IngressCase($"ingress/default-backend/{i}", "DefaultBackendUnsupported", n, [$"{n}/site", "defaultBackend", "add a rule with a host"], served: true,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule($"{n}-ok.{DnsDomain}", Path())], defaultBackend: backend)]));
        }
        for (var i = 0; i < 6; i++)
        {
            var n = ns();
            var extra = $"{n}-tls-only.{DnsDomain}";
            var ok = $"{n}-ok.{DnsDomain}";
            cases.Add(IngressCase($"ingress/tls-host-without-rule/{i}", "TlsHostWithoutRule", n, [$"{n}/site", extra, $"Add a rule for {extra}"], served: true,
                [Namespace(n), Web(n), TlsSecret(n, "cert", certificates.CertificatePem(ok, now.AddDays(-1), now.AddDays(90)), certificates.KeyPem),
                 Ingress(n, "site", [Rule(ok, Path())], [Tls("cert", ok, extra)])]) with { NeverOnAvi = [extra] });
        }
        for (var i = 0; i < 5; i++)
        {
            var n = ns();
            var host = $"{n}-secure.{DnsDomain}";
            cases.Add(IngressCase($"ingress/tls-without-secret-name/{i}", "MissingTlsSecret", n, [$"{n}/site", host, "without a secretName", "Set spec.tls[].secretName"], served: false,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule(host, Path())], [Tls(null, host)])]) with { NeverOnAvi = [host] });
        }
        foreach (var (secret, i) in new[] { "cert", "missing", "tls-prod", "wildcard-cert", "site-tls", "letsencrypt", "ca", "x" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var host = $"{n}-secure.{DnsDomain}";
            cases.Add(IngressCase($"ingress/secret-missing/{i}", "MissingTlsSecret", n, [$"{n}/site", secret, "does not exist", "kubernetes.io/tls"], served: false,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule(host, Path())], [Tls(secret, host)])]) with { NeverOnAvi = [host] });
        }
        for (var i = 0; i < 5; i++)
        {
            var n = ns();
            var host = $"{n}-secure.{DnsDomain}";
            cases.Add(IngressCase($"ingress/secret-not-tls-type/{i}", "MissingTlsSecret", n, [$"{n}/site", "cert", "kubernetes.io/tls"], served: false,
                [Namespace(n), Web(n), OpaqueSecret(n, "cert", certificates.CertificatePem(host, now.AddDays(-1), now.AddDays(30)), certificates.KeyPem),
                 Ingress(n, "site", [Rule(host, Path())], [Tls("cert", host)])]) with { NeverOnAvi = [host] });
        }
        var good = certificates.CertificatePem("valid.example", now.AddDays(-1), now.AddDays(30));
        var unusable = new (string Certificate, string Key)[]
        {
            ("hello", certificates.KeyPem),
            ("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", certificates.KeyPem),
            (good[..(good.Length / 2)], certificates.KeyPem),
            (good, certificates.OtherKeyPem),
            (good, "not a key"),
            (good, good),
            (certificates.KeyPem, certificates.KeyPem),
            ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", certificates.KeyPem),
            (good, certificates.KeyPem[..(certificates.KeyPem.Length / 2)]),
            (string.Empty.PadLeft(64, 'A'), certificates.KeyPem),
        };
        foreach (var ((crt, key), i) in unusable.Select((p, i) => (p, i)))
        {
            var n = ns();
            var host = $"{n}-secure.{DnsDomain}";
            cases.Add(IngressCase($"ingress/secret-unusable/{i}", "InvalidTlsSecret", n, [$"{n}/cert", $"{n}/site", "Put a PEM certificate and its own"], served: false,
                [Namespace(n), Web(n), TlsSecret(n, "cert", crt, key), Ingress(n, "site", [Rule(host, Path())], [Tls("cert", host)])]) with { NeverOnAvi = [host] });
        }
        foreach (var (daysAgo, i) in new[] { 1, 2, 7, 30, 90, 365, 400, 1000, 3, 14 }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var host = $"{n}-secure.{DnsDomain}";
            cases.Add(IngressCase($"ingress/certificate-expired/{i}", "CertificateExpired", n, [$"{n}/cert", $"{n}/site", "expired on", "Renew the certificate"], served: true,
                [Namespace(n), Web(n), TlsSecret(n, "cert", certificates.CertificatePem(host, now.AddDays(-daysAgo - 30), now.AddDays(-daysAgo)), certificates.KeyPem),
                 Ingress(n, "site", [Rule(host, Path())], [Tls("cert", host)])]));
        }
        foreach (var (daysAhead, i) in new[] { 1, 2, 10, 100, 365 }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var host = $"{n}-secure.{DnsDomain}";
            cases.Add(IngressCase($"ingress/certificate-not-yet-valid/{i}", "CertificateNotYetValid", n, [$"{n}/cert", $"{n}/site", "not valid before", "issue a certificate valid from now"], served: true,
                [Namespace(n), Web(n), TlsSecret(n, "cert", certificates.CertificatePem(host, now.AddDays(daysAhead), now.AddDays(daysAhead + 90)), certificates.KeyPem),
                 Ingress(n, "site", [Rule(host, Path())], [Tls("cert", host)])]));
        }
        foreach (var (service, i) in new[] { "api", "backend", "web-v2", "frontend", "missing", "svc", "app", "db" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            cases.Add(IngressCase($"ingress/unknown-backend/{i}", "UnknownBackend", n, [$"{n}/site", $"{n}/{service}", "does not exist", "Create the Service"], served: true,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule($"{n}-ok.{DnsDomain}", Path("/", service))])]));
        }
        foreach (var ((number, name), i) in new (int?, string?)[] { (81, null), (8080, null), (443, null), (9000, null), (1, null), (65535, null), (null, "https"), (null, "metrics") }.Select((p, i) => (p, i)))
        {
            var n = ns();
            cases.Add(IngressCase($"ingress/unknown-backend-port/{i}", "UnknownBackendPort", n, [$"{n}/site", $"{n}/web", "has no port", "Use a port the Service has"], served: true,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule($"{n}-ok.{DnsDomain}", Path("/", "web", number, name))])]));
        }
        for (var i = 0; i < 4; i++)
        {
            var n = ns();
            var host = $"{n}-bucket.{DnsDomain}";
            var path = new V1HTTPIngressPath
            {
                Path = "/",
                PathType = "Prefix",
                Backend = new V1IngressBackend { Resource = new V1TypedLocalObjectReference { ApiGroup = "k8s.example.com", Kind = "StorageBucket", Name = $"bucket-{i}" } },
            };
            cases.Add(IngressCase($"ingress/resource-backend/{i}", "UnsupportedBackend", n, [$"{n}/site", "StorageBucket", "Use a Service backend"], served: false,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule(host, path)])]) with { NeverOnAvi = [host] });
        }
        for (var i = 0; i < 5; i++)
        {
            var n = ns();
            var host = $"{n}-shared.{DnsDomain}";
            cases.Add(new BadInputCase($"ingress/duplicate-host-path/{i}", "DuplicateHostPath", new EventTarget("Ingress", n, "second"),
                [$"{n}/second", $"{n}/first", host, "Use another host or path"],
                [Namespace(n), Web(n), Ingress(n, "first", [Rule(host, Path())]), Ingress(n, "second", [Rule(host, Path())])])
            {
                ServedStatusOn = new EventTarget("Ingress", n, "first"),
                GoneAfterDelete = [n],
            });
        }
        foreach (var (domain, i) in new[] { "example.org", "corp.internal", "example.com", "ako.example.net", "test", "local.dev" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var host = $"{n}.{domain}";
            cases.Add(IngressCase($"ingress/host-outside-dns-domains/{i}", "HostOutsideDnsDomains", n, [$"{n}/site", host, "not registered in the Avi DNS", "add the record in your own DNS"], served: true,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule(host, Path())])]));
        }
        foreach (var (kind, i) in new[] { "AviInfraSetting", "AviInfraSetting", "AviInfraSetting", "IngressParameters" }.Select((p, i) => (p, i)))
        {
            var n = ns();
            var className = $"{n}-class";
            var ingressClass = new V1IngressClass
            {
                Metadata = new V1ObjectMeta { Name = className },
                Spec = new V1IngressClassSpec
                {
                    Controller = "ako.vmware.com/avi-lb",
                    Parameters = new V1IngressClassParametersReference { ApiGroup = "ako.vmware.com", Kind = kind, Name = $"infra-{i}", Scope = "Cluster" },
                },
            };
            var ingress = Ingress(n, "site", [Rule($"{n}-ok.{DnsDomain}", Path())]);
            ingress.Spec.IngressClassName = className;
            // An AviInfraSetting that does not exist: served on the controller's own shared VSes, with the reason; parameters of
            // another kind are not AKO's and are ignored.
            cases.Add(kind == "AviInfraSetting"
                ? IngressCase($"ingressclass/infra-setting-missing/{i}", "InfraSettingNotApplied", n,
                    [$"Ingress {n}/site", $"AviInfraSetting infra-{i}", $"spec.parameters of IngressClass {className}", "create it or correct the name"], served: true,
                    [Namespace(n), Web(n), ingressClass, ingress])
                : IngressCase($"ingressclass/parameters-not-applied/{i}", "IngressClassParametersIgnored", n,
                    [$"{n}/site", className, $"{kind} infra-{i}", "remove spec.parameters"], served: true,
                    [Namespace(n), Web(n), ingressClass, ingress]));
        }
        for (var i = 0; i < 4; i++)
        {
            var n = ns();
            var host = $"*.{n}.{DnsDomain}";
            cases.Add(IngressCase($"ingress/wildcard-host/{i}", "WildcardNotInDns", n, [$"{n}/site", host, "Add the DNS record in your own DNS"], served: true,
                [Namespace(n), Web(n), Ingress(n, "site", [Rule(host, Path())])]));
        }
    }

    private static void Nodes(List<BadInputCase> cases)
    {
        var annotations = new[] { "10.250.0.0/33", "garbage", "10.250.1.0/24,bad", "10.250.x.0/24", "10.250.4.0-24", "/24", "10.250.6.0/24;10.250.7.0/24", "fd00::/200" };
        foreach (var (annotation, i) in annotations.Select((p, i) => (p, i)))
        {
            var name = $"bad-node-a{i}";
            var specCidr = $"10.249.{i}.0/24";
            cases.Add(new BadInputCase($"node/pod-cidrs-annotation-unparsable/{i}", "InvalidPodCIDRAnnotation", new EventTarget("Node", null, name),
                [$"node {name}", annotation, "until it is fixed"],
                [Node(name, specCidr, $"172.30.0.{i + 1}", new Dictionary<string, string> { ["ako.vmware.com/pod-cidrs"] = annotation })])
            { NeverOnAvi = [$"10.249.{i}.0", $"172.30.0.{i + 1}\""] });
        }
        for (var i = 0; i < 5; i++)
        {
            var name = $"bad-node-b{i}";
            cases.Add(new BadInputCase($"node/no-internal-ip/{i}", "NodeWithoutInternalIP", new EventTarget("Node", null, name),
                [$"Node {name}", "no InternalIP", "until the kubelet reports one"],
                [Node(name, $"10.248.{i}.0/24", null)]) { NeverOnAvi = [$"10.248.{i}.0"] });
        }
        for (var i = 0; i < 5; i++)
        {
            var name = $"bad-node-c{i}";
            cases.Add(new BadInputCase($"node/ipv6-cidr-without-ipv6-address/{i}", "PodCIDRFamilyMismatch", new EventTarget("Node", null, name),
                [$"node {name}", $"fd00:{i + 1}::/64", "no IPv6 InternalIP", "Give the node an IPv6 InternalIP"],
                [Node(name, $"fd00:{i + 1}::/64", $"172.31.0.{i + 1}")]) { NeverOnAvi = [$"fd00:{i + 1}::", $"172.31.0.{i + 1}\""] });
        }
    }

    private static void LiveConfigMap(List<BadInputCase> cases)
    {
        var values = new (string Key, string Value)[]
        {
            ("logLevel", "LOUD"), ("logLevel", "trace"), ("logLevel", "verbose"), ("logLevel", "5"), ("logLevel", "INFO,DEBUG"),
            ("enableEvents", "maybe"), ("enableEvents", "yes please"), ("enableEvents", "2"), ("enableEvents", "on-ish"),
            ("deleteConfig", "soon"), ("deleteConfig", "yes-delete"), ("deleteConfig", "-1"), ("deleteConfig", "tru"),
        };
        foreach (var ((key, value), i) in values.Select((p, i) => (p, i)))
        {
            cases.Add(new BadInputCase($"configmap/{key}/{i}", "InvalidLiveSetting", new EventTarget("ConfigMap", ConfigMapNamespace, ConfigMapName),
                [$"ConfigMap {ConfigMapNamespace}/{ConfigMapName}", $"'{value}'", $"the controller keeps {key}=", "Fix the value"],
                [new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = ConfigMapName, NamespaceProperty = ConfigMapNamespace },
                    Data = new Dictionary<string, string> { [key] = value },
                }]));
        }
    }

    private static EventTarget Svc(string ns) => new("Service", ns, "lb");

    private static BadInputCase IngressCase(string id, string reason, string ns, IReadOnlyList<string> mentions, bool served, IReadOnlyList<IKubernetesObject> objects) =>
        new(id, reason, new EventTarget("Ingress", ns, "site"), mentions, objects)
        {
            ServedStatusOn = served ? new EventTarget("Ingress", ns, "site") : null,
            NeverOnAvi = served ? [] : [ns],
            GoneAfterDelete = [ns],
        };
}
