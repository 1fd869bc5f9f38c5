using System.Text.Json;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;
using AkoActors.Domain.L4Rules;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Snapshots;
using k8s.Models;

namespace AkoActors.Kubernetes.Tests.Snapshots;

/// <summary>Reading an L4Rule as AKO's l4rule.md writes one: every field is read for acting on (none is left to the
/// FieldsNotActedOn event any more), with the CRD's defaults for what a rule leaves out.</summary>
public class L4RuleSnapshotsTests
{
    [Fact]
    public void The_docs_sample_reads_with_its_settings_and_names_the_fields_not_acted_on()
    {
        var rule = L4RuleSnapshots.From(Resource("""
            {
              "analyticsProfileRef": "Custom-Analytics-Profile",
              "analyticsPolicy": {"fullClientLogs": {"enabled": true, "duration": 0, "throttle": 30}},
              "applicationProfileRef": "Custom-L4-Application-Profile",
              "loadBalancerIP": "49.20.193.207",
              "performanceLimits": {"maxConcurrentConnections": 105, "maxThroughput": 100},
              "networkProfileRef": "Custom-Network-Profile",
              "networkSecurityPolicyRef": "Custom-Network-Security-Policy",
              "securityPolicyRef": "Custom-Security-Policy",
              "vsDatascriptRefs": ["Custom-DS-01", "Custom-DS-02"],
              "backendProperties": [{
                "port": 80, "protocol": "TCP", "enabled": true,
                "applicationPersistenceProfileRef": "Custom-Application-Persistence-Profile",
                "healthMonitorRefs": ["Custom-HM-01", "Custom-HM-02"],
                "lbAlgorithm": "LB_ALGORITHM_CONSISTENT_HASH",
                "lbAlgorithmHash": "LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER",
                "lbAlgorithmConsistentHashHdr": "custom-string",
                "sslProfileRef": "Custom-SSL-Profile",
                "sslKeyAndCertificateRef": "Custom-Key-And-Certificate",
                "pkiProfileRef": "Custom-PKI-Profile",
                "analyticsPolicy": {"enableRealtimeMetrics": true},
                "minServersUp": 1
              }]
            }
            """, """{"status": "Accepted", "error": ""}"""));

        Assert.Equal(new L4RuleKey("green", "my-l4-rule"), rule.Key);
        Assert.Equal(("Custom-L4-Application-Profile", "Custom-Network-Profile", "49.20.193.207"), (rule.ApplicationProfile, rule.NetworkProfile, rule.LoadBalancerIp));
        Assert.Equal(["Custom-DS-01", "Custom-DS-02"], rule.DataScripts);
        Assert.Equal(new L4RuleBackend(80, "TCP", "LB_ALGORITHM_CONSISTENT_HASH", "LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER", "custom-string",
            new[] { "Custom-HM-01", "Custom-HM-02" }.ToEquatableArray(), "Custom-Application-Persistence-Profile", "Custom-SSL-Profile", "Custom-PKI-Profile",
            "Custom-Key-And-Certificate") { Enabled = true, MinServersUp = 1, RealtimeMetrics = true }, Assert.Single(rule.Backends));
        Assert.Equal(("Custom-Analytics-Profile", "Custom-Network-Security-Policy"), (rule.AnalyticsProfile, rule.NetworkSecurityPolicy));
        Assert.Equal(new L4ClientLogs(true, 30, 0), rule.ClientLogs);
        Assert.Equal(new L4PerformanceLimits(105, 100), rule.PerformanceLimits);
        Assert.Equal("Custom-Security-Policy", rule.SecurityPolicy);
        Assert.Empty(rule.Ignored);
        Assert.Equal(RuleStatus.Accepted, rule.Status);
        Assert.Equal((3L, (long?)2), (rule.Generation, rule.DecidedGeneration));
    }

    [Fact]
    public void Client_logs_left_without_throttle_or_duration_read_with_the_crds_defaults_and_a_disabled_backend_reads_disabled()
    {
        var rule = L4RuleSnapshots.From(Resource("""
            {"analyticsPolicy": {"fullClientLogs": {"enabled": true}}, "performanceLimits": {},
             "backendProperties": [{"port": 80, "protocol": "TCP", "enabled": false, "minServersUp": "two", "healthMonitorCrdRefs": ["my-health-monitor"]}]}
            """, null));

        Assert.Equal(new L4ClientLogs(true, 10, 30), rule.ClientLogs);
        Assert.Null(rule.PerformanceLimits);
        Assert.Equal((false, (int?)null), (rule.Backends[0].Enabled, rule.Backends[0].MinServersUp));
        Assert.Equal(["my-health-monitor"], rule.Backends[0].HealthMonitorCrdRefs);
        Assert.Empty(rule.Ignored);
    }

    [Fact]
    public void Listener_properties_the_vs_ssl_fields_and_route_revocation_read_as_set()
    {
        var rule = L4RuleSnapshots.From(Resource("""
            {"listenerProperties": [{"port": 443, "protocol": "TCP", "enableSsl": true}], "sslProfileRef": "Custom-L4-SSL-Profile",
             "sslKeyAndCertificateRefs": ["Custom-L4-SSL-Key-Cert"], "revokeVipRoute": true}
            """, null));

        Assert.Equal([new L4RuleListener(443, "TCP", true)], rule.Listeners);
        Assert.True(rule.EnablesSsl);
        Assert.Equal(("Custom-L4-SSL-Profile", true), (rule.SslProfile, rule.RevokeVipRoute));
        Assert.Equal(["Custom-L4-SSL-Key-Cert"], rule.SslCertificates);
        Assert.Empty(rule.Ignored);
    }

    [Fact]
    public void The_crds_defaults_alone_ask_for_nothing_unacted()
    {
        var rule = L4RuleSnapshots.From(Resource("""
            {"analyticsProfileRef": "System-Analytics-Profile", "applicationProfileRef": "System-L4-Application", "networkProfileRef": "System-TCP-Proxy",
             "backendProperties": [{"port": 53, "protocol": "UDP", "enabled": true, "lbAlgorithm": "LB_ALGORITHM_LEAST_CONNECTIONS"}]}
            """, null));

        Assert.Empty(rule.Ignored);
        Assert.Null(rule.Status);
        Assert.Equal((53, "UDP"), (rule.Backends[0].Port, rule.Backends[0].Protocol));
    }

    private static CustomResource Resource(string spec, string? status) => new()
    {
        ApiVersion = "ako.vmware.com/v1alpha2",
        Kind = "L4Rule",
        Metadata = new V1ObjectMeta
        {
            Name = "my-l4-rule", NamespaceProperty = "green", Uid = "u-1", Generation = 3,
            Annotations = new Dictionary<string, string> { [RuleAdmission.Annotation] = "2" },
        },
        Spec = JsonDocument.Parse(spec).RootElement,
        Status = status is null ? null : JsonDocument.Parse(status).RootElement,
    };
}
