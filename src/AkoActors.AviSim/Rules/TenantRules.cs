using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Tenant defaults as <c>tenant_mock.json</c> shows them (<c>local</c>), and no tenant named <c>*</c>,
/// which <c>X-Avi-Tenant</c> reserves for "every tenant".</summary>
internal sealed class TenantRules : ObjectRules
{
    public override string TypeName => "tenant";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        if (document["name"]?.GetValue<string>() == "*")
        {
            throw AviRequestException.BadRequest("A tenant cannot be named '*': X-Avi-Tenant '*' means every tenant");
        }
        document["local"] ??= true;
    }
}
