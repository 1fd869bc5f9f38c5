namespace AkoActors.KubeSim.Registry;

/// <summary>The 5-character random suffixes Kubernetes appends to generated names, from its consonant-and-digit alphabet that avoids words.</summary>
public static class RandomSuffix
{
    /// <summary>The alphabet of k8s.io/apimachinery/pkg/util/rand (no vowels, no 0/1/3 lookalikes).</summary>
    public const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A random suffix of the given length.</summary>
    public static string Next(int length = 5) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });
}
