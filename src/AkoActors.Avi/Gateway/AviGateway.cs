using System.Text;
using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Avi.Gateway;

/// <summary>Carries out planned operations over REST with AKO's error handling (ako-behaviour.md §7) built in.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>POST answered 409: the object exists. If it carries our marks it is adopted (read, then PUT); otherwise the
/// conflict is reported and nothing is overwritten.</item>
/// <item>PUT answered 412: someone changed it since we read it; re-read, re-apply our fields, retry (bounded).</item>
/// <item>PUT answered 404: it vanished; create it again. DELETE answered 404: already done.</item>
/// </list>
/// Reads of many names go out as few <c>name.in</c> list requests, chunked to keep URLs short.
/// </remarks>
public sealed class AviGateway(AviRestClient rest, AviOwnership ownership) : IAviGateway, IAviInventory
{
    private const int MaxStaleRetries = 3;
    private const int MaxNamesPerRead = 50;
    private const int MaxNameChars = 3000;

    public async Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyCollection<AviRef> refs, AviCallContext context, CancellationToken cancellationToken)
    {
        var states = new List<AviObjectState>();
        foreach (var byType in refs.Distinct().GroupBy(r => r.Type))
        {
            var codec = AviSpecCodecs.For(byType.Key);
            var wanted = byType.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var chunk in Chunks(wanted))
            {
                var filter = chunk.Count == 1
                    ? new KeyValuePair<string, string>("name", chunk[0])
                    : new KeyValuePair<string, string>("name.in", string.Join(",", chunk));
                var found = await rest.ListAsync(byType.Key, [filter], context, cancellationToken).ConfigureAwait(false);
                states.AddRange(found
                    .Where(json => JsonRead.String(json, "name") is { } name && wanted.Contains(name))
                    .Select(json => StateOf(codec, json)));
            }
        }
        return states;
    }

    public async Task<AviObjectState?> ApplyAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case CreateOperation create:
                return await CreateAsync(create.Spec, context, cancellationToken).ConfigureAwait(false);
            case UpdateOperation update:
                return await UpdateAsync(update.Spec, update.Uuid, update.Existing.RawJson, context, cancellationToken).ConfigureAwait(false);
            case DeleteOperation delete:
                await rest.DeleteAsync(delete.Target.Type, delete.Uuid, context, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                throw new NotSupportedException(operation.GetType().Name);
        }
    }

    /// <summary>Reads every object of a type this cluster owns (start-up and resync sweeps); vsvips have no created_by, so they go by name prefix.</summary>
    public async Task<IReadOnlyList<AviObjectState>> ReadOwnedAsync(string type, AviCallContext context, CancellationToken cancellationToken)
    {
        var codec = AviSpecCodecs.For(type);
        KeyValuePair<string, string> filter = type == AviObjectTypes.VsVip
            ? new("name.contains", ownership.NamePrefix)
            : new("created_by", ownership.CreatedBy);
        var found = await rest.ListAsync(type, [filter], context, cancellationToken).ConfigureAwait(false);
        return found.Select(json => StateOf(codec, json))
            .Where(s => OwnedByUs(s))
            .ToList();
    }

    private async Task<AviObjectState> CreateAsync(AviObjectSpec spec, AviCallContext context, CancellationToken cancellationToken)
    {
        var codec = AviSpecCodecs.For(spec.Type);
        try
        {
            var created = await rest.CreateAsync(spec.Type, codec.Write(spec, null), context, cancellationToken).ConfigureAwait(false);
            return Observed(codec, spec, created);
        }
        catch (AviApiException conflict) when (conflict.Error.Kind == AviErrorKind.NameConflict)
        {
            var existing = (await rest.ListAsync(spec.Type, [new("name", spec.Name)], context, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(json => JsonRead.String(json, "name") == spec.Name);
            if (existing is null) throw;
            var state = StateOf(codec, existing);
            if (!OwnedByUs(state))
            {
                throw new AviApiException(new AviError(AviErrorKind.NameConflict, 409,
                    $"{spec.Type} '{spec.Name}' already exists on the controller and was not created by {ownership.CreatedBy} " +
                    $"(created_by: {JsonRead.String(existing, "created_by") ?? "none"}); rename or remove it there, it is left untouched"),
                    "POST", spec.Type);
            }
            return await UpdateAsync(spec, state.Uuid, state.RawJson, context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AviObjectState> UpdateAsync(AviObjectSpec spec, string uuid, string? rawJson, AviCallContext context, CancellationToken cancellationToken)
    {
        var codec = AviSpecCodecs.For(spec.Type);
        var existing = rawJson is null ? null : JsonNode.Parse(rawJson) as JsonObject;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var updated = await rest.UpdateAsync(spec.Type, uuid, codec.Write(spec, existing), context, cancellationToken).ConfigureAwait(false);
                return Observed(codec, spec, updated);
            }
            catch (AviApiException stale) when (stale.Error.Kind == AviErrorKind.Stale && attempt < MaxStaleRetries)
            {
                existing = await rest.GetAsync(spec.Type, uuid, context, cancellationToken).ConfigureAwait(false);
                if (existing is null) return await CreateAsync(spec, context, cancellationToken).ConfigureAwait(false);
            }
            catch (AviApiException gone) when (gone.Error.Kind == AviErrorKind.NotFound)
            {
                return await CreateAsync(spec, context, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool OwnedByUs(AviObjectState state) => ownership.Owns(state.Spec);

    private static AviObjectState StateOf(IAviSpecCodec codec, JsonObject json) =>
        new(codec.Read(json), JsonRead.String(json, "uuid") ?? string.Empty, JsonRead.String(json, "_last_modified"), json.ToJsonString());

    private static AviObjectState Observed(IAviSpecCodec codec, AviObjectSpec written, JsonObject response) =>
        new(codec.Observe(written, response), JsonRead.String(response, "uuid") ?? string.Empty, JsonRead.String(response, "_last_modified"),
            response.ToJsonString());

    private static IEnumerable<List<string>> Chunks(IEnumerable<string> names)
    {
        var chunk = new List<string>();
        var length = 0;
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (chunk.Count > 0 && (chunk.Count >= MaxNamesPerRead || length + name.Length > MaxNameChars))
            {
                yield return chunk;
                chunk = [];
                length = 0;
            }
            chunk.Add(name);
            length += Encoding.UTF8.GetByteCount(name) + 1;
        }
        if (chunk.Count > 0) yield return chunk;
    }
}
