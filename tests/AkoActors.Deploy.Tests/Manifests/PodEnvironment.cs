using System.Text;
using System.Text.Json.Nodes;

namespace AkoActors.Deploy.Tests.Manifests;

/// <summary>What the controller's container would see in a pod made from the rendered Deployment: its environment
/// (ConfigMap and Secret references resolved against the rendered objects, the downward API filled in), its command line
/// (the image's entrypoint from deploy/Dockerfile followed by the args), and its Secret volumes written to a folder.</summary>
public sealed class PodEnvironment : IDisposable
{
    private readonly string _root;

    private PodEnvironment(string root, IReadOnlyDictionary<string, string> variables, IReadOnlyList<string> commandLine)
    {
        _root = root;
        Variables = variables;
        CommandLine = commandLine;
    }

    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The arguments after <c>dotnet AkoActors.dll</c>, as Program.Main receives them.</summary>
    public IReadOnlyList<string> CommandLine { get; }

    public static PodEnvironment Of(ManifestSet rendered, string dockerfile, string podName, string podIp)
    {
        var deployment = rendered.Get("Deployment", "ako-actors");
        var podSpec = deployment["spec"]!["template"]!["spec"]!;
        var container = podSpec["containers"]![0]!;
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in container["env"]!.AsArray())
        {
            var name = entry!["name"]!.GetValue<string>();
            if (Resolve(rendered, entry, ns, podName, podIp) is { } value) variables[name] = value;
        }

        var root = Directory.CreateTempSubdirectory("pod-").FullName;
        var args = container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        foreach (var mount in container["volumeMounts"]?.AsArray() ?? [])
        {
            var volume = podSpec["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == mount!["name"]!.GetValue<string>())!;
            var mountPath = mount!["mountPath"]!.GetValue<string>();
            var local = Path.Combine(root, mountPath.TrimStart('/'));
            Directory.CreateDirectory(local);
            var secret = rendered.Get("Secret", volume["secret"]!["secretName"]!.GetValue<string>());
            foreach (var item in volume["secret"]!["items"]!.AsArray())
            {
                var data = secret["data"]![item!["key"]!.GetValue<string>()]!.GetValue<string>();
                File.WriteAllBytes(Path.Combine(local, item["path"]!.GetValue<string>()), Convert.FromBase64String(data));
            }
            args = args.Select(a => a.StartsWith(mountPath + "/", StringComparison.Ordinal) ? Path.Combine(local, a[(mountPath.Length + 1)..]) : a).ToList();
        }
        return new PodEnvironment(root, variables, [.. EntrypointArguments(dockerfile), .. args]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    /// <summary>The ENTRYPOINT's arguments after the assembly (["dotnet", "AkoActors.dll", "run"] → ["run"]).</summary>
    private static IEnumerable<string> EntrypointArguments(string dockerfile)
    {
        var line = File.ReadLines(dockerfile).Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        var entrypoint = JsonNode.Parse(line["ENTRYPOINT".Length..])!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        return entrypoint.SkipWhile(a => !a.EndsWith(".dll", StringComparison.Ordinal)).Skip(1);
    }

    private static string? Resolve(ManifestSet rendered, JsonNode entry, string ns, string podName, string podIp)
    {
        if (entry["value"] is { } literal) return literal.GetValue<string>();
        var source = entry["valueFrom"]!;
        if (source["fieldRef"]?["fieldPath"]?.GetValue<string>() is { } field)
        {
            return field switch
            {
                "metadata.name" => podName,
                "metadata.namespace" => ns,
                "status.podIP" => podIp,
                _ => throw new InvalidDataException($"no downward-API value for {field} in this test"),
            };
        }
        if (source["configMapKeyRef"] is { } configMapRef)
        {
            return Lookup(rendered, "ConfigMap", configMapRef, value => value);
        }
        if (source["secretKeyRef"] is { } secretRef)
        {
            return Lookup(rendered, "Secret", secretRef, value => Encoding.UTF8.GetString(Convert.FromBase64String(value)));
        }
        throw new InvalidDataException($"unsupported env source: {entry}");
    }

    /// <summary>A key of a ConfigMap or Secret; a missing one is an error unless the reference is optional, as in the kubelet.</summary>
    private static string? Lookup(ManifestSet rendered, string kind, JsonNode reference, Func<string, string> decode)
    {
        var name = reference["name"]!.GetValue<string>();
        var key = reference["key"]!.GetValue<string>();
        var optional = reference["optional"]?.GetValue<bool>() ?? false;
        var data = rendered.Contains(kind, name) ? rendered.Get(kind, name)["data"]?[key] : null;
        if (data is null && !optional) throw new InvalidDataException($"the pod would not start: {kind} {name} has no key {key} and the reference is not optional");
        return data is null ? null : decode(data.GetValue<string>());
    }
}
