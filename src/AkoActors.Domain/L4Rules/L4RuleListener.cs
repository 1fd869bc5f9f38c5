namespace AkoActors.Domain.L4Rules;

/// <summary>One <c>spec.listenerProperties[]</c> entry of an L4Rule: whether the VS's listener for one Service port and
/// protocol terminates TLS (the <c>services[]</c> entry's <c>enable_ssl</c>).</summary>
public sealed record L4RuleListener(int Port, string Protocol, bool EnableSsl);
