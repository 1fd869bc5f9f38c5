using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class SessionTests
{
    [Fact]
    public async Task Login_sets_csrftoken_sessionid_and_avi_sessionid_cookies()
    {
        await using var sim = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = null });
        using var client = new AviTestClient(sim);
        var response = await client.LoginAsync("admin", "admin");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var cookies = client.Cookies.GetCookies(new Uri(sim.HttpUrl));
        Assert.NotNull(cookies["csrftoken"]);
        Assert.NotNull(cookies["sessionid"]);
        Assert.NotNull(cookies["avi-sessionid"]);
        Assert.Equal(cookies["sessionid"]!.Value, cookies["avi-sessionid"]!.Value);
        Assert.Equal("22.1.3", response.Object["version"]!["Version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_password_is_401_invalid_credentials()
    {
        await using var sim = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = null });
        using var client = new AviTestClient(sim);
        var response = await client.LoginAsync("admin", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Invalid credentials", response.Error);
        Assert.Null(client.Cookies.GetCookies(new Uri(sim.HttpUrl))["sessionid"]);
    }

    [Fact]
    public async Task Login_without_a_password_is_a_400_not_invalid_credentials()
    {
        await using var sim = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = null });
        using var client = new AviTestClient(sim);
        var response = await client.PostAsync("/login", new JsonObject { ["username"] = "admin" });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("password", response.Error);
    }

    [Fact]
    public async Task Requests_without_a_session_get_401_authentication_credentials_were_not_provided()
    {
        await using var sim = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = null });
        using var client = new AviTestClient(sim);
        var response = await client.GetAsync("/api/pool");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Authentication credentials were not provided.", response.Error);
    }

    [Fact]
    public async Task A_write_without_the_matching_csrf_token_is_401_and_changes_nothing()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        client.CsrfToken = "not-the-token";
        var response = await client.PostAsync("/api/pool", Bodies.Pool("p1"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("CSRF", response.Error);
        client.CsrfToken = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/pool", Bodies.Pool("p1"))).Status);
        Assert.Equal(0, (await client.GetAsync("/api/pool")).Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_timeout_expires_and_a_new_login_works()
    {
        var clock = new ManualTimeProvider();
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions
        {
            HttpsPort = null, TimeProvider = clock, SessionIdleTimeout = TimeSpan.FromMinutes(15),
        });
        var client = scope.Client;
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pool")).Status);
        clock.Advance(TimeSpan.FromMinutes(14)); // activity above reset the idle timer
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pool")).Status);
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var expired = await client.GetAsync("/api/pool");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("Authentication credentials were not provided.", expired.Error);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("admin", "admin")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pool")).Status);
    }

    [Fact]
    public async Task Forced_session_expiry_over_sim_makes_the_next_request_401()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var expire = await scope.Client.PostAsync("/sim/sessions/expire", new JsonObject());
        Assert.Equal(1, expire.Object["expired"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await scope.Client.GetAsync("/api/pool")).Status);
    }

    [Fact]
    public async Task Users_come_from_the_options_and_replace_the_demo_account()
    {
        await using var sim = await AviSimServer.StartAsync(new AviSimOptions
        {
            HttpsPort = null, Users = [new AviSimUser("ops", "s3cret", Token: "tok-1")],
        });
        using var client = new AviTestClient(sim);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("admin", "admin")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("ops", "s3cret")).Status);
        var byToken = await client.PostAsync("/login", new JsonObject { ["username"] = "ops", ["token"] = "tok-1" });
        Assert.Equal(HttpStatusCode.OK, byToken.Status);
        Assert.Equal("ops", sim.Credentials!.Username);
    }

    [Fact]
    public async Task Https_serves_the_same_api_with_the_handed_out_certificate()
    {
        await using var sim = await AviSimServer.StartAsync();
        Assert.StartsWith("https://127.0.0.1:", sim.HttpsUrl);
        Assert.Contains("BEGIN CERTIFICATE", sim.HttpsCertificatePem);
        using var client = await AviTestClient.LoginAsync(sim, https: true);
        var pools = await client.GetAsync("/api/cloud");
        Assert.Equal(HttpStatusCode.OK, pools.Status);
        Assert.StartsWith(sim.HttpsUrl + "/api/cloud/", pools.Object["results"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_versions_up_to_the_controllers_are_accepted_and_newer_ones_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync("/api/cloud")).Status); // the client sends 22.1.3
        var handler = scope.Sim.CreateHttpClientHandler();
        handler.CookieContainer = scope.Client.Cookies;
        using var http = new HttpClient(handler);
        foreach (var (version, expected) in new[] { ("20.1.3", HttpStatusCode.OK), ("30.1.1", HttpStatusCode.BadRequest), ("x.y", HttpStatusCode.BadRequest) })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, scope.Sim.HttpUrl + "/api/cloud");
            message.Headers.Add("X-Avi-Version", version);
            using var response = await http.SendAsync(message);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_idle_timeout_can_be_changed_over_sim()
    {
        var clock = new ManualTimeProvider();
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, TimeProvider = clock });
        var set = await scope.Client.PutAsync("/sim/sessions", new JsonObject { ["idle_timeout_seconds"] = 60 });
        Assert.Equal(60, set.Object["idle_timeout_seconds"]!.GetValue<double>());
        Assert.Equal(1, set.Object["active"]!.GetValue<int>());
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await scope.Client.GetAsync("/api/pool")).Status);
    }

    [Fact]
    public async Task When_asked_an_expired_session_is_answered_419_and_a_request_without_one_still_401()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var set = await scope.Client.PutAsync("/sim/sessions", new JsonObject { ["expired_status"] = 419 });
        Assert.Equal(419, set.Object["expired_status"]!.GetValue<int>());
        await scope.Client.PostAsync("/sim/sessions/expire", new JsonObject());

        var expired = await scope.Client.GetAsync("/api/pool");
        using var anonymous = new AviTestClient(scope.Sim);
        var withoutSession = await anonymous.GetAsync("/api/pool");

        Assert.Equal(419, (int)expired.Status);
        Assert.Equal("Session expired", expired.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutSession.Status);
    }

    [Fact]
    public async Task An_expired_status_other_than_401_or_419_is_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var set = await scope.Client.PutAsync("/sim/sessions", new JsonObject { ["expired_status"] = 403 });
        Assert.Equal(HttpStatusCode.BadRequest, set.Status);
    }
}
