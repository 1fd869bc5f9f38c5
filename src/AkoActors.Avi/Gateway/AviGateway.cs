using System.Text;
using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Fencing;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Avi.Gateway;

/// <summary>Carries out planned operations over REST with AKO's error handling (ako-behaviour.md §7) built in.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>POST answered 409: the object exists. If it carries our marks it is adopted (read, then PUT); otherwise the
/// conflict is reported and nothing is overwritten.</item>
/// <item>PUT answered 412: someone changed it since we read it; re-read, and retry (bounded) only while it is still ours:
/// claimed for the same Kubernetes object (markers, never the name) and not stamped by a newer owner
/// (<see cref="OwnerEpoch"/>) — otherwise the write is refused as a name collision or as fenced.</item>
/// <item>POST answered 409: adopted only under the same conditions.</item>
/// <item>DELETE: only after a fresh read shows the object unchanged since it was planned against.</item>
/// <item>PUT answered 404: it vanished; create it again. DELETE answered 404: already done.</item>
/// </list>
/// Reads of many names go out as few <c>name.in</c> list requests, chunked to keep URLs short. A certificate's private key is
/// fetched from its Secret (<paramref name="keys"/>) for each request that writes it, and its bytes cleared once the body is built.
/// </remarks>
public sealed class AviGateway(AviRestClient rest, AviOwnership ownership, ITlsKeySource? keys = null) : IAviGateway, IAviInventory
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
                await DeleteAsync(delete, context, cancellationToken).ConfigureAwait(false);
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
            var body = await BodyAsync(codec, spec, null, context, "POST", cancellationToken).ConfigureAwait(false);
            var created = await rest.CreateAsync(spec.Type, body, context, cancellationToken).ConfigureAwait(false);
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
            EnsureMayWrite(spec, state, context, "POST");
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
                var body = await BodyAsync(codec, spec, existing, context, "PUT", cancellationToken).ConfigureAwait(false);
                var updated = await rest.UpdateAsync(spec.Type, uuid, body, context, cancellationToken).ConfigureAwait(false);
                return Observed(codec, spec, updated);
            }
            catch (AviApiException stale) when (stale.Error.Kind == AviErrorKind.Stale && attempt < MaxStaleRetries)
            {
                existing = await rest.GetAsync(spec.Type, uuid, context, cancellationToken).ConfigureAwait(false);
                if (existing is null) return await CreateAsync(spec, context, cancellationToken).ConfigureAwait(false);
                // Someone wrote it since we read it: retry only if it is still ours to write.
                EnsureMayWrite(spec, StateOf(codec, existing), context, "PUT");
            }
            catch (AviApiException gone) when (gone.Error.Kind == AviErrorKind.NotFound)
            {
                return await CreateAsync(spec, context, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The controller's DELETE is unconditional, so the object is read first: it is deleted only while it is
    /// still exactly what the owner planned against (same <c>_last_modified</c>, same claim, no newer owner's stamp).</summary>
    private async Task DeleteAsync(DeleteOperation delete, AviCallContext context, CancellationToken cancellationToken)
    {
        var type = delete.Target.Type;
        if (delete.Existing is { } planned && context.Epoch is not null)
        {
            var current = await rest.GetAsync(type, delete.Uuid, context, cancellationToken).ConfigureAwait(false);
            if (current is null) return;
            var state = StateOf(AviSpecCodecs.For(type), current);
            EnsureMayWrite(planned.Spec, state, context, "DELETE");
            if (planned.LastModified is not null && state.LastModified != planned.LastModified)
            {
                throw new AviApiException(new AviError(AviErrorKind.Stale, 412,
                    $"{delete.Target} changed on the controller since it was read; read again before deleting"), "DELETE", type);
            }
        }
        await rest.DeleteAsync(type, delete.Uuid, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses to write an object another Kubernetes object claims, or one a newer owner incarnation has written.</summary>
    private static void EnsureMayWrite(AviObjectSpec wanted, AviObjectState existing, AviCallContext context, string verb)
    {
        var ours = AviClaim.Of(wanted);
        var theirs = AviClaim.Of(existing.Spec);
        if (theirs.Kind != AviClaimKind.None && theirs != ours)
        {
            throw new AviApiException(new AviError(AviErrorKind.NameConflict, 409,
                $"{existing.Ref} is on the controller for {theirs}, not for {ours}; it is left untouched"), verb, wanted.Type);
        }
        if (context.Epoch is { } epoch && existing.Epoch is { } stamped && stamped > epoch)
        {
            throw new AviApiException(new AviError(AviErrorKind.Fenced, 412,
                $"{existing.Ref} was written by a newer owner (epoch {stamped}, ours {epoch}); this owner no longer writes it"), verb, wanted.Type);
        }
    }

    /// <summary>The request body; a certificate's gets its key, fetched now and cleared from memory once it is in the body.</summary>
    private async Task<JsonObject> BodyAsync(IAviSpecCodec codec, AviObjectSpec spec, JsonObject? existing, AviCallContext context, string verb,
        CancellationToken cancellationToken)
    {
        var body = Stamped(codec.Write(spec, existing), context);
        if (spec is not SslCertificateSpec { Key: { } key }) return body;
        if (keys is null)
        {
            throw new AviApiException(new AviError(AviErrorKind.Rejected, 0,
                $"{spec.Ref} needs the key of {key}, and this gateway has no key source"), verb, spec.Type);
        }
        try
        {
            using var material = await keys.FetchAsync(key, cancellationToken).ConfigureAwait(false);
            SslCertificateCodec.WriteKey(body, material.Pem);
            return body;
        }
        catch (TlsKeyUnavailableException unavailable)
        {
            // Deleted or rotated since the certificate was decided on: nothing is written, and the owner's next pass
            // decides again from the Secret as it is now.
            throw new AviApiException(new AviError(AviErrorKind.Transient, 0,
                $"{spec.Ref} was not written: {unavailable.Message}; it is decided again from the Secret as it is now"), verb, spec.Type);
        }
    }

    private static JsonObject Stamped(JsonObject body, AviCallContext context)
    {
        if (context.Epoch is { } epoch) OwnerEpoch.Stamp(body, epoch);
        return body;
    }

    private bool OwnedByUs(AviObjectState state) => ownership.Owns(state.Spec);

    private static AviObjectState StateOf(IAviSpecCodec codec, JsonObject json) =>
        new(codec.Read(json), JsonRead.String(json, "uuid") ?? string.Empty, JsonRead.String(json, "_last_modified"), json.ToJsonString(),
            OwnerEpoch.Read(json));

    private static AviObjectState Observed(IAviSpecCodec codec, AviObjectSpec written, JsonObject response) =>
        new(codec.Observe(written, response), JsonRead.String(response, "uuid") ?? string.Empty, JsonRead.String(response, "_last_modified"),
            response.ToJsonString(), OwnerEpoch.Read(response));

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
