using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Naming;

namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>Generates the Avi objects AKO would have left on its controller for given LoadBalancer Services and Ingresses,
/// as an AviSim <c>/sim/state</c> dump, so a takeover from AKO can be measured at any size without running AKO.</summary>
/// <remarks>Every shape is taken from the state AKO itself left on AviSim (<c>../shared/fixtures/ako-made</c>), and the
/// generator reproduces that state object for object when given the recorded scenario (<c>AkoMadeAviStateTests</c>):
/// per Service a vsvip, a pool per port (<c>-TCP-80</c>, <c>-UDP-53</c>), an L4 policy set with a rule per port and a VS
/// with a service entry per port (UDP with System-UDP-Fast-Path); per shard a shared parent VS (ports 80 and 443 SSL) with
/// AKO's pool group <c>&lt;c&gt;--Shared-L7-&lt;n&gt;</c> (priority labels <c>host/path</c>), the datascript set that selects
/// from it and, when the shard has TLS hosts, the HTTP→HTTPS redirect policy set; a pool per insecure host and path; per
/// TLS host an SNI child with its certificate, HTTP policy set and a pool group and pool per path. Markers
/// (<c>clustername</c>, Namespace, ServiceName, Host, Path, IngressName, Port, Protocol), <c>created_by: ako-&lt;c&gt;</c>,
/// <c>service_metadata</c> and <c>cloud_config_cksum</c> fields are written where AKO writes them. Checksum values are
/// AKO-like decimals, not AKO's own computation (which hashes its internal model). Fields AviSim fills itself (pool
/// defaults, VIP details, DNS record defaults) are left to it, as AKO leaves them to the controller. Object uuids are
/// deterministic (<c>type-00000000-0000-4000-8000-&lt;n&gt;</c>); refs are canonical <c>/api/type/uuid</c>.</remarks>
public sealed class AkoMadeAviState
{
    private readonly JsonObject _infrastructure;
    private readonly AkoMadeSettings _settings;
    private readonly Func<int, string> _shardVip;
    private readonly AviNames _names;
    private readonly Dictionary<string, JsonArray> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Name), string> _uuids = [];
    private readonly Dictionary<(string Type, string Name), string> _infrastructureRefs = [];
    private readonly SortedDictionary<int, Shard> _shards = [];
    private readonly List<JsonObject> _routes = [];
    private readonly string _subnetAddress;
    private readonly int _subnetMask;
    private long _nextUuid;

    /// <param name="infrastructure">A <c>/sim/state</c> dump of the controller before AKO ran (cloud, networks, profiles,
    /// health monitors...): the generated objects refer to these by uuid, found by name.</param>
    /// <param name="settings">AKO's settings.</param>
    /// <param name="shardVip">The VIP AKO got for shared VS number n.</param>
    public AkoMadeAviState(JsonObject infrastructure, AkoMadeSettings settings, Func<int, string> shardVip)
    {
        _infrastructure = infrastructure;
        _settings = settings;
        _shardVip = shardVip;
        _names = new AviNames(settings.ClusterName);
        var cidr = settings.VipCidr.Split('/');
        _subnetAddress = cidr[0];
        _subnetMask = int.Parse(cidr[1], CultureInfo.InvariantCulture);
    }

    private string CreatedBy => $"ako-{_settings.ClusterName}";

    /// <summary>The uuid the generated object of that type and name has (for AKO's host → VS uuid annotation).</summary>
    public string UuidOf(string type, string name) => Uuid(type, name);

    /// <summary>The VS a host of an Ingress is served by, as AKO's <c>host-fqdn-vs-uuid-map</c> names it: the SNI child
    /// of a TLS host, else the host's shared VS.</summary>
    public string HostVirtualServiceUuid(string host, bool tls) =>
        Uuid("virtualservice", tls ? _names.SniChild(host) : _names.SharedL7VirtualService(ShardOf(host)));

    /// <summary>The shard (shared VS number) AKO places a host on.</summary>
    public int ShardOf(string host) => AviNames.ShardIndex(host, _settings.ShardCount);

    /// <summary>The VIP of the shared VS a host is on.</summary>
    public string HostVip(string host) => _shardVip(ShardOf(host));

    /// <summary>The fqdn AKO's autoFQDN <c>default</c> gives a LoadBalancer Service.</summary>
    public string ServiceFqdn(string ns, string name) => $"{name}.{ns}.{_settings.DnsDomain}";

    public void Add(AkoMadeService service)
    {
        var key = new ServiceKey(service.Namespace, service.Name);
        var name = _names.L4VirtualService(key);
        var fqdn = ServiceFqdn(service.Namespace, service.Name);
        Emit("vsvip", name, VsVip(service.Vip, [fqdn]));
        var rules = new JsonArray();
        var entries = new JsonArray();
        foreach (var port in service.Ports)
        {
            var protocol = port.Protocol.ToUpperInvariant();
            var poolName = _names.L4Pool(key, protocol, port.Port);
            Emit("pool", poolName, new JsonObject
            {
                ["cloud_config_cksum"] = Checksum(poolName),
                ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
                ["created_by"] = CreatedBy,
                ["health_monitor_refs"] = new JsonArray(Infra("healthmonitor", protocol == "UDP" ? "System-UDP" : "System-TCP")),
                ["markers"] = Markers(("Namespace", service.Namespace), ("ServiceName", service.Name), ("Port", port.Port.ToString(CultureInfo.InvariantCulture))),
                ["servers"] = Servers(service.Endpoints, port.TargetPort),
                ["service_metadata"] = ServiceMetadata(hostnames: null, namespaceServiceNames: null),
                ["sni_enabled"] = false,
                ["vrf_ref"] = Infra("vrfcontext", "global"),
            });
            rules.Add(new JsonObject
            {
                ["action"] = new JsonObject { ["select_pool"] = new JsonObject { ["action_type"] = "L4_RULE_ACTION_SELECT_POOL", ["pool_ref"] = Ref("pool", poolName) } },
                ["index"] = rules.Count,
                ["match"] = new JsonObject
                {
                    ["port"] = new JsonObject { ["match_criteria"] = "IS_IN", ["ports"] = new JsonArray(port.Port) },
                    ["protocol"] = new JsonObject { ["match_criteria"] = "IS_IN", ["protocol"] = $"PROTOCOL_{protocol}" },
                },
                // AKO names each rule after its pool's name ref.
                ["name"] = $"/api/pool?name={poolName}",
            });
            var entry = new JsonObject { ["enable_http2"] = false, ["enable_ssl"] = false, ["port"] = port.Port, ["port_range_end"] = port.Port };
            if (protocol == "UDP") entry["override_network_profile_ref"] = Infra("networkprofile", "System-UDP-Fast-Path");
            entries.Add(entry);
        }
        var protocols = string.Join(',', service.Ports.Select(p => p.Protocol.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));
        Emit("l4policyset", name, new JsonObject
        {
            ["created_by"] = CreatedBy,
            ["l4_connection_policy"] = new JsonObject { ["rules"] = rules },
            ["markers"] = Markers(("Namespace", service.Namespace), ("ServiceName", service.Name), ("Protocol", protocols)),
        });
        Emit("virtualservice", name, new JsonObject
        {
            ["application_profile_ref"] = Infra("applicationprofile", "System-L4-Application"),
            ["cloud_config_cksum"] = Checksum(name),
            ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
            ["created_by"] = CreatedBy,
            ["error_page_profile_ref"] = "",
            ["l4_policies"] = new JsonArray(new JsonObject { ["index"] = 0, ["l4_policy_set_ref"] = Ref("l4policyset", name) }),
            ["markers"] = Markers(("Namespace", service.Namespace), ("ServiceName", service.Name)),
            ["network_profile_ref"] = Infra("networkprofile", "System-TCP-Proxy"),
            ["remove_listening_port_on_vs_down"] = true,
            ["se_group_ref"] = Infra("serviceenginegroup", "Default-Group"),
            ["service_metadata"] = ServiceMetadata(hostnames: [fqdn], namespaceServiceNames: [$"{service.Namespace}/{service.Name}"]),
            ["services"] = entries,
            ["vrf_context_ref"] = Infra("vrfcontext", "global"),
            ["vsvip_ref"] = Ref("vsvip", name),
        });
    }

    public void Add(AkoMadeIngress ingress)
    {
        foreach (var host in ingress.Hosts)
        {
            var shard = ShardFor(host.Host);
            shard.Hosts.Add(host.Host);
            if (host.Tls)
            {
                AddSniChild(ingress, host, shard);
                continue;
            }
            foreach (var path in host.Paths)
            {
                var poolName = _names.InsecurePool(host.Host, path.Path, ingress.Namespace, ingress.Name);
                Emit("pool", poolName, IngressPool(poolName, ingress, host.Host, path, withServiceName: false));
                shard.Members[$"{host.Host}{path.Path}"] = poolName;
            }
        }
    }

    /// <summary>The static route AKO keeps in VRF <c>global</c> for a node's pod CIDR (ClusterIP mode): labelled
    /// <c>clustername</c>, with a route id <c>&lt;c&gt;-&lt;uuid&gt;-&lt;i&gt;</c> whose uuid AKO draws per node and process.</summary>
    public void AddNodeRoute(string nodeAddress, string podCidr)
    {
        var cidr = podCidr.Split('/');
        _routes.Add(new JsonObject
        {
            ["labels"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = _settings.ClusterName }),
            ["next_hop"] = new JsonObject { ["addr"] = nodeAddress, ["type"] = "V4" },
            ["prefix"] = new JsonObject
            {
                ["ip_addr"] = new JsonObject { ["addr"] = cidr[0], ["type"] = "V4" },
                ["mask"] = int.Parse(cidr[1], CultureInfo.InvariantCulture),
            },
            ["route_id"] = $"{_settings.ClusterName}-00000000-0000-4000-8000-{_routes.Count + 1:x12}-0",
        });
    }

    /// <summary>The infrastructure and every generated object, as <c>/sim/state</c> holds them (type → objects). AKO's
    /// marks on the controller's own objects go in too: the SE group's <c>clustername</c> label and the node routes in
    /// VRF <c>global</c>.</summary>
    public JsonObject Build()
    {
        foreach (var (index, shard) in _shards) EmitShard(index, shard);
        var state = new JsonObject();
        foreach (var (type, list) in _infrastructure) state[type] = list!.DeepClone();
        foreach (var group in (state["serviceenginegroup"] as JsonArray ?? []).OfType<JsonObject>().Where(g => g["name"]?.GetValue<string>() == "Default-Group"))
        {
            group["labels"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = _settings.ClusterName });
        }
        foreach (var vrf in (state["vrfcontext"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["name"]?.GetValue<string>() == "global" && _routes.Count > 0))
        {
            if (vrf["static_routes"] is not JsonArray routes) vrf["static_routes"] = routes = [];
            foreach (var route in _routes) routes.Add(route.DeepClone());
        }
        foreach (var (type, list) in _objects)
        {
            if (state[type] is not JsonArray merged) state[type] = merged = [];
            foreach (var item in list) merged.Add(item!.DeepClone());
        }
        return state;
    }

    private void AddSniChild(AkoMadeIngress ingress, AkoMadeHost host, Shard shard)
    {
        if (ingress.CertificatePem is null || ingress.KeyPem is null)
        {
            throw new ArgumentException($"Ingress {ingress.Namespace}/{ingress.Name} has TLS host {host.Host} but no certificate and key", nameof(ingress));
        }
        shard.TlsHosts.Add(host.Host);
        var childName = _names.SniChild(host.Host);
        var certificateName = _names.Certificate(host.Host);
        Emit("sslkeyandcertificate", certificateName, new JsonObject
        {
            ["certificate"] = new JsonObject { ["certificate"] = ingress.CertificatePem },
            ["created_by"] = CreatedBy,
            ["key"] = ingress.KeyPem,
            ["markers"] = Markers(("Host", host.Host)),
            ["type"] = "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
        });
        var setName = _names.SniHttpPolicySet(ingress.Namespace, host.Host);
        var rules = new JsonArray();
        foreach (var path in host.Paths)
        {
            var poolName = _names.SniPool(ingress.Namespace, host.Host, path.Path, ingress.Name);
            Emit("pool", poolName, IngressPool(poolName, ingress, host.Host, path, withServiceName: true));
            Emit("poolgroup", poolName, new JsonObject
            {
                ["cloud_config_cksum"] = Checksum("pg" + poolName),
                ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
                ["created_by"] = CreatedBy,
                ["implicit_priority_labels"] = false,
                ["markers"] = Markers(("Namespace", ingress.Namespace), ("Host", host.Host), ("Path", path.Path), ("IngressName", ingress.Name)),
                ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = Ref("pool", poolName), ["ratio"] = 100 }),
                ["min_servers"] = 0,
            });
            rules.Add(new JsonObject
            {
                ["enable"] = true,
                ["index"] = rules.Count,
                ["match"] = new JsonObject
                {
                    ["path"] = new JsonObject { ["match_case"] = "SENSITIVE", ["match_criteria"] = "BEGINS_WITH", ["match_str"] = new JsonArray(path.Path) },
                },
                ["name"] = $"{setName}-{rules.Count}",
                ["switching_action"] = new JsonObject { ["action"] = "HTTP_SWITCHING_SELECT_POOLGROUP", ["pool_group_ref"] = Ref("poolgroup", poolName) },
            });
        }
        var firstPath = host.Paths.Count > 0 ? host.Paths[0].Path : "/";
        Emit("httppolicyset", setName, new JsonObject
        {
            ["cloud_config_cksum"] = Checksum(setName),
            ["created_by"] = CreatedBy,
            ["http_request_policy"] = new JsonObject { ["rules"] = rules },
            ["http_security_policy"] = new JsonObject(),
            ["markers"] = Markers(("Namespace", ingress.Namespace), ("Host", host.Host), ("Path", firstPath), ("IngressName", ingress.Name)),
        });
        Emit("virtualservice", childName, new JsonObject
        {
            ["application_profile_ref"] = Infra("applicationprofile", "System-Secure-HTTP"),
            ["cloud_config_cksum"] = Checksum(childName),
            ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
            ["created_by"] = CreatedBy,
            ["east_west_placement"] = false,
            ["error_page_profile_ref"] = "",
            ["http_policies"] = new JsonArray(new JsonObject { ["http_policy_set_ref"] = Ref("httppolicyset", setName), ["index"] = 11 }),
            ["ign_pool_net_reach"] = false,
            ["markers"] = Markers(("Namespace", ingress.Namespace), ("Host", host.Host)),
            ["network_profile_ref"] = Infra("networkprofile", "System-TCP-Proxy"),
            ["se_group_ref"] = Infra("serviceenginegroup", "Default-Group"),
            ["service_metadata"] = ServiceMetadata(hostnames: [host.Host], namespaceServiceNames: null,
                ns: ingress.Namespace, namespaceIngressNames: [$"{ingress.Namespace}/{ingress.Name}"]),
            ["ssl_key_and_certificate_refs"] = new JsonArray(Ref("sslkeyandcertificate", certificateName)),
            ["type"] = "VS_TYPE_VH_CHILD",
            ["vh_domain_name"] = new JsonArray(host.Host),
            ["vh_parent_vs_ref"] = Ref("virtualservice", _names.SharedL7VirtualService(ShardOf(host.Host))),
            ["vrf_context_ref"] = Infra("vrfcontext", "global"),
        });
    }

    private JsonObject IngressPool(string poolName, AkoMadeIngress ingress, string host, AkoMadePath path, bool withServiceName)
    {
        // An SNI child's pool carries ServiceName between Host and Path; an insecure host's pool does not.
        var markers = withServiceName
            ? Markers(("Namespace", ingress.Namespace), ("Host", host), ("ServiceName", path.Service), ("Path", path.Path), ("IngressName", ingress.Name))
            : Markers(("Namespace", ingress.Namespace), ("Host", host), ("Path", path.Path), ("IngressName", ingress.Name));
        return new JsonObject
        {
            ["cloud_config_cksum"] = Checksum(poolName),
            ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
            ["created_by"] = CreatedBy,
            ["health_monitor_refs"] = new JsonArray(Infra("healthmonitor", "System-TCP")),
            ["markers"] = markers,
            ["servers"] = Servers(path.Endpoints, path.TargetPort),
            ["service_metadata"] = ServiceMetadata(hostnames: [host], namespaceServiceNames: null, ingressName: ingress.Name,
                ns: ingress.Namespace, poolRatio: 100),
            ["sni_enabled"] = false,
            ["vrf_ref"] = Infra("vrfcontext", "global"),
        };
    }

    private void EmitShard(int index, Shard shard)
    {
        var name = _names.SharedL7VirtualService(index);
        var shardFqdn = $"{name}.{_settings.Tenant}.{_settings.DnsDomain}";
        Emit("vsvip", name, VsVip(_shardVip(index), [shardFqdn, .. shard.Hosts]));
        Emit("poolgroup", name, new JsonObject
        {
            ["cloud_config_cksum"] = Checksum("pg" + name),
            ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
            ["created_by"] = CreatedBy,
            ["implicit_priority_labels"] = true,
            ["markers"] = Markers(),
            ["members"] = new JsonArray(shard.Members.Select(m => (JsonNode?)new JsonObject
            {
                ["pool_ref"] = Ref("pool", m.Value), ["priority_label"] = m.Key, ["ratio"] = 100,
            }).ToArray()),
            ["min_servers"] = 0,
        });
        Emit("vsdatascriptset", name, new JsonObject
        {
            ["created_by"] = CreatedBy,
            ["datascript"] = new JsonArray(new JsonObject { ["evt"] = "VS_DATASCRIPT_EVT_HTTP_REQ", ["script"] = PoolGroupSelector(name) }),
            ["markers"] = Markers(),
            ["pool_group_refs"] = new JsonArray(Ref("poolgroup", name)),
        });
        var vs = new JsonObject
        {
            ["application_profile_ref"] = Infra("applicationprofile", "System-HTTP"),
            ["cloud_config_cksum"] = Checksum(name),
            ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
            ["created_by"] = CreatedBy,
            ["error_page_profile_ref"] = "",
        };
        if (shard.TlsHosts.Count > 0)
        {
            // The HTTP→HTTPS redirect of the shard's TLS hosts, one rule per host (ako-behaviour.md §4).
            Emit("httppolicyset", name, new JsonObject
            {
                ["cloud_config_cksum"] = Checksum("hps" + name),
                ["created_by"] = CreatedBy,
                ["http_request_policy"] = new JsonObject
                {
                    ["rules"] = new JsonArray(shard.TlsHosts.Select((host, i) => (JsonNode?)new JsonObject
                    {
                        ["enable"] = true,
                        ["index"] = i,
                        ["match"] = new JsonObject
                        {
                            ["host_hdr"] = new JsonObject { ["match_criteria"] = "HDR_EQUALS", ["value"] = new JsonArray(host) },
                            ["vs_port"] = new JsonObject { ["match_criteria"] = "IS_IN", ["ports"] = new JsonArray(80) },
                        },
                        ["name"] = $"{name}-{i}",
                        ["redirect_action"] = new JsonObject { ["port"] = 443, ["protocol"] = "HTTPS", ["status_code"] = "HTTP_REDIRECT_STATUS_CODE_302" },
                    }).ToArray()),
                },
                ["http_security_policy"] = new JsonObject(),
                ["markers"] = Markers(),
            });
            vs["http_policies"] = new JsonArray(new JsonObject { ["http_policy_set_ref"] = Ref("httppolicyset", name), ["index"] = 11 });
        }
        vs["markers"] = Markers();
        vs["network_profile_ref"] = Infra("networkprofile", "System-TCP-Proxy");
        vs["se_group_ref"] = Infra("serviceenginegroup", "Default-Group");
        vs["service_metadata"] = ServiceMetadata(hostnames: null, namespaceServiceNames: null);
        vs["services"] = new JsonArray(
            new JsonObject { ["enable_http2"] = false, ["enable_ssl"] = false, ["port"] = 80, ["port_range_end"] = 80 },
            new JsonObject { ["enable_http2"] = false, ["enable_ssl"] = true, ["port"] = 443, ["port_range_end"] = 443 });
        vs["type"] = "VS_TYPE_VH_PARENT";
        vs["vrf_context_ref"] = Infra("vrfcontext", "global");
        vs["vs_datascripts"] = new JsonArray(new JsonObject { ["index"] = 0, ["vs_datascript_set_ref"] = Ref("vsdatascriptset", name) });
        vs["vsvip_ref"] = Ref("vsvip", name);
        Emit("virtualservice", name, vs);
    }

    /// <summary>AKO's shard datascript: the pool group member whose priority label is <c>host/first-path-segment</c>.</summary>
    private static string PoolGroupSelector(string poolGroup) =>
        "host = avi.http.get_host_tokens(\"MODIFIED\", 1)\npath = avi.http.get_path_tokens(1)\nif string.contains(host, \":\") then\n" +
        "for match in string.gmatch(host, \".*:\") do\nhost = string.sub(match,0,-2)\nend\nend\nif host and path then\n" +
        "lbl = host..\"/\"..path\nelse\nlbl = host..\"/\"\nend\n" +
        $"avi.poolgroup.select(\"{poolGroup}\", string.lower(lbl) )";

    private JsonObject VsVip(string vip, IEnumerable<string> fqdns) => new()
    {
        ["cloud_ref"] = Infra("cloud", "Default-Cloud"),
        ["dns_info"] = new JsonArray(fqdns.Select(f => (JsonNode?)new JsonObject { ["fqdn"] = f }).ToArray()),
        ["east_west_placement"] = false,
        // vsvips carry only the clustername marker.
        ["markers"] = Markers(),
        ["vip"] = new JsonArray(new JsonObject
        {
            ["auto_allocate_ip"] = true,
            ["ip_address"] = new JsonObject { ["addr"] = vip, ["type"] = "V4" },
            ["ipam_network_subnet"] = new JsonObject
            {
                ["network_ref"] = Infra("network", _settings.VipNetwork),
                ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = _subnetAddress, ["type"] = "V4" }, ["mask"] = _subnetMask },
            },
            ["vip_id"] = "0",
        }),
        ["vrf_context_ref"] = Infra("vrfcontext", "global"),
        ["vsvip_cloud_config_cksum"] = Checksum("vsvip" + vip),
    };

    private static JsonArray Servers(IReadOnlyList<AkoMadeEndpoint> endpoints, int port) =>
        new(endpoints.Select(e =>
        {
            var server = new JsonObject
            {
                ["enabled"] = true,
                ["external_uuid"] = $"{e.Ip}:{port.ToString(CultureInfo.InvariantCulture)}",
                ["ip"] = new JsonObject { ["addr"] = e.Ip, ["type"] = "V4" },
                ["port"] = port,
            };
            if (e.Node is not null) server["server_node"] = e.Node;
            return (JsonNode?)server;
        }).ToArray());

    /// <summary>AKO's service_metadata: Go's json.Marshal of its ServiceMetadataObj, field order and nulls included.</summary>
    private static string ServiceMetadata(string[]? hostnames, string[]? namespaceServiceNames, string ingressName = "", string ns = "",
        int poolRatio = 0, string[]? namespaceIngressNames = null)
    {
        var metadata = new JsonObject
        {
            ["namespace_ingress_name"] = Strings(namespaceIngressNames),
            ["ingress_name"] = ingressName,
            ["namespace"] = ns,
            ["hostnames"] = Strings(hostnames),
            ["namespace_svc_name"] = Strings(namespaceServiceNames),
            ["crd_status"] = new JsonObject { ["type"] = "", ["value"] = "", ["status"] = "" },
            ["pool_ratio"] = poolRatio,
            ["passthrough_parent_ref"] = "",
            ["passthrough_child_ref"] = "",
            ["gateway"] = "",
            ["httproute"] = "",
            ["insecureedgetermallow"] = false,
            ["is_mci_ingress"] = false,
            ["fqdn_reuse_policy"] = "",
            ["host_namespace_ingress_name"] = null,
        };
        return metadata.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        static JsonArray? Strings(string[]? values) => values is null ? null : new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
    }

    /// <summary><c>clustername</c> first, then the given keys, each with one value.</summary>
    private JsonArray Markers(params (string Key, string Value)[] markers) =>
        new(new[] { ("clustername", _settings.ClusterName) }.Concat(markers)
            .Select(m => (JsonNode?)new JsonObject { ["key"] = m.Item1, ["values"] = new JsonArray(m.Item2) }).ToArray());

    /// <summary>A stable non-negative decimal, shaped like AKO's <c>strconv.Itoa(int(uint32))</c> checksums.</summary>
    private static string Checksum(string seed)
    {
        var hash = 2166136261u;
        foreach (var c in seed)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash.ToString(CultureInfo.InvariantCulture);
    }

    private Shard ShardFor(string host)
    {
        var index = ShardOf(host);
        if (!_shards.TryGetValue(index, out var shard)) _shards[index] = shard = new Shard();
        return shard;
    }

    private void Emit(string type, string name, JsonObject body)
    {
        var document = new JsonObject
        {
            ["uuid"] = Uuid(type, name),
            ["name"] = name,
            ["tenant_ref"] = Infra("tenant", _settings.Tenant),
        };
        // AKO leaves out an empty server list.
        if (type == "pool" && body["servers"] is JsonArray { Count: 0 }) body.Remove("servers");
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            document[key] = value;
        }
        if (!_objects.TryGetValue(type, out var list)) _objects[type] = list = [];
        list.Add(document);
    }

    private string Ref(string type, string name) => $"/api/{type}/{Uuid(type, name)}";

    private string Uuid(string type, string name)
    {
        if (!_uuids.TryGetValue((type, name), out var uuid))
        {
            _uuids[(type, name)] = uuid = $"{type}-00000000-0000-4000-8000-{++_nextUuid:x12}";
        }
        return uuid;
    }

    private string Infra(string type, string name)
    {
        if (_infrastructureRefs.TryGetValue((type, name), out var cached)) return cached;
        var found = (_infrastructure[type] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => o["name"]?.GetValue<string>() == name)
            ?? throw new ArgumentException($"the infrastructure dump has no {type} named '{name}'; AKO's objects refer to it", nameof(name));
        return _infrastructureRefs[(type, name)] = $"/api/{type}/{found["uuid"]!.GetValue<string>()}";
    }

    private sealed class Shard
    {
        public SortedSet<string> Hosts { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> TlsHosts { get; } = new(StringComparer.Ordinal);

        /// <summary>Priority label <c>host/path</c> → insecure pool name.</summary>
        public SortedDictionary<string, string> Members { get; } = new(StringComparer.Ordinal);
    }
}
