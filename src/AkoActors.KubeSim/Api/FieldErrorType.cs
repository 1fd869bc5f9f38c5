namespace AkoActors.KubeSim.Api;

/// <summary>The kinds of field error kube-apiserver reports (k8s.io/apimachinery field.ErrorType).</summary>
public enum FieldErrorType
{
    /// <summary>Present but wrong.</summary>
    Invalid,

    /// <summary>Missing.</summary>
    Required,

    /// <summary>Outside an enumeration.</summary>
    NotSupported,

    /// <summary>Repeats another value.</summary>
    Duplicate,

    /// <summary>Not allowed here.</summary>
    Forbidden,

    /// <summary>Larger than the limit (the value itself is omitted from the message).</summary>
    TooLong,

    /// <summary>More items than the limit.</summary>
    TooMany,
}
