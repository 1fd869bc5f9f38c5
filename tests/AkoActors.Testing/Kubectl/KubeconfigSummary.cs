using YamlDotNet.RepresentationModel;

namespace AkoActors.Testing.Kubectl;

/// <summary>The parts of a kubeconfig tests need (server, token, CA, namespace of the current context), read without any Kubernetes client library.</summary>
public sealed record KubeconfigSummary(string Server, string? Token, string? CertificateAuthorityData, string Namespace)
{
    /// <summary>Reads the current context of a kubeconfig file.</summary>
    public static KubeconfigSummary Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        string? Scalar(YamlNode? node, string key) =>
            node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;
        YamlNode? Child(YamlNode? node, string key) =>
            node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
        YamlNode? Named(string list, string name) =>
            (Child(root, list) as YamlSequenceNode)?.Children.FirstOrDefault(e => Scalar(e, "name") == name);

        var contextName = Scalar(root, "current-context") ?? throw new InvalidDataException($"{path} has no current-context");
        var context = Child(Named("contexts", contextName), "context");
        var cluster = Child(Named("clusters", Scalar(context, "cluster") ?? string.Empty), "cluster");
        var user = Child(Named("users", Scalar(context, "user") ?? string.Empty), "user");
        return new KubeconfigSummary(
            Scalar(cluster, "server") ?? throw new InvalidDataException($"{path} has no server"),
            Scalar(user, "token"),
            Scalar(cluster, "certificate-authority-data"),
            Scalar(context, "namespace") ?? "default");
    }
}
