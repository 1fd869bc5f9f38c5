using System.Text.Json.Nodes;

namespace AkoActors.Avi.Codec;

/// <summary>Keeps a return to AKO safe: every object this controller writes carries a checksum AKO can never compute,
/// so AKO, started again, finds each of them changed and rewrites it in its own shape.</summary>
/// <remarks>
/// AKO decides whether to PUT a virtualservice, vsvip, pool, poolgroup or httppolicyset by comparing the checksum it
/// computes from its model (<c>strconv.Itoa(int(uint32))</c>: a non-negative decimal) with the one stored on the object
/// (<c>cloud_config_cksum</c>, on vsvips <c>vsvip_cloud_config_cksum</c>), and skips the PUT when they are equal. Carrying
/// AKO's value over a changed object would hide the change from it. Removing the field is no better: AKO's cache leaves
/// out a pool, pool group, HTTP policy set or VS without one as incomplete, then POSTs it and loops on the 409. So the
/// field is always written, as <see cref="NotAkos"/>. l4policyset, vsdatascriptset and sslkeyandcertificate need nothing:
/// AKO recomputes their checksums from the object's content when it reads them.
/// </remarks>
public static class AkoChecksum
{
    public const string Field = "cloud_config_cksum";

    public const string VsVipField = "vsvip_cloud_config_cksum";

    /// <summary>Negative, so never equal to a checksum AKO computes.</summary>
    public const string NotAkos = "-1";

    public static void MarkWritten(JsonObject json, string field = Field) => json[field] = NotAkos;
}
