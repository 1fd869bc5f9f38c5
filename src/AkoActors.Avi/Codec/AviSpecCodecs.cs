namespace AkoActors.Avi.Codec;

/// <summary>The codec for each object type this controller manages or meets in a tree it takes over from AKO.</summary>
public static class AviSpecCodecs
{
    private static readonly Dictionary<string, IAviSpecCodec> ByType = new IAviSpecCodec[]
    {
        new VsVipCodec(),
        new PoolCodec(),
        new L4PolicySetCodec(),
        new VirtualServiceCodec(),
        new PoolGroupCodec(),
        new HttpPolicySetCodec(),
        new SslCertificateCodec(),
        new VsDataScriptSetCodec(),
        new PkiProfileCodec(),
    }.ToDictionary(c => c.Type, StringComparer.Ordinal);

    public static IAviSpecCodec For(string type) =>
        ByType.TryGetValue(type, out var codec) ? codec : throw new NotSupportedException($"No codec for Avi object type '{type}'");

    public static bool Supports(string type) => ByType.ContainsKey(type);
}
