using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Yaml;
using k8s;
using k8s.Models;

namespace AkoActors.Simulation.Workloads;

/// <summary>A real cluster's objects as <c>kubectl get svc,ingress,endpointslices,nodes,namespaces,ingressclasses -A -o json</c>
/// prints them (a <c>List</c>; several documents, YAML or single objects are read too; Secrets optional): what a simulation
/// loads instead of its generated workload. Kinds the controller does not read are counted and left out.</summary>
public sealed class ClusterSnapshot
{
    public List<V1Namespace> Namespaces { get; } = [];
    public List<V1IngressClass> IngressClasses { get; } = [];
    public List<V1Node> Nodes { get; } = [];
    public List<V1Service> Services { get; } = [];
    public List<V1EndpointSlice> EndpointSlices { get; } = [];
    public List<V1Ingress> Ingresses { get; } = [];
    public List<V1Secret> Secrets { get; } = [];

    /// <summary>Objects of kinds the controller does not read, by kind.</summary>
    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    public static ClusterSnapshot Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>JSON (what <c>kubectl get -o json</c> prints) or YAML, one or more documents, each a List or one object.</summary>
    public static ClusterSnapshot Parse(string text)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = text.TrimStart().StartsWith('{') ? [JsonNode.Parse(text)] : YamlJson.ParseAll(text);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"not JSON or YAML of Kubernetes objects ({e.Message}); give the output of " +
                                      "'kubectl get svc,ingress,endpointslices,nodes,namespaces,ingressclasses -A -o json'", e);
        }
        var snapshot = new ClusterSnapshot();
        foreach (var document in documents.OfType<JsonObject>()) snapshot.Add(document);
        return snapshot;
    }

    public int ObjectCount => Namespaces.Count + IngressClasses.Count + Nodes.Count + Services.Count + EndpointSlices.Count + Ingresses.Count + Secrets.Count;

    public override string ToString() =>
        $"{Namespaces.Count} Namespaces, {Services.Count} Services ({Services.Count(s => s.Spec?.Type == "LoadBalancer")} LoadBalancer), " +
        $"{EndpointSlices.Count} EndpointSlices, {Ingresses.Count} Ingresses, {IngressClasses.Count} IngressClasses, {Nodes.Count} Nodes, " +
        $"{Secrets.Count} TLS Secrets" + (Skipped.Count == 0 ? "" : $"; left out: {string.Join(", ", Skipped.Select(s => $"{s.Value} {s.Key}"))}");

    private void Add(JsonObject item)
    {
        var kind = item["kind"]?.GetValue<string>();
        if (kind is "List" or "ServiceList" or "IngressList" or "EndpointSliceList" or "NodeList" or "NamespaceList" or "IngressClassList" or "SecretList")
        {
            foreach (var child in (item["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                // Typed lists (kubectl get svc -o json) leave kind out of their items.
                if (child["kind"] is null && kind != "List") child["kind"] = kind[..^4];
                Add(child);
            }
            return;
        }
        var json = item.ToJsonString();
        switch (kind)
        {
            case "Namespace": Namespaces.Add(KubernetesJson.Deserialize<V1Namespace>(json)); break;
            case "IngressClass": IngressClasses.Add(KubernetesJson.Deserialize<V1IngressClass>(json)); break;
            case "Node": Nodes.Add(KubernetesJson.Deserialize<V1Node>(json)); break;
            case "Service": Services.Add(KubernetesJson.Deserialize<V1Service>(json)); break;
            case "EndpointSlice": EndpointSlices.Add(KubernetesJson.Deserialize<V1EndpointSlice>(json)); break;
            case "Ingress": Ingresses.Add(KubernetesJson.Deserialize<V1Ingress>(json)); break;
            case "Secret" when item["type"]?.GetValue<string>() == "kubernetes.io/tls": Secrets.Add(KubernetesJson.Deserialize<V1Secret>(json)); break;
            default:
                var name = kind == "Secret" ? "Secret (not kubernetes.io/tls)" : kind ?? "(no kind)";
                Skipped[name] = Skipped.GetValueOrDefault(name) + 1;
                break;
        }
    }
}
