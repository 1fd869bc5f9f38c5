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
        ApplyDefaults(obj);
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
        ApplyDefaults(obj);
    }

    private static void ApplyDefaults(JsonObject obj)
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
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        // A dual-stack cluster (this one serves both families): a dual-stack policy with one family gets the other as secondary.
        if (spec.StringAt("ipFamilyPolicy") is "PreferDualStack" or "RequireDualStack" &&
            spec["ipFamilies"] is JsonArray { Count: 1 } single && single[0]?.ToString() is "IPv4" or "IPv6")
        {
            single.Add(single[0]!.ToString() == "IPv4" ? "IPv6" : "IPv4");
        }
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
        var oldIp = old is not null && old.StringAt("spec", "type") != "ExternalName" ? old.StringAt("spec", "clusterIP") : null;
        var oldPorts = old is null ? [] : NodePorts(old).ToHashSet();
        var errors = new List<FieldError>();

        if (type != "ExternalName")
        {
            var ip = spec.StringAt("clusterIP") ?? string.Empty;
            if (ip.Length == 0)
            {
                ip = pool.AllocateIp(commit);
                spec["clusterIP"] = ip;
            }
            else if (ip != "None" && ip != oldIp)
            {
                if (!pool.InRange(ip))
                {
                    errors.Add(FieldError.Invalid("spec.clusterIPs", new JsonArray(ip), $"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is {pool.ServiceCidr}"));
                }
                else if (pool.IsIpTaken(ip))
                {
                    errors.Add(FieldError.Invalid("spec.clusterIPs", new JsonArray(ip), $"failed to allocate IP {ip}: provided IP is already allocated"));
                }
            }
            spec["clusterIPs"] = new JsonArray(ip);
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
        if (type != "ExternalName" && spec.StringAt("clusterIP") is { } newIp && newIp != "None")
        {
            pool.ReserveIp(newIp);
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
        if (oldIp is { Length: > 0 } && oldIp != "None" && oldIp != spec.StringAt("clusterIP"))
        {
            pool.ReleaseIp(oldIp);
        }
    }

    /// <inheritdoc />
    public void Release(JsonObject removed, AdmissionContext context)
    {
        if (removed.StringAt("spec", "clusterIP") is { Length: > 0 } ip && ip != "None")
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
        if (service.StringAt("spec", "type") != "ExternalName" && service.StringAt("spec", "clusterIP") is { Length: > 0 } ip && ip != "None")
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
