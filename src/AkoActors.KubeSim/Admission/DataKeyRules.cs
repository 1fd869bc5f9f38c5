namespace AkoActors.KubeSim.Admission;

/// <summary>The key syntax shared by ConfigMap and Secret data.</summary>
public static class DataKeyRules
{
    /// <summary>Whether a key is at most 253 characters of alphanumerics, '-', '_' and '.', and not '.' or '..'.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 253 && key is not ("." or "..") && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
