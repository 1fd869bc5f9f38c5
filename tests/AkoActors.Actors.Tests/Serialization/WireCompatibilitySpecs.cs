using System.Text;
using AkoActors.Actors.Ingresses;
using AkoActors.Actors.Serialization;
using AkoActors.Actors.Services;
using AkoActors.Actors.SharedVirtualServices;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using Xunit;

namespace AkoActors.Actors.Tests.Serialization;

/// <summary>The wire format is a contract between versions: what version 1 wrote (stored samples) is read back by this
/// build, this build still writes exactly that, and the shapes of neighbouring versions (a field missing, an unknown field)
/// are read as the README's version rules promise.</summary>
public sealed class WireCompatibilitySpecs
{
    private static readonly CrossReplicaSerializer Serializer = new(null!);

    public static TheoryData<string> Manifests() => new(CrossReplicaMessages.ByManifest.Keys);

    [Theory]
    [MemberData(nameof(Manifests))]
    public void A_sample_from_the_version_that_added_the_message_reads_back_as_it(string manifest)
    {
        var back = Serializer.FromBinary(Sample(FirstVersionOf(manifest), manifest), manifest);

        Assert.True(CrossReplicaMessages.SameContent(CrossReplicaMessages.ByManifest[manifest], back), $"{manifest}: read {back}");
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void This_build_writes_what_the_version_that_added_the_message_wrote(string manifest)
    {
        // A change here is a wire change: add a field (then add a sample of the new version too), never alter one.
        var written = Encoding.UTF8.GetString(Serializer.ToBinary(CrossReplicaMessages.ByManifest[manifest]));

        Assert.Equal(Encoding.UTF8.GetString(Sample(FirstVersionOf(manifest), manifest)).Trim(), written);
    }

    [Fact]
    public void A_start_only_reconcile_adds_one_field_that_version_1_reads_as_a_plain_reconcile_and_back()
    {
        var written = Encoding.UTF8.GetString(Serializer.ToBinary(new ServiceProtocol.Reconcile(new ServiceKey("red", "web")) { OnlyStart = true }));
        Assert.Equal("""{"key":{"namespace":"red","name":"web"},"onlyStart":true}""", written);

        var back = (ServiceProtocol.Reconcile)Serializer.FromBinary(Encoding.UTF8.GetBytes(written), "svc-reconcile");
        Assert.True(back.OnlyStart);
        // Version 1's shape (no field) is a plain reconcile; an older replica ignores the field and reconciles, which is harmless.
        Assert.Null(((ServiceProtocol.Reconcile)Serializer.FromBinary(Sample("v1", "svc-reconcile"), "svc-reconcile")).OnlyStart);
        var ingress = Encoding.UTF8.GetString(Serializer.ToBinary(new IngressProtocol.Reconcile(new IngressKey("shop", "web")) { OnlyStart = true }));
        Assert.True(((IngressProtocol.Reconcile)Serializer.FromBinary(Encoding.UTF8.GetBytes(ingress), "ing-reconcile")).OnlyStart);
    }

    [Fact]
    public void A_shard_status_from_before_stamps_existed_reads_with_no_stamp()
    {
        // The shape replicas sent before contributions carried stamps: the Ingress actor treats "no stamp" as "rebuilt by the VS".
        const string previous = """{"key":{"namespace":"shop","name":"web"},"virtualService":"c1--Shared-L7-0","vip":"172.16.251.4","verdict":{"servedHosts":["a.example.com"],"problems":[]}}""";

        var back = (IngressProtocol.ShardStatus)Serializer.FromBinary(Encoding.UTF8.GetBytes(previous), "ing-shard-status");

        Assert.Equal(new IngressKey("shop", "web"), back.Key);
        Assert.Equal("172.16.251.4", back.Vip);
        Assert.Equal(["a.example.com"], back.Verdict.ServedHosts);
        Assert.Null(back.Stamp);
    }

    [Fact]
    public void A_shard_status_carries_the_serving_vs_of_each_host_and_reads_without_it_from_version_1()
    {
        var status = new IngressProtocol.ShardStatus(new IngressKey("shop", "web"), "c1--Shared-L7-0", "172.16.251.4", Domain.Translation.L7.ShardVerdict.None, "0a1b-7",
            new[] { new Domain.Kubernetes.HostVirtualService("a.example.com", "virtualservice-1") }.ToEquatableArray());

        var written = Encoding.UTF8.GetString(Serializer.ToBinary(status));
        var back = (IngressProtocol.ShardStatus)Serializer.FromBinary(Encoding.UTF8.GetBytes(written), "ing-shard-status");
        var fromVersion1 = (IngressProtocol.ShardStatus)Serializer.FromBinary(Sample("v1", "ing-shard-status"), "ing-shard-status");

        Assert.Contains("\"hostVirtualServices\":[{\"host\":\"a.example.com\",\"virtualServiceUuid\":\"virtualservice-1\"}]", written, StringComparison.Ordinal);
        Assert.Equal(status, back);
        Assert.Null(fromVersion1.HostVirtualServices);
    }

    [Fact]
    public void A_shard_status_with_several_addresses_carries_them_all_beside_the_first_which_is_all_version_1_reads()
    {
        var status = new IngressProtocol.ShardStatus(new IngressKey("shop", "web"), "c1--Shared-L7-0", "172.16.251.4", Domain.Translation.L7.ShardVerdict.None, "0a1b-7")
        {
            Vips = new[] { "172.16.251.4", "2001:db8:251::4" }.ToEquatableArray(),
        };

        var written = Encoding.UTF8.GetString(Serializer.ToBinary(status));
        var back = (IngressProtocol.ShardStatus)Serializer.FromBinary(Encoding.UTF8.GetBytes(written), "ing-shard-status");
        var fromVersion1 = (IngressProtocol.ShardStatus)Serializer.FromBinary(Sample("v1", "ing-shard-status"), "ing-shard-status");

        Assert.Contains("\"vip\":\"172.16.251.4\"", written, StringComparison.Ordinal);
        Assert.Contains("\"vips\":[\"172.16.251.4\",\"2001:db8:251::4\"]", written, StringComparison.Ordinal);
        Assert.DoesNotContain("addresses", written, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status, back);
        Assert.Equal(["172.16.251.4", "2001:db8:251::4"], back.Addresses());
        Assert.Null(fromVersion1.Vips);
        Assert.Equal(fromVersion1.Vip is null ? [] : new[] { fromVersion1.Vip }, fromVersion1.Addresses());
    }

    [Fact]
    public void A_field_added_by_a_newer_version_is_ignored()
    {
        const string newer = """{"key":{"tenant":"admin","vsName":"c1--Shared-L7-0"},"ingress":{"namespace":"shop","name":"web"},"priority":3}""";

        var back = Serializer.FromBinary(Encoding.UTF8.GetBytes(newer), "vs-retract");

        Assert.Equal(new SharedVsProtocol.Retract(new ShardVsKey("admin", "c1--Shared-L7-0"), new IngressKey("shop", "web")), back);
    }

    [Fact]
    public void A_retraction_that_asks_for_an_answer_says_so_and_one_from_version_1_asks_for_none()
    {
        var asking = new SharedVsProtocol.Retract(new ShardVsKey("admin", "c1--Shared-L7-0"), new IngressKey("shop", "web")) { Answer = true };

        var written = Encoding.UTF8.GetString(Serializer.ToBinary(asking));
        var fromVersion1 = (SharedVsProtocol.Retract)Serializer.FromBinary(Sample("v1", "vs-retract"), "vs-retract");

        Assert.EndsWith(",\"answer\":true}", written, StringComparison.Ordinal);
        Assert.Equal(asking, Serializer.FromBinary(Encoding.UTF8.GetBytes(written), "vs-retract"));
        Assert.False(fromVersion1.Answer);
    }

    /// <summary>The version whose samples hold a message first: a message added later has no version 1 sample.</summary>
    private static string FirstVersionOf(string manifest) =>
        new[] { "v1", "v2", "v3" }.First(version => File.Exists(Path.Combine(AppContext.BaseDirectory, "Serialization", "WireSamples", version, manifest + ".json")));

    private static byte[] Sample(string version, string manifest) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Serialization", "WireSamples", version, manifest + ".json"));
}
