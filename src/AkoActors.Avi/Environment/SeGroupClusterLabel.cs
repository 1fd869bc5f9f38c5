using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;

namespace AkoActors.Avi.Environment;

/// <summary>AKO's SE-group label for static routes (ConfigureSeGroupLabels): only Service Engines of groups labelled
/// <c>clustername=&lt;clusterName&gt;</c> take the routes labelled for this cluster. An unlabelled group gets the label (one
/// PUT); a group labelled otherwise is left as it is and reported, because its SEs would not take this cluster's routes.</summary>
public static class SeGroupClusterLabel
{
    /// <summary>Labels <paramref name="seGroup"/> when it has no labels; returns null when it carries this cluster's label
    /// (now or already), else its labels as <c>[key=value, …]</c> for the message that refuses it.</summary>
    public static async Task<string?> EnsureAsync(
        AviRestClient rest, JsonObject seGroup, string clusterName, AviCallContext context, CancellationToken cancellationToken)
    {
        var labels = JsonRead.Objects(seGroup["labels"]).Select(l => (Key: JsonRead.String(l, "key"), Value: JsonRead.String(l, "value"))).ToList();
        if (labels.Any(l => l.Key == "clustername" && l.Value == clusterName)) return null;
        if (labels.Count > 0) return $"[{string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"))}]";
        var labelled = (JsonObject)seGroup.DeepClone();
        labelled["labels"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = clusterName });
        await rest.UpdateAsync("serviceenginegroup", JsonRead.String(seGroup, "uuid") ?? string.Empty, labelled, context, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
