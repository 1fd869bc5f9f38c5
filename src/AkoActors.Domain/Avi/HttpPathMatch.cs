namespace AkoActors.Domain.Avi;

/// <summary>How a request path is matched: Kubernetes pathType Exact → EQUALS, Prefix → BEGINS_WITH.</summary>
public sealed record HttpPathMatch(string Criteria, string Path)
{
    public const string EqualsCriteria = "EQUALS";
    public const string BeginsWithCriteria = "BEGINS_WITH";

    public static HttpPathMatch Exact(string path) => new(EqualsCriteria, path);

    public static HttpPathMatch Prefix(string path) => new(BeginsWithCriteria, path);

    public bool IsExact => Criteria == EqualsCriteria;
}
