using System.Text.Json.Nodes;

namespace AkoActors.Yaml.Tests;

/// <summary>The one YAML → JSON rule set (YAML 1.2 core schema) that Kubernetes manifests, AKO values files and the
/// simulators' profiles are read by: each row is a scalar as written and the JSON it becomes.</summary>
public sealed class YamlJsonTests
{
    [Theory]
    [InlineData("v: 24", "24")]
    [InlineData("v: -3", "-3")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: 22.1.3", "\"22.1.3\"")]
    [InlineData("v: 172.16.251.0/24", "\"172.16.251.0/24\"")]
    [InlineData("v: true", "true")]
    [InlineData("v: False", "false")]
    [InlineData("v: yes", "\"yes\"")]
    [InlineData("v: null", "null")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: '24'", "\"24\"")]
    [InlineData("v: \"true\"", "\"true\"")]
    [InlineData("v: !!str 24", "\"24\"")]
    [InlineData("v: 10:30", "\"10:30\"")]
    [InlineData("v: SMALL", "\"SMALL\"")]
    public void A_scalar_becomes_the_json_of_its_core_schema_type(string yaml, string json)
    {
        var value = YamlJson.Parse(yaml)!["v"];

        Assert.Equal(json, value?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Literal_and_folded_blocks_stay_text_and_keep_their_lines()
    {
        var root = YamlJson.Parse("pem: |\n  -----BEGIN-----\n  QUJD\nfolded: >\n  a\n  b\n")!;

        Assert.Equal("-----BEGIN-----\nQUJD\n", root["pem"]!.GetValue<string>());
        Assert.Equal("a b\n", root["folded"]!.GetValue<string>());
    }

    [Fact]
    public void Mappings_and_sequences_nest_as_objects_and_arrays()
    {
        var root = YamlJson.Parse("vipNetworkList:\n- networkName: alb-vip\n  cidr: 172.16.251.0/24\n- {networkName: other}\n")!;

        Assert.Equal("""{"vipNetworkList":[{"networkName":"alb-vip","cidr":"172.16.251.0/24"},{"networkName":"other"}]}""", root.ToJsonString());
    }

    [Fact]
    public void Every_document_of_a_stream_is_returned_and_empty_ones_are_skipped()
    {
        var documents = YamlJson.ParseAll("a: 1\n---\n---\nb: 2\n");

        Assert.Equal(["""{"a":1}""", """{"b":2}"""], documents.Select(d => d!.ToJsonString()));
        Assert.Throws<FormatException>(() => YamlJson.Parse("a: 1\n---\nb: 2\n"));
        Assert.Null(YamlJson.Parse(""));
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "line 2")]
    [InlineData("? [x]\n: 1\n", "mapping keys must be scalars")]
    [InlineData("a: [1, 2\n", "line ")]
    public void Malformed_or_ambiguous_yaml_is_a_format_exception_saying_why(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => YamlJson.Parse(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_is_mutable_json_that_serialises_back_unchanged()
    {
        var root = (JsonObject)YamlJson.Parse("kind: ConfigMap\ndata: {shardVSSize: SMALL, fullSyncFrequency: '1800'}\n")!;
        root["metadata"] = new JsonObject { ["name"] = "avi-k8s-config" };

        Assert.Equal("""{"kind":"ConfigMap","data":{"shardVSSize":"SMALL","fullSyncFrequency":"1800"},"metadata":{"name":"avi-k8s-config"}}""", root.ToJsonString());
    }

    [Fact]
    public void Numbers_read_like_parsed_json_so_consumers_can_ask_for_the_width_they_need()
    {
        var mask = YamlJson.Parse("mask: 24")!["mask"]!.AsValue();

        Assert.True(mask.TryGetValue<int>(out var prefix));
        Assert.Equal(24, prefix);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, mask.GetValueKind());
    }
}
