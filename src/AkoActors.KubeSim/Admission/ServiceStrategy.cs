using System.Net;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Service defaulting, validation and the cluster IP / node port allocation kube-apiserver performs for Services.</summary>
public sealed class ServiceStrategy : IResourceStrategy
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] IpFamilies = ["IPv4", "IPv6"];
    private static readonly string[] IpFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];

    /// <inheritdoc />
    public IEnumerable<string> CheckName(string name) => NameRules.CheckDns1035(name);

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
        ApplyDefaults(obj, context.Addresses);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context)
    {
        var spec = obj.EnsureObject("spec");
        var type = spec.StringAt("type") ?? "ClusterIP";
        var oldSpec = old.ObjectAt("spec");
        if (type != "ExternalName" && string.IsNullOrEmpty(spec.StringAt("clusterIP")) && oldSpec.StringAt("clusterIP") is { Length: > 0 } oldIp && oldSpec.StringAt("type") != "ExternalName")
        {
            spec["clusterIP"] = oldIp;
            spec["clusterIPs"] = oldSpec!["clusterIPs"]?.DeepClone() ?? new JsonArray(oldIp);
        }
        // An update that names no policy or families keeps the Service's (kube-apiserver adopts the old policy).
        if (type != "ExternalName" && oldSpec is not null && oldSpec.StringAt("type") != "ExternalName")
        {
            spec["ipFamilyPolicy"] ??= oldSpec["ipFamilyPolicy"]?.DeepClone();
            spec["ipFamilies"] ??= oldSpec["ipFamilies"]?.DeepClone();
            // Down to SingleStack with the dual-stack fields left as they were is clear intent: the secondary goes.
            if (spec.StringAt("ipFamilyPolicy") == "SingleStack")
            {
                foreach (var field in new[] { "clusterIPs", "ipFamilies" })
                {
                    if (spec[field] is JsonArray { Count: > 1 } both && JsonNode.DeepEquals(both, oldSpec[field]))
                    {
                        spec[field] = new JsonArray(both[0]!.DeepClone());
                    }
                }
            }
        }
        if (type is "NodePort" or "LoadBalancer")
        {
            foreach (var port in spec.ArrayAt("ports").OfType<JsonObject>().Where(p => p["nodePort"] is null))
            {
                var match = oldSpec.ArrayAt("ports").OfType<JsonObject>().FirstOrDefault(o =>
                    o.LongAt("port") == port.LongAt("port") && (o.StringAt("protocol") ?? "TCP") == (port.StringAt("protocol") ?? "TCP"));
                if (match?.LongAt("nodePort") is { } nodePort)
                {
                    port["nodePort"] = nodePort;
                }
            }
            if (spec["healthCheckNodePort"] is null && oldSpec.LongAt("healthCheckNodePort") is { } health && spec.StringAt("externalTrafficPolicy") == "Local")
            {
                spec["healthCheckNodePort"] = health;
            }
        }
        ApplyDefaults(obj, context.Addresses);
    }

    private static void ApplyDefaults(JsonObject obj, ServiceAddressAllocator pool)
    {
        var spec = obj.EnsureObject("spec");
        var type = spec.StringAt("type") ?? "ClusterIP";
        spec["type"] = type;
        spec["sessionAffinity"] ??= "None";
        foreach (var port in spec.ArrayAt("ports").OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            if (port["targetPort"] is null && port["port"] is { } p)
            {
                port["targetPort"] = p.DeepClone();
            }
            if (type is "ClusterIP" or "ExternalName")
            {
                port.Remove("nodePort");
            }
        }
        if (type == "ExternalName")
        {
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
            return;
        }
        DefaultIpFamilies(spec, pool);
        spec["internalTrafficPolicy"] ??= "Cluster";
        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }
        else
        {
            spec.Remove("externalTrafficPolicy");
            spec.Remove("healthCheckNodePort");
        }
        if (type == "LoadBalancer")
        {
            spec["allocateLoadBalancerNodePorts"] ??= true;
        }
    }

    /// <summary>kube-apiserver's family defaults: no policy reads as <c>SingleStack</c>; a cluster IP asked for beyond the
    /// listed families adds its family; no family at all is the cluster's primary one; on a dual-stack cluster a dual-stack
    /// policy with one family gets the other as secondary.</summary>
    private static void DefaultIpFamilies(JsonObject spec, ServiceAddressAllocator pool)
    {
        spec["ipFamilyPolicy"] ??= "SingleStack";
        if (spec["ipFamilies"] is not JsonArray families)
        {
            spec["ipFamilies"] = families = [];
        }
        var asked = AskedClusterIps(spec).TakeWhile(ip => ip != "None").ToList();
        for (var i = families.Count; i < asked.Count; i++)
        {
            if (ServiceAddressAllocator.FamilyOf(asked[i]) is { } family && !families.Any(f => f?.ToString() == family)) families.Add(family);
        }
        if (families.Count == 0)
        {
            families.Add(pool.Families[0]);
        }
        if (pool.IsDualStack && spec.StringAt("ipFamilyPolicy") is "PreferDualStack" or "RequireDualStack" &&
            families is { Count: 1 } && families[0]?.ToString() is "IPv4" or "IPv6")
        {
            families.Add(families[0]!.ToString() == "IPv4" ? "IPv6" : "IPv4");
        }
    }

    /// <summary>The cluster IPs a spec asks for: <c>clusterIPs</c>, else <c>clusterIP</c> alone; empty when none.</summary>
    private static List<string> AskedClusterIps(JsonObject spec)
    {
        var listed = spec.ArrayAt("clusterIPs").Select(n => n?.ToString() ?? string.Empty).Where(ip => ip.Length > 0).ToList();
        return listed.Count > 0 ? listed : spec.StringAt("clusterIP") is { Length: > 0 } one ? [one] : [];
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.ObjectAt("spec");
        var type = spec.StringAt("type") ?? "ClusterIP";
        if (!Types.Contains(type))
        {
            yield return FieldError.NotSupported("spec.type", spec!["type"], Types);
            yield break;
        }
        foreach (var error in IpFamilyErrors(spec!))
        {
            yield return error;
        }
        var clusterIp = spec.StringAt("clusterIP") ?? string.Empty;
        var ports = spec.At("ports") as JsonArray ?? [];
        if (type == "ExternalName")
        {
            var externalName = spec.StringAt("externalName");
            if (string.IsNullOrEmpty(externalName))
            {
                yield return FieldError.Required("spec.externalName");
            }
            else
            {
                foreach (var problem in NameRules.CheckSubdomain(externalName.TrimEnd('.')))
                {
                    yield return FieldError.Invalid("spec.externalName", JsonValue.Create(externalName), problem);
                }
            }
        }
        else if (clusterIp != "None" && ports.Count == 0)
        {
            yield return FieldError.Required("spec.ports");
        }
        if (spec!["clusterIPs"] is JsonArray { Count: 2 } pair && pair.Select(ip => ServiceAddressAllocator.FamilyOf(ip?.ToString() ?? string.Empty)).Distinct().Count() == 1 &&
            ServiceAddressAllocator.FamilyOf(pair[0]?.ToString() ?? string.Empty) is not null)
        {
            yield return FieldError.Invalid("spec.clusterIPs", pair, "may specify no more than one IP for each IP family");
        }
        if (clusterIp.Length > 0 && clusterIp != "None" && !IPAddress.TryParse(clusterIp, out _))
        {
            yield return FieldError.Invalid("spec.clusterIPs[0]", JsonValue.Create(clusterIp), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        if (old is not null && old.StringAt("spec", "type") != "ExternalName" && type != "ExternalName" &&
            old.StringAt("spec", "clusterIP") is { Length: > 0 } oldIp && clusterIp.Length > 0 && clusterIp != oldIp)
        {
            yield return FieldError.Invalid("spec.clusterIPs[0]", JsonValue.Create(clusterIp), "may not change once set");
        }
        var seen = new HashSet<(long, string)>();
        var names = new HashSet<string>();
        for (var i = 0; i < ports.Count; i++)
        {
            var field = $"spec.ports[{i}]";
            if (ports[i] is not JsonObject port)
            {
                yield return FieldError.Invalid(field, ports[i], "must be an object");
                continue;
            }
            var name = port.StringAt("name") ?? string.Empty;
            if (ports.Count > 1 && name.Length == 0)
            {
                yield return FieldError.Required($"{field}.name");
            }
            if (name.Length > 0)
            {
                foreach (var problem in NameRules.CheckLabel(name))
                {
                    yield return FieldError.Invalid($"{field}.name", JsonValue.Create(name), problem);
                }
                if (!names.Add(name))
                {
                    yield return FieldError.Duplicate($"{field}.name", JsonValue.Create(name));
                }
            }
            var number = port.LongAt("port");
            if (number is null)
            {
                yield return port["port"] is null
                    ? FieldError.Required($"{field}.port")
                    : FieldError.Invalid($"{field}.port", port["port"], "must be an integer");
            }
            else if (number is < 1 or > 65535)
            {
                yield return FieldError.Invalid($"{field}.port", port["port"], "must be between 1 and 65535, inclusive");
            }
            var protocol = port.StringAt("protocol") ?? "TCP";
            if (!Protocols.Contains(protocol))
            {
                yield return FieldError.NotSupported($"{field}.protocol", port["protocol"], Protocols);
            }
            if (number is not null && !seen.Add((number.Value, protocol)))
            {
                yield return FieldError.Duplicate(field, new JsonObject { ["port"] = number, ["protocol"] = protocol });
            }
            switch (port["targetPort"])
            {
                case null:
                    break;
                case JsonValue t when t.TryGetValue<string>(out var targetName):
                    if (!NameRules.IsPortName(targetName))
                    {
                        yield return FieldError.Invalid($"{field}.targetPort", t, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
                    }
                    break;
                case var t when t.LongAt() is { } target:
                    if (target is < 1 or > 65535)
                    {
                        yield return FieldError.Invalid($"{field}.targetPort", t, "must be between 1 and 65535, inclusive");
                    }
                    break;
                case var t:
                    yield return FieldError.Invalid($"{field}.targetPort", t, "must be an integer or a port name");
                    break;
            }
            if (port["nodePort"] is { } nodePortNode)
            {
                var nodePort = nodePortNode.LongAt();
                if (type is "ClusterIP" or "ExternalName")
                {
                    yield return FieldError.Forbidden($"{field}.nodePort", $"may not be used when `type` is '{type}'");
                }
                else if (nodePort is null or < 1 or > 65535)
                {
                    yield return FieldError.Invalid($"{field}.nodePort", nodePortNode, "must be between 1 and 65535, inclusive");
                }
            }
        }
        foreach (var error in NameRules.CheckLabels(spec.ObjectAt("selector"), "spec.selector"))
        {
            yield return error;
        }
        var affinity = spec.StringAt("sessionAffinity") ?? "None";
        if (affinity is not ("None" or "ClientIP"))
        {
            yield return FieldError.NotSupported("spec.sessionAffinity", spec!["sessionAffinity"], ["ClientIP", "None"]);
        }
        if (spec.StringAt("loadBalancerIP") is { Length: > 0 } loadBalancerIP && !IPAddressText.IsAddress(loadBalancerIP))
        {
            yield return FieldError.Invalid("spec.loadBalancerIP", JsonValue.Create(loadBalancerIP), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        if (spec.StringAt("externalTrafficPolicy") is { } etp && etp is not ("Cluster" or "Local"))
        {
            yield return FieldError.NotSupported("spec.externalTrafficPolicy", spec!["externalTrafficPolicy"], ["Cluster", "Local"]);
        }
        if (spec?["loadBalancerClass"] is { } lbClass && type != "LoadBalancer")
        {
            yield return FieldError.Forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'");
        }
        if (old is not null && old.StringAt("spec", "loadBalancerClass") is { } oldClass && old.StringAt("spec", "type") == "LoadBalancer" && type == "LoadBalancer" && spec.StringAt("loadBalancerClass") != oldClass)
        {
            yield return FieldError.Invalid("spec.loadBalancerClass", spec?["loadBalancerClass"], "may not change once set");
        }
    }

    /// <summary>kube-apiserver's checks of <c>spec.ipFamilies</c> and <c>spec.ipFamilyPolicy</c> (ValidateServiceCreate's
    /// family part), with its wording.</summary>
    private static IEnumerable<FieldError> IpFamilyErrors(JsonObject spec)
    {
        if (spec["ipFamilyPolicy"] is JsonValue policy && !IpFamilyPolicies.Contains(policy.ToString()))
        {
            yield return FieldError.NotSupported("spec.ipFamilyPolicy", policy, IpFamilyPolicies);
        }
        var families = spec["ipFamilies"] as JsonArray ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < families.Count; i++)
        {
            var family = families[i] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : families[i]?.ToJsonString() ?? "null";
            if (!IpFamilies.Contains(family))
            {
                yield return FieldError.NotSupported($"spec.ipFamilies[{i}]", families[i], IpFamilies);
            }
            else if (!seen.Add(family))
            {
                yield return FieldError.Duplicate($"spec.ipFamilies[{i}]", families[i]);
            }
        }
        if (spec.StringAt("ipFamilyPolicy") == "SingleStack" && families.Count == 2)
        {
            yield return FieldError.Invalid("spec.ipFamilyPolicy", spec["ipFamilyPolicy"],
                "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified");
        }
    }

    /// <inheritdoc />
    public void Allocate(JsonObject obj, JsonObject? old, AdmissionContext context)
    {
        var pool = context.Addresses;
        var commit = !context.DryRun;
        var spec = obj.EnsureObject("spec");
        var type = spec.StringAt("type") ?? "ClusterIP";
        var oldIps = old is not null && old.StringAt("spec", "type") != "ExternalName" ? AskedClusterIps(old.ObjectAt("spec")!) : [];
        var oldPorts = old is null ? [] : NodePorts(old).ToHashSet();
        var errors = new List<FieldError>();

        if (type != "ExternalName")
        {
            AllocateClusterIps(spec, oldIps, pool, commit, errors);
        }

        var needsNodePorts = type == "NodePort" || (type == "LoadBalancer" && spec.BoolAt("allocateLoadBalancerNodePorts") != false);
        var requested = new HashSet<int>();
        var ports = spec.ArrayAt("ports").OfType<JsonObject>().ToList();
        for (var i = 0; i < ports.Count && needsNodePorts; i++)
        {
            if (ports[i].LongAt("nodePort") is { } given)
            {
                var port = (int)given;
                if (!oldPorts.Contains(port) && (pool.IsPortTaken(port) || !requested.Add(port)))
                {
                    errors.Add(FieldError.Invalid($"spec.ports[{i}].nodePort", JsonValue.Create(port), "provided port is already allocated"));
                }
                else if (port < pool.NodePortMin || port > pool.NodePortMax)
                {
                    errors.Add(FieldError.Invalid($"spec.ports[{i}].nodePort", JsonValue.Create(port), $"provided port is not in the valid range. The range of valid ports is {pool.NodePortMin}-{pool.NodePortMax}"));
                }
                requested.Add(port);
            }
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid("Service", string.Empty, obj.StringAt("metadata", "name") ?? string.Empty, errors);
        }

        foreach (var port in needsNodePorts ? ports : [])
        {
            if (port["nodePort"] is null)
            {
                port["nodePort"] = pool.AllocatePort(commit);
            }
        }
        if (needsNodePorts && type == "LoadBalancer" && spec.StringAt("externalTrafficPolicy") == "Local" && spec["healthCheckNodePort"] is null)
        {
            spec["healthCheckNodePort"] = pool.AllocatePort(commit);
        }
        if (!commit)
        {
            return;
        }
        var newIps = type == "ExternalName" ? [] : AskedClusterIps(spec).Where(ip => ip != "None").ToList();
        foreach (var ip in newIps)
        {
            pool.ReserveIp(ip);
        }
        foreach (var port in NodePorts(obj))
        {
            pool.ReservePort(port);
        }
        var kept = NodePorts(obj).ToHashSet();
        foreach (var port in oldPorts.Where(p => !kept.Contains(p)))
        {
            pool.ReleasePort(port);
        }
        foreach (var ip in oldIps.Where(ip => ip != "None" && !newIps.Contains(ip)))
        {
            pool.ReleaseIp(ip);
        }
    }

    /// <summary>One cluster IP per family of <c>spec.ipFamilies</c>, in its order: the one asked for at that index, else a free
    /// one of the family. Refuses, with kube-apiserver's wording, a family or dual-stack policy this cluster is not configured
    /// for, an address of the wrong family, out of its range or taken.</summary>
    private static void AllocateClusterIps(JsonObject spec, List<string> oldIps, ServiceAddressAllocator pool, bool commit, List<FieldError> errors)
    {
        var families = spec.ArrayAt("ipFamilies").Select(f => f?.ToString() ?? string.Empty).ToList();
        if (spec.StringAt("ipFamilyPolicy") == "RequireDualStack" && !pool.IsDualStack)
        {
            errors.Add(FieldError.Invalid("spec.ipFamilyPolicy", spec["ipFamilyPolicy"], "this cluster is not configured for dual-stack services"));
        }
        for (var i = 0; i < families.Count; i++)
        {
            if (pool.RangeOf(families[i]) is null)
            {
                errors.Add(FieldError.Invalid($"spec.ipFamilies[{i}]", JsonValue.Create(families[i]), "not configured on this cluster"));
            }
        }
        if (errors.Count > 0) return;

        var asked = AskedClusterIps(spec);
        if (asked is ["None"])
        {
            spec["clusterIP"] = "None";
            spec["clusterIPs"] = new JsonArray("None");
            return;
        }
        var ips = new List<string>();
        for (var i = 0; i < families.Count; i++)
        {
            if (i >= asked.Count)
            {
                ips.Add(pool.AllocateIp(families[i], commit));
                continue;
            }
            var ip = asked[i];
            ips.Add(ip);
            if (oldIps.Contains(ip) || ServiceAddressAllocator.FamilyOf(ip) is not { } family) continue;
            if (family != families[i])
            {
                errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", JsonValue.Create(ip), $"expected an {families[i]} value as indicated by `ipFamilies[{i}]`"));
            }
            else if (!pool.InRange(ip))
            {
                errors.Add(FieldError.Invalid("spec.clusterIPs", new JsonArray(ip), $"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is {pool.RangeOf(family)}"));
            }
            else if (pool.IsIpTaken(ip))
            {
                errors.Add(FieldError.Invalid("spec.clusterIPs", new JsonArray(ip), $"failed to allocate IP {ip}: provided IP is already allocated"));
            }
        }
        spec["clusterIP"] = ips[0];
        spec["clusterIPs"] = new JsonArray(ips.Select(ip => (JsonNode?)ip).ToArray());
    }

    /// <inheritdoc />
    public void Release(JsonObject removed, AdmissionContext context)
    {
        foreach (var ip in removed.StringAt("spec", "type") == "ExternalName" ? [] : AskedClusterIps(removed.ObjectAt("spec") ?? []).Where(ip => ip != "None"))
        {
            context.Addresses.ReleaseIp(ip);
        }
        foreach (var port in NodePorts(removed))
        {
            context.Addresses.ReleasePort(port);
        }
    }

    /// <summary>Reserves what an already stored Service holds (used when a store is loaded from a snapshot).</summary>
    public static void Reserve(JsonObject service, ServiceAddressAllocator pool)
    {
        foreach (var ip in service.StringAt("spec", "type") == "ExternalName" ? [] : AskedClusterIps(service.ObjectAt("spec") ?? []).Where(ip => ip != "None"))
        {
            pool.ReserveIp(ip);
        }
        foreach (var port in NodePorts(service))
        {
            pool.ReservePort(port);
        }
    }

    private static IEnumerable<int> NodePorts(JsonObject service)
    {
        foreach (var port in service.ArrayAt("spec", "ports"))
        {
            if (port.LongAt("nodePort") is { } p)
            {
                yield return (int)p;
            }
        }
        if (service.LongAt("spec", "healthCheckNodePort") is { } h)
        {
            yield return (int)h;
        }
    }
}
