using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class ListTests
{
    [Fact]
    public async Task Paging_walks_three_pages_through_next_and_next_keeps_every_filter()
    {
        await using var scope = await SimulatorScope.StartAsync();
        for (var i = 0; i < 60; i++)
        {
            await scope.Client.CreateAsync("pool", Bodies.Pool($"c1--pool-{i:D2}", "ako-c1"));
        }
        for (var i = 0; i < 10; i++)
        {
            await scope.Client.CreateAsync("pool", Bodies.Pool($"other-{i}", "someone-else"));
        }
        var names = new List<string>();
        var pages = 0;
        string? next = "/api/pool?created_by=ako-c1&name.contains=c1--&include_name&page_size=25";
        while (next is not null)
        {
            var page = await scope.Client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages++;
            Assert.Equal(60, page.Object["count"]!.GetValue<int>());
            var results = page.Object["results"]!.AsArray();
            names.AddRange(results.Select(r => r!["name"]!.GetValue<string>()));
            Assert.All(results, r => Assert.EndsWith("#" + r!["name"]!.GetValue<string>(), r["url"]!.GetValue<string>()));
            next = page.Object["next"]?.GetValue<string>();
            if (next is not null)
            {
                Assert.StartsWith(scope.Sim.HttpUrl + "/api/pool?", next);
                Assert.Contains("created_by=ako-c1", next);
                Assert.Contains("name.contains=c1--", next);
                Assert.Contains("include_name", next);
                Assert.Contains("page_size=25", next);
                Assert.Contains($"page={pages + 1}", next);
            }
            else
            {
                Assert.False(page.Object.ContainsKey("next"));
            }
        }
        Assert.Equal(3, pages);
        Assert.Equal(60, names.Count);
        Assert.Equal(60, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("c1--pool-", n));
    }

    [Fact]
    public async Task Default_page_size_is_25_and_the_last_page_has_no_next()
    {
        await using var scope = await SimulatorScope.StartAsync();
        for (var i = 0; i < 26; i++)
        {
            await scope.Client.CreateAsync("pool", Bodies.Pool($"p{i}"));
        }
        var first = await scope.Client.GetAsync("/api/pool");
        Assert.Equal(25, first.Object["results"]!.AsArray().Count);
        Assert.Equal(26, first.Object["count"]!.GetValue<int>());
        var second = await scope.Client.GetAsync(first.Object["next"]!.GetValue<string>());
        Assert.Single(second.Object["results"]!.AsArray());
        Assert.False(second.Object.ContainsKey("next"));
    }

    [Fact]
    public async Task A_name_query_still_returns_the_envelope()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var hit = await scope.Client.GetAsync("/api/cloud?name=Default-Cloud");
        Assert.Equal(1, hit.Object["count"]!.GetValue<int>());
        Assert.Equal("Default-Cloud", hit.Object["results"]![0]!["name"]!.GetValue<string>());
        var miss = await scope.Client.GetAsync("/api/cloud?name=nope");
        Assert.Equal(0, miss.Object["count"]!.GetValue<int>());
        Assert.Empty(miss.Object["results"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/vrfcontext?name=global&include_name")]
    [InlineData("/api/vrfcontext?name=global&include_name=")]
    [InlineData("/api/vrfcontext?name=global&include_name=true")]
    [InlineData("//api/vrfcontext/?name=global&include_name")]
    public async Task Include_name_appends_the_name_to_every_ref_and_url_in_any_flag_spelling(string path)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vrf = (await scope.Client.GetAsync(path)).Object["results"]![0]!;
        Assert.EndsWith("#global", vrf["url"]!.GetValue<string>());
        Assert.EndsWith("#Default-Cloud", vrf["cloud_ref"]!.GetValue<string>());
        Assert.EndsWith("/api/tenant/admin#admin", vrf["tenant_ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_include_name_refs_have_no_suffix()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vrf = (await scope.Client.GetAsync("/api/vrfcontext?name=global")).Object["results"]![0]!;
        Assert.DoesNotContain("#", vrf["cloud_ref"]!.GetValue<string>());
        Assert.DoesNotContain("#", vrf["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_name_in_cloud_vrf_se_group_and_labels_select_exactly_the_matching_objects()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        await client.CreateAsync("vsvip", Bodies.VsVip("a"));
        await client.CreateAsync("vsvip", Bodies.VsVip("b"));
        await client.CreateAsync("virtualservice", Bodies.VirtualService("vs-a", "a"));
        await client.CreateAsync("virtualservice", Bodies.VirtualService("vs-b", "b"));
        int Count(AviResponse r) => r.Object["count"]!.GetValue<int>();
        Assert.Equal(2, Count(await client.GetAsync("/api/virtualservice?name.in=vs-a,vs-b,nothing")));
        Assert.Equal(3, Count(await client.GetAsync("/api/virtualservice?cloud_ref.name=Default-Cloud")));
        var cloudUuid = (await client.GetAsync("/api/cloud?name=Default-Cloud")).Object["results"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(3, Count(await client.GetAsync($"/api/virtualservice?cloud_ref.uuid={cloudUuid}")));
        Assert.Equal(3, Count(await client.GetAsync($"/api/vsvip?cloud_uuid={cloudUuid}")));
        Assert.Equal(0, Count(await client.GetAsync("/api/virtualservice?cloud_ref.uuid=cloud-other")));
        Assert.Equal(3, Count(await client.GetAsync("/api/virtualservice?vrf_context_ref.name=global")));
        Assert.Equal(0, Count(await client.GetAsync("/api/virtualservice?vrf_context_ref.name=management")));
        Assert.Equal(3, Count(await client.GetAsync("/api/virtualservice?se_group_ref.name=Default-Group")));
        Assert.Equal(2, Count(await client.GetAsync("/api/virtualservice?created_by=ako-c1")));

        var seg = (await client.GetAsync("/api/serviceenginegroup?name=Default-Group")).Object["results"]![0]!.AsObject();
        seg["labels"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = "avi-cluster" });
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/serviceenginegroup/{seg["uuid"]}", seg)).Status);
        Assert.Equal(1, Count(await client.GetAsync("/api/serviceenginegroup?label_key=clustername&label_value=avi-cluster")));
        Assert.Equal(0, Count(await client.GetAsync("/api/serviceenginegroup?label_key=clustername&label_value=other")));
        await client.CreateAsync("pool", Bodies.Pool("marked"));
        Assert.Equal(1, Count(await client.GetAsync("/api/pool?label_key=clustername&label_value=c1")));
    }

    [Fact]
    public async Task Fields_projects_the_results_but_keeps_url_and_uuid()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var cloud = (await scope.Client.GetAsync("/api/cloud?fields=name,vtype")).Object["results"]![0]!.AsObject();
        Assert.Equal(["name", "url", "uuid", "vtype"], cloud.Select(kv => kv.Key).Order().ToArray());
    }

    [Fact]
    public async Task Tenant_star_lists_objects_of_every_tenant_while_a_tenant_sees_its_own()
    {
        var profile = Profiles.SeedProfile.Default with { Tenants = ["red"] };
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = profile });
        await scope.Client.CreateAsync("pool", Bodies.Pool("admin-pool"));
        scope.Client.Tenant = "red";
        await scope.Client.CreateAsync("pool", Bodies.Pool("red-pool"));
        var red = await scope.Client.GetAsync("/api/pool");
        Assert.Equal(["red-pool"], red.Object["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        scope.Client.Tenant = "*";
        var all = await scope.Client.GetAsync("/api/pool");
        Assert.Equal(2, all.Object["count"]!.GetValue<int>());
        scope.Client.Tenant = "admin";
        Assert.Equal(1, (await scope.Client.GetAsync("/api/pool")).Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Trailing_slashes_and_double_leading_slashes_are_tolerated()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("p"));
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync($"//api/pool/{pool["uuid"]}/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync("/api/pool/")).Status);
        Assert.Equal(HttpStatusCode.Created, (await scope.Client.PostAsync("//api/pool/", Bodies.Pool("q"))).Status);
    }

    [Fact]
    public async Task Invalid_paging_parameters_are_400()
    {
        await using var scope = await SimulatorScope.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await scope.Client.GetAsync("/api/pool?page=0")).Status);
        Assert.Contains("page_size", (await scope.Client.GetAsync("/api/pool?page_size=abc")).Error);
    }
}
