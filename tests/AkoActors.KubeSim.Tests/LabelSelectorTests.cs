using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Selectors;

namespace AkoActors.KubeSim.Tests;

/// <summary>The labelSelector query syntax.</summary>
public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["example.com/owner"] = "red" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (web,db)", true)]
    [InlineData("app in(db)", false)]
    [InlineData("app notin (db)", true)]
    [InlineData("missing notin (db)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("! missing", true)]
    [InlineData("example.com/owner=red, app = web", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("", true)]
    public void Selector_matches_as_kubernetes_defines_it(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app in web")]
    [InlineData("app in (web")]
    [InlineData("=web")]
    [InlineData("app > 3")]
    public void Malformed_selectors_are_bad_requests(string selector)
    {
        var error = Assert.Throws<ApiException>(() => LabelSelector.Parse(selector));
        Assert.Equal(400, error.Code);
    }
}
