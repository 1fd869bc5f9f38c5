using System.Text;

namespace AkoActors.Avi.Transport;

/// <summary>Login material for the controller (from the avi-secret Secret); printing it never reveals a secret.</summary>
public sealed record AviCredentials(string Username, string? Password, string? AuthToken)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Username = {Username}, Password = {(Password is null ? "<none>" : "<redacted>")}, ");
        builder.Append($"AuthToken = {(AuthToken is null ? "<none>" : "<redacted>")}");
        return true;
    }
}
