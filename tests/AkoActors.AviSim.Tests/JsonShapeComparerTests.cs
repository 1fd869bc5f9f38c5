using System.Text.Json.Nodes;
using AkoActors.Testing.Fixtures;

namespace AkoActors.AviSim.Tests;

public class JsonShapeComparerTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Equal_shapes_with_different_values_agree()
    {
        Assert.Empty(JsonShapeComparer.Compare(
            Parse("""{"a": 1, "b": "x", "c": [{"d": true}], "r": "https://avi-controller.example/api/pool/pool-1"}"""),
            Parse("""{"a": 2, "b": "y", "c": [{"d": false}, {"d": true}], "r": "http://127.0.0.1:5/api/pool/pool-9"}""")));
    }

    [Theory]
    [InlineData("""{"a": 1}""", """{"a": "1"}""", "a: expected number, got string")]
    [InlineData("""{"a": 1}""", """{}""", "a: missing")]
    [InlineData("""{"a": {"b": 1}}""", """{"a": {"b": 1, "c": 2}}""", "a.c: unexpected number")]
    [InlineData("""{"a": [{"b": 1}]}""", """{"a": []}""", "expected elements like object")]
    [InlineData("""{"a": [{"b": 1}]}""", """{"a": [{"b": 1}, {"c": 1}]}""", "a[1].b: missing")]
    [InlineData("""{"r": "https://h/api/pool/p#web"}""", """{"r": "https://h/api/pool/p"}""", "r: expected ref#name, got ref")]
    [InlineData("""{"r": "https://h/api/pool/p"}""", """{"r": "/api/pool/p"}""", "r: expected ref, got string")]
    public void Shape_differences_are_reported_with_their_path(string expected, string actual, string difference)
    {
        var differences = JsonShapeComparer.Compare(Parse(expected), Parse(actual), ["a", "r"]);
        Assert.Contains(differences, d => d.Contains(difference, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_missing_name_suffix_of_an_older_recording_is_normalised()
    {
        Assert.Empty(JsonShapeComparer.Compare(Parse("""{"r": "https://h/api/pool/p"}"""), Parse("""{"r": "https://h/api/pool/p#web"}""")));
    }

    [Fact]
    public void Selected_paths_compare_only_those_fields_and_skip_what_the_recording_lacks()
    {
        var expected = Parse("""{"servers": [{"ip": {"addr": "x", "type": "V4"}, "static": false}], "other": 1}""");
        var actual = Parse("""{"servers": [{"ip": {"addr": "y", "type": "V4"}, "port": 80}], "other": "changed"}""");
        Assert.Empty(JsonShapeComparer.Compare(expected, actual, ["servers[].ip", "servers[].port", "missing.path"]));
        Assert.Contains("servers[0].ip: missing (expected object)",
            JsonShapeComparer.Compare(expected, Parse("""{"servers": [{"port": 80}]}"""), ["servers[].ip"]));
    }
}
