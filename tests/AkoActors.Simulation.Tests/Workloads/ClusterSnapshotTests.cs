using AkoActors.Simulation.Workloads;
using Xunit;

namespace AkoActors.Simulation.Tests.Workloads;

public sealed class ClusterSnapshotTests
{
    /// <summary>The shapes <c>kubectl get ... -A -o json</c> prints: one List whose items carry apiVersion and kind.</summary>
    public const string KubectlList = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "uid": "u1", "resourceVersion": "7"}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop", "uid": "u2",
             "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
           "spec": {"type": "LoadBalancer", "clusterIP": "10.96.14.2", "clusterIPs": ["10.96.14.2"], "selector": {"app": "web"},
                    "loadBalancerIP": "10.20.30.40",
                    "ports": [{"name": "http", "port": 80, "targetPort": "web", "protocol": "TCP"}, {"name": "alt", "port": 8443, "targetPort": 8443, "protocol": "TCP"}]},
           "status": {"loadBalancer": {"ingress": [{"ip": "10.20.30.40"}]}}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "api", "namespace": "shop"},
           "spec": {"type": "ClusterIP", "selector": {"app": "api"}, "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP"}]}},
          {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "web-x1", "namespace": "shop",
             "labels": {"kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"},
             "ownerReferences": [{"apiVersion": "v1", "kind": "Service", "name": "web", "uid": "u2"}]},
           "addressType": "IPv4", "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}, {"name": "alt", "port": 8443, "protocol": "TCP"}],
           "endpoints": [{"addresses": ["10.244.1.5"], "conditions": {"ready": true}}, {"addresses": ["10.244.2.9"], "conditions": {"ready": true}}]},
          {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "api-y2", "namespace": "shop",
             "labels": {"kubernetes.io/service-name": "api"}},
           "addressType": "IPv4", "ports": [{"name": "", "port": 8080, "protocol": "TCP"}],
           "endpoints": [{"addresses": ["10.244.3.7"], "conditions": {"ready": true}}]},
          {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "shop", "namespace": "shop"},
           "spec": {"ingressClassName": "avi-lb", "tls": [{"hosts": ["shop.ako.example.com"], "secretName": "shop-tls"}],
                    "rules": [{"host": "shop.ako.example.com", "http": {"paths": [
                      {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "api", "port": {"number": 80}}}},
                      {"path": "/static", "pathType": "Prefix", "backend": {"service": {"name": "api", "port": {"number": 80}}}}]}}]}},
          {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "shop"}, "spec": {}}
        ]}
        """;

    [Fact]
    public void A_kubectl_list_is_read_by_kind_and_what_the_controller_does_not_read_is_counted()
    {
        var snapshot = ClusterSnapshot.Parse(KubectlList);

        Assert.Single(snapshot.Namespaces);
        Assert.Equal(["web", "api"], snapshot.Services.Select(s => s.Metadata.Name));
        Assert.Equal(2, snapshot.EndpointSlices.Count);
        Assert.Single(snapshot.Ingresses);
        Assert.Empty(snapshot.Secrets); // optional: the Ingress's TLS Secret is made for the run
        Assert.Equal(1, snapshot.Skipped["Deployment"]);
        Assert.Contains("2 Services (1 LoadBalancer)", snapshot.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_lists_and_yaml_documents_are_read_too()
    {
        var snapshot = ClusterSnapshot.Parse("""
            apiVersion: v1
            kind: ServiceList
            items:
            - metadata: {name: a, namespace: x}
              spec: {type: LoadBalancer, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Secret
            type: Opaque
            metadata: {name: helm-release, namespace: x}
            ---
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/tls
            metadata: {name: cert, namespace: x}
            data: {tls.crt: "", tls.key: ""}
            """);

        Assert.Equal("a", Assert.Single(snapshot.Services).Metadata.Name);
        Assert.Equal("cert", Assert.Single(snapshot.Secrets).Metadata.Name);
        Assert.Equal(1, snapshot.Skipped["Secret (not kubernetes.io/tls)"]);
    }

    [Fact]
    public void Something_else_is_refused_with_the_command_that_makes_a_snapshot()
    {
        var error = Assert.Throws<FormatException>(() => ClusterSnapshot.Parse("{ not json"));
        Assert.Contains("kubectl get svc,ingress,endpointslices,nodes,namespaces,ingressclasses -A -o json", error.Message, StringComparison.Ordinal);
    }
}
