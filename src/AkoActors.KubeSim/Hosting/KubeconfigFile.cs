using System.Text;

namespace AkoActors.KubeSim.Hosting;

/// <summary>Writes the kubeconfig clients use to reach KubeSim: server URL, CA data, bearer token, and a context whose namespace is default.</summary>
public static class KubeconfigFile
{
    /// <summary>The kubeconfig text.</summary>
    public static string Render(string serverUrl, string? caPem, string? token, string contextName = "kubesim")
    {
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("clusters:");
        text.AppendLine($"- name: {contextName}");
        text.AppendLine("  cluster:");
        text.AppendLine($"    server: {serverUrl}");
        if (caPem is not null)
        {
            text.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))}");
        }
        text.AppendLine("contexts:");
        text.AppendLine($"- name: {contextName}");
        text.AppendLine("  context:");
        text.AppendLine($"    cluster: {contextName}");
        text.AppendLine($"    user: {contextName}-admin");
        text.AppendLine("    namespace: default");
        text.AppendLine($"current-context: {contextName}");
        text.AppendLine("preferences: {}");
        text.AppendLine("users:");
        text.AppendLine($"- name: {contextName}-admin");
        text.AppendLine(token is null ? "  user: {}" : $"  user:\n    token: {token}");
        return text.ToString();
    }

    /// <summary>Writes the kubeconfig to a file readable only by the current user (it holds the token).</summary>
    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
