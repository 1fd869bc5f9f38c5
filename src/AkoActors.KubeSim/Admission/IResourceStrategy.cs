using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Admission;

/// <summary>The per-kind part of a write: defaulting, validation and allocation, as kube-apiserver's registry strategies do it.</summary>
public interface IResourceStrategy
{
    /// <summary>Checks the object name; returns the problems (empty when valid).</summary>
    IEnumerable<string> CheckName(string name) => NameRules.CheckSubdomain(name);

    /// <summary>Fills defaults on a new object before validation.</summary>
    void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
    }

    /// <summary>Carries server-owned values from the old object and fills defaults before validation of an update.</summary>
    void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context)
    {
    }

    /// <summary>Field errors of the object (old is null on create).</summary>
    IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) => [];

    /// <summary>Takes what the object needs from shared pools (cluster IPs, node ports) after it validated; throws 422 when a pool refuses.</summary>
    void Allocate(JsonObject obj, JsonObject? old, AdmissionContext context)
    {
    }

    /// <summary>Returns what the removed object held to the shared pools.</summary>
    void Release(JsonObject removed, AdmissionContext context)
    {
    }
}
