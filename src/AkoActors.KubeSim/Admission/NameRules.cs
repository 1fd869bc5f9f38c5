using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Admission;

/// <summary>The name and label syntax rules of kube-apiserver (RFC 1123 / RFC 1035), with its exact error wording.</summary>
public static partial class NameRules
{
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string Dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string QualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();

    /// <summary>Problems with a DNS-1123 label (namespaces, container names, port names).</summary>
    public static IEnumerable<string> CheckLabel(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }
        if (!Label().IsMatch(value))
        {
            yield return LabelMessage;
        }
    }

    /// <summary>Problems with a DNS-1123 subdomain (most object names, hosts).</summary>
    public static IEnumerable<string> CheckSubdomain(string value)
    {
        if (value.Length > 253)
        {
            yield return "must be no more than 253 characters";
        }
        if (!Subdomain().IsMatch(value))
        {
            yield return SubdomainMessage;
        }
    }

    /// <summary>Problems with a DNS-1035 label (Service names).</summary>
    public static IEnumerable<string> CheckDns1035(string value)
    {
        if (value.Length > 63)
        {
            yield return "must be no more than 63 characters";
        }
        if (!Dns1035().IsMatch(value))
        {
            yield return Dns1035Message;
        }
    }

    /// <summary>Problems with an object name that only has to be a valid path segment (events).</summary>
    public static IEnumerable<string> CheckPathSegment(string value)
    {
        if (value is "." or "..")
        {
            yield return $"may not be '{value}'";
        }
        foreach (var illegal in new[] { "/", "%" }.Where(c => value.Contains(c, StringComparison.Ordinal)))
        {
            yield return $"may not contain '{illegal}'";
        }
    }

    /// <summary>Whether a string is a valid IANA service name (named ports): at most 15 lowercase letters, digits and '-', with a letter.</summary>
    public static bool IsPortName(string value) =>
        value.Length is > 0 and <= 15 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
        value.Any(char.IsAsciiLetterLower) && !value.StartsWith('-') && !value.EndsWith('-') && !value.Contains("--", StringComparison.Ordinal);

    /// <summary>Field errors for a labels (or selector) map.</summary>
    public static IEnumerable<FieldError> CheckLabels(JsonObject? labels, string field)
    {
        if (labels is null)
        {
            yield break;
        }
        foreach (var (key, value) in labels)
        {
            foreach (var problem in CheckQualifiedName(key))
            {
                yield return FieldError.Invalid(field, JsonValue.Create(key), problem);
            }
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                yield return FieldError.Invalid($"{field}[{key}]", value, "label values must be strings");
                continue;
            }
            if (text.Length > 63)
            {
                yield return FieldError.Invalid(field, JsonValue.Create(text), "must be no more than 63 characters");
            }
            if (text.Length > 0 && !QualifiedName().IsMatch(text))
            {
                yield return FieldError.Invalid(field, JsonValue.Create(text), LabelValueMessage);
            }
        }
    }

    /// <summary>Problems with a qualified name (<c>prefix/name</c>) as used for label and annotation keys.</summary>
    public static IEnumerable<string> CheckQualifiedName(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0)
            {
                yield return "prefix part must be non-empty";
            }
            else
            {
                foreach (var p in CheckSubdomain(prefix))
                {
                    yield return "prefix part " + p;
                }
            }
        }
        if (name.Length == 0)
        {
            yield return "name part must be non-empty";
        }
        else if (name.Length > 63)
        {
            yield return "name part must be no more than 63 characters";
        }
        else if (!QualifiedName().IsMatch(name))
        {
            yield return QualifiedNameMessage;
        }
    }
}
