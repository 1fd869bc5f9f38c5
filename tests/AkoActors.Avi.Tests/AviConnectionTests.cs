using System.Text.Json.Nodes;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;

namespace AkoActors.Avi.Tests;

/// <summary>The session against the simulator over HTTPS: login, CSRF, version, expiry, refused passwords.</summary>
public sealed class AviConnectionTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private static readonly AviCallContext Admin = new("admin", "test");

    [Fact]
    public async Task Logs_in_over_https_trusting_the_controllers_certificate_and_learns_its_version()
    {
        fixture.Sim.Simulator.Reset();
        using var connection = fixture.Connect();
        var rest = new AviRestClient(connection);

        var data = await rest.GetPathAsync("api/initial-data", Admin, CancellationToken.None);

        Assert.Equal("22.1.3", data["version"]?["Version"]?.GetValue<string>());
        Assert.Equal("22.1.3", connection.ApiVersion);
    }

    [Fact]
    public async Task Writes_carry_the_csrf_token_and_the_replica_header_the_audit_log_attributes()
    {
        fixture.Sim.Simulator.Reset();
        using var connection = fixture.Connect();
        var rest = new AviRestClient(connection);

        var created = await rest.CreateAsync("pool", new JsonObject { ["name"] = "p-csrf" }, Admin, CancellationToken.None);

        Assert.StartsWith("pool-", created["uuid"]!.GetValue<string>(), StringComparison.Ordinal);
        var entry = Assert.Single(fixture.Sim.Simulator.Audit.Entries, e => e.Name == "p-csrf");
        Assert.Equal(("POST", 201, "test-replica", "ako-actors"), (entry.Method, entry.Status, entry.Replica, entry.UserAgent));
    }

    [Fact]
    public async Task An_expired_session_is_replaced_by_one_new_login_and_the_request_succeeds()
    {
        fixture.Sim.Simulator.Reset();
        var observer = new CountingObserver();
        using var connection = fixture.Connect(observer);
        var rest = new AviRestClient(connection);
        await rest.ListAsync("pool", [], Admin, CancellationToken.None);

        Assert.True(fixture.Sim.Simulator.ExpireSessions() >= 1);
        var pools = await rest.ListAsync("pool", [], Admin, CancellationToken.None);

        Assert.Empty(pools);
        Assert.Equal(2, observer.Count("POST login"));
        Assert.Equal(3, observer.Count("GET pool"));
    }

    [Fact]
    public async Task A_session_expired_answer_419_is_handled_as_401_one_new_login_and_the_request_succeeds()
    {
        fixture.Sim.Simulator.Reset();
        fixture.Sim.Simulator.ExpiredSessionStatus = 419;
        var observer = new CountingObserver();
        using var connection = fixture.Connect(observer);
        var rest = new AviRestClient(connection);
        await rest.ListAsync("pool", [], Admin, CancellationToken.None);

        Assert.True(fixture.Sim.Simulator.ExpireSessions() >= 1);
        var pools = await rest.ListAsync("pool", [], Admin, CancellationToken.None);
        var created = await rest.CreateAsync("pool", new JsonObject { ["name"] = "p-after-419" }, Admin, CancellationToken.None);

        Assert.Empty(pools);
        Assert.NotNull(created["uuid"]);
        Assert.Equal(2, observer.Count("POST login"));
        Assert.Equal(1, observer.Count("GET pool 419"));
        fixture.Sim.Simulator.Reset();
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_invalid_credentials_and_not_retried_before_the_backoff()
    {
        fixture.Sim.Simulator.Reset();
        var observer = new CountingObserver();
        using var connection = fixture.Connect(observer, new AviCredentials("admin", "wrong", null));
        var rest = new AviRestClient(connection);

        var first = await Assert.ThrowsAsync<AviApiException>(() => rest.ListAsync("pool", [], Admin, CancellationToken.None));
        var second = await Assert.ThrowsAsync<AviApiException>(() => rest.ListAsync("pool", [], Admin, CancellationToken.None));

        Assert.Equal(AviErrorKind.InvalidCredentials, first.Error.Kind);
        Assert.Equal("Invalid credentials", first.Error.Message);
        Assert.Equal(AviErrorKind.InvalidCredentials, second.Error.Kind);
        Assert.Equal(1, observer.Count("POST login"));

        connection.UpdateCredentials(new AviCredentials(fixture.Sim.Credentials!.Username, fixture.Sim.Credentials.Password, null));
        Assert.Empty(await rest.ListAsync("pool", [], Admin, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_controller_is_a_transient_error_with_no_response_status()
    {
        using var connection = new AviConnection(
            new AviClientOptions { BaseUrl = new Uri("http://127.0.0.1:9"), RequestTimeout = TimeSpan.FromSeconds(5) },
            new AviCredentials("admin", "admin", null));
        var rest = new AviRestClient(connection);

        var error = await Assert.ThrowsAsync<AviApiException>(() => rest.ListAsync("pool", [], Admin, CancellationToken.None));

        Assert.Equal((AviErrorKind.Transient, 0), (error.Error.Kind, error.Error.Status));
    }

    [Fact]
    public async Task A_server_error_is_transient_and_carries_the_controllers_message()
    {
        fixture.Sim.Simulator.Reset();
        fixture.Sim.Simulator.Faults.AddRule(new AviSim.Faults.FaultRule("GET", "pool", 1.0, 503, """{"error": "Controller is busy"}""", 1));
        using var connection = fixture.Connect();
        var rest = new AviRestClient(connection);

        var error = await Assert.ThrowsAsync<AviApiException>(() => rest.ListAsync("pool", [], Admin, CancellationToken.None));

        Assert.Equal((AviErrorKind.Transient, 503, "Controller is busy"), (error.Error.Kind, error.Error.Status, error.Error.Message));
        Assert.Empty(await rest.ListAsync("pool", [], Admin, CancellationToken.None));
    }

    [Fact]
    public async Task Lists_follow_next_across_pages_keeping_the_filter()
    {
        fixture.Sim.Simulator.Reset();
        var observer = new CountingObserver();
        using var connection = fixture.Connect(observer);
        var rest = new AviRestClient(connection, pageSize: 2);
        for (var i = 0; i < 10; i++)
        {
            await rest.CreateAsync("pool", new JsonObject { ["name"] = $"paged-{i}", ["created_by"] = i % 2 == 0 ? "ako-c1" : "other" }, Admin,
                CancellationToken.None);
        }

        var mine = await rest.ListAsync("pool", [new("created_by", "ako-c1")], Admin, CancellationToken.None);

        Assert.Equal(["paged-0", "paged-2", "paged-4", "paged-6", "paged-8"], mine.Select(p => p["name"]!.GetValue<string>()).Order());
        Assert.Equal(3, observer.Count("GET pool"));
    }
}
