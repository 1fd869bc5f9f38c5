using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Hosting;

/// <summary>
/// What a restarted KubeSim must present to be the same API server to its clients: the CA, the serving certificate with
/// its key, and the bearer token. Kept next to the <c>--snapshot</c> file (<c>&lt;snapshot&gt;.identity.json</c>, readable by
/// its owner only) and written at start, so even a killed KubeSim comes back with credentials its clients still trust.
/// </summary>
public static class ServerIdentityFile
{
    /// <summary>The identity file that belongs to a snapshot file.</summary>
    public static string PathFor(string snapshotPath) => snapshotPath + ".identity.json";

    /// <summary>The saved certificate and token, or null when the file does not exist.</summary>
    public static (ServingCertificate? Certificate, string? Token)? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var identity = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty; delete it to start with a new identity");
        ServingCertificate? certificate = null;
        if (identity["authority"]?.GetValue<string>() is { } authority && identity["server"]?.GetValue<string>() is { } server)
        {
            certificate = ServingCertificate.Restore(
                X509CertificateLoader.LoadCertificate(Convert.FromBase64String(authority)),
                X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(server), null));
        }
        return (certificate, identity["token"]?.GetValue<string>());
    }

    /// <summary>Writes the identity (owner read/write only: it holds a private key and the token).</summary>
    public static void Save(string path, ServingCertificate? certificate, string? token)
    {
        var identity = new JsonObject
        {
            ["authority"] = certificate is null ? null : Convert.ToBase64String(certificate.Authority.Export(X509ContentType.Cert)),
            ["server"] = certificate is null ? null : Convert.ToBase64String(certificate.Server.Export(X509ContentType.Pkcs12)),
            ["token"] = token,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(temporary, identity.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }
}
