namespace AkoActors.Testing.Kubectl;

/// <summary>kubectl is not installed: tests that drive it must fail loudly, because a machine without it cannot prove the API works with a real client.</summary>
public sealed class KubectlMissingException : Exception
{
    /// <summary>Creates the exception with instructions.</summary>
    public KubectlMissingException()
        : base("kubectl was not found on the PATH (or in $KUBECTL). These tests drive the real kubectl against the simulator; install it (Debian: apt-get install kubernetes-client, which .ci/run does) and run them again.")
    {
    }
}
