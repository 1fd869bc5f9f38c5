namespace AkoActors.Testing.Kubectl;

/// <summary>A kubectl command that was expected to succeed exited non-zero; the message carries the command and its output.</summary>
public sealed class KubectlFailedException : Exception
{
    /// <summary>Creates the exception from the failed result.</summary>
    public KubectlFailedException(KubectlResult result)
        : base("kubectl failed:\n" + result)
    {
        Result = result;
    }

    /// <summary>The failed invocation.</summary>
    public KubectlResult Result { get; }
}
