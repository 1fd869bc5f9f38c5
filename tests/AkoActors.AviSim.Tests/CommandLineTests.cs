namespace AkoActors.AviSim.Tests;

/// <summary>The executable's <c>--tenant</c> and <c>--user</c> options, for harnesses that run AviSim as a process.</summary>
public class CommandLineTests
{
    [Fact]
    public void Tenant_and_user_options_extend_the_profile_and_a_user_may_be_limited_to_some_tenants()
    {
        var (options, _) = AviSimCommand.Parse(
            ["--tenant", "team-a", "--tenant", "team-b", "--user", "ops:pw:team-a, team-b", "--user", "root:pw2"]);
        var profile = options.Profile!;
        Assert.Equal(["team-a", "team-b"], profile.Tenants);
        Assert.Equal(["admin", "ops", "root"], profile.Users.Select(u => u.Username));
        Assert.Equal(["team-a", "team-b"], profile.Users.Single(u => u.Username == "ops").Tenants!);
        Assert.True(profile.Users.Single(u => u.Username == "root").HasAllTenants);
    }

    [Fact]
    public void A_user_given_again_replaces_the_profiles_user_of_that_name()
    {
        var (options, _) = AviSimCommand.Parse(["--user", "admin:other:admin"]);
        var admin = Assert.Single(options.Profile!.Users);
        Assert.Equal("other", admin.Password);
        Assert.Equal(["admin"], admin.Tenants!);
    }

    [Theory]
    [InlineData("ops", "must be NAME:PASSWORD or NAME:PASSWORD:TENANT,TENANT")]
    [InlineData("ops:", "must be NAME:PASSWORD or NAME:PASSWORD:TENANT,TENANT")]
    [InlineData(":s3cret", "must be NAME:PASSWORD or NAME:PASSWORD:TENANT,TENANT")]
    [InlineData("ops:s3cret:", "lists no tenant after the second ':'; omit it for every tenant")]
    public void A_malformed_user_is_refused_with_the_expected_form_and_never_the_password(string user, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => AviSimCommand.Parse(["--user", user]));
        Assert.EndsWith(expected, error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }
}
