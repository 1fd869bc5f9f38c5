using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Avi.Errors;
using Flurl.Http;

namespace AkoActors.Avi.Transport;

/// <summary>One logged-in session with an Avi Controller: login, cookies, CSRF, the version header, and one re-login on 401
/// or 419.</summary>
/// <remarks>
/// Thread-safe; every actor of a replica shares one connection. Re-login is single-flight: a 401 seen by many requests at
/// once causes one login, and a request whose session was already replaced just retries with the new one. A refused
/// password is not retried before <see cref="AviClientOptions.LoginBackoff"/> (or new credentials), so a wrong Secret
/// never turns into a hot login loop that locks the account.
/// </remarks>
public sealed class AviConnection : IDisposable
{
    /// <summary>"Session expired", as some controller versions answer instead of 401.</summary>
    private const int SessionExpired = 419;

    private readonly AviClientOptions _options;
    private readonly IFlurlClient _client;
    private readonly FairRequestGate _gate;
    private readonly IAviCallObserver _observer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private volatile Session? _session;
    private volatile AviCredentials _credentials;
    private (DateTimeOffset Until, AviError Error)? _loginRefused;
    private int _consecutiveFailures;
    private volatile string? _lastFailure;

    public AviConnection(AviClientOptions options, AviCredentials credentials, IAviCallObserver? observer = null, TimeProvider? time = null)
    {
        _options = options;
        _credentials = credentials;
        _observer = observer ?? NoAviCallObserver.Instance;
        _time = time ?? TimeProvider.System;
        _gate = new FairRequestGate(options.MaxConcurrentRequests);
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = options.MaxConcurrentRequests,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate },
        };
        var http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _client = new FlurlClient(http);
    }

    /// <summary>The X-Avi-Version in use: configured, or the controller's own as read after login.</summary>
    public string? ApiVersion => _session?.Version;

    public FairRequestGate Gate => _gate;

    /// <summary>Requests in a row that got no answer or a 5xx; any other answer resets it. Feeds the readiness check.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>What the last failed request saw (for the readiness report); null after a success.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>The login material in use.</summary>
    public AviCredentials Credentials => _credentials;

    /// <summary>Replaces the credentials (the Secret changed); a refused login may be retried at once.</summary>
    public void UpdateCredentials(AviCredentials credentials)
    {
        _credentials = credentials;
        _loginRefused = null;
        _session = null;
    }

    /// <summary>Forces a new login on the next request (used by tests and after the controller restarts).</summary>
    public void DropSession() => _session = null;

    /// <summary>Sends one request with the session headers; logs in first if needed and once more after a 401.</summary>
    /// <param name="objectType">For metrics and errors only (e.g. "pool").</param>
    public async Task<AviResponse> SendAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body, AviCallContext context, string objectType, CancellationToken cancellationToken)
    {
        using var slot = await _gate.EnterAsync(context.FairnessKey, context.Priority, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var session = await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(method, pathAndQuery, body, context, objectType, session, cancellationToken).ConfigureAwait(false);
            if (response.Status is (int)HttpStatusCode.Unauthorized or SessionExpired && attempt == 0)
            {
                // Session expired (idle timeout, controller restart; some versions answer 419): replace it once, then
                // retry this request.
                Interlocked.CompareExchange(ref _session, null, session);
                continue;
            }
            return response;
        }
    }

    private async Task<AviResponse> SendOnceAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body, AviCallContext context, string objectType, Session session,
        CancellationToken cancellationToken)
    {
        var request = _client.Request(pathAndQuery)
            .AllowAnyHttpStatus()
            .WithTimeout(_options.RequestTimeout)
            .WithHeader("Cookie", session.CookieHeader)
            .WithHeader("X-CSRFToken", session.CsrfToken)
            .WithHeader("Referer", _options.BaseUrl.GetLeftPart(UriPartial.Authority) + "/")
            .WithHeader("X-Avi-Tenant", context.Tenant)
            .WithHeader("X-Avi-UserAgent", _options.UserAgent)
            .WithHeader("X-Ako-Replica", _options.ReplicaId)
            .WithHeader("Accept", "application/json");
        if (session.Version is { Length: > 0 } version) request = request.WithHeader("X-Avi-Version", version);
        HttpContent? content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await ExecuteAsync(method.Method, objectType, () => request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken))
            .ConfigureAwait(false);
    }

    private async Task<AviResponse> ExecuteAsync(string verb, string objectType, Func<Task<IFlurlResponse>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send().ConfigureAwait(false);
            var text = await response.GetStringAsync().ConfigureAwait(false);
            _observer.Completed(verb, objectType, response.StatusCode, Stopwatch.GetElapsedTime(started));
            Track(response.StatusCode, text);
            return new AviResponse(response.StatusCode, text);
        }
        catch (FlurlHttpException exception) when (exception.Call?.Response is null)
        {
            _observer.Completed(verb, objectType, 0, Stopwatch.GetElapsedTime(started));
            var error = AviErrorClassifier.Unreachable(exception.InnerException ?? exception);
            Track(0, error.Message);
            throw new AviApiException(error, verb, objectType);
        }
    }

    private void Track(int status, string detail)
    {
        if (status is 0 or >= 500)
        {
            Interlocked.Increment(ref _consecutiveFailures);
            _lastFailure = status == 0 ? detail : $"HTTP {status}: {AviErrorClassifier.Classify(status, detail).Message}";
        }
        else
        {
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            _lastFailure = null;
        }
    }

    private async Task<Session> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { } current) return current;
        await _loginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is { } other) return other;
            if (_loginRefused is { } refused && refused.Until > _time.GetUtcNow())
            {
                throw new AviApiException(refused.Error, "POST", "/login");
            }
            var session = await LoginAsync(cancellationToken).ConfigureAwait(false);
            _session = session;
            return session;
        }
        finally
        {
            _loginLock.Release();
        }
    }

    private async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var credentials = _credentials;
        var payload = new JsonObject { ["username"] = credentials.Username };
        if (credentials.AuthToken is { Length: > 0 } token) payload["token"] = token;
        else payload["password"] = credentials.Password ?? string.Empty;

        IFlurlResponse? login = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            login = await _client.Request("login")
                .AllowAnyHttpStatus()
                .WithTimeout(_options.RequestTimeout)
                .SendAsync(HttpMethod.Post, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
                    HttpCompletionOption.ResponseContentRead, cancellationToken)
                .ConfigureAwait(false);
            var text = await login.GetStringAsync().ConfigureAwait(false);
            _observer.Completed("POST", "login", login.StatusCode, Stopwatch.GetElapsedTime(started));
            if (login.StatusCode is < 200 or >= 300)
            {
                var error = AviErrorClassifier.Classify(login.StatusCode, text, isLogin: true);
                if (error.Kind == AviErrorKind.InvalidCredentials)
                {
                    _loginRefused = (_time.GetUtcNow() + _options.LoginBackoff, error);
                }
                throw new AviApiException(error, "POST", "/login");
            }
            var cookies = ParseCookies(login.ResponseMessage);
            if (!cookies.TryGetValue("csrftoken", out var csrf) || !(cookies.ContainsKey("sessionid") || cookies.ContainsKey("avi-sessionid")))
            {
                throw new AviApiException(new AviError(AviErrorKind.Transient, login.StatusCode,
                    "the controller accepted the login but set no csrftoken/sessionid cookies; is this an Avi Controller?"), "POST", "/login");
            }
            var cookieHeader = string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
            var version = _options.ApiVersion;
            if (string.IsNullOrEmpty(version)) version = VersionFrom(text);
            _loginRefused = null;
            return new Session(cookieHeader, csrf, version);
        }
        catch (FlurlHttpException exception) when (exception.Call?.Response is null)
        {
            _observer.Completed("POST", "login", 0, Stopwatch.GetElapsedTime(started));
            throw new AviApiException(AviErrorClassifier.Unreachable(exception.InnerException ?? exception), "POST", "/login");
        }
        finally
        {
            login?.Dispose();
        }
    }

    /// <summary>The login answer carries the controller's version ({"version": {"Version": "22.1.3", ...}}).</summary>
    private static string? VersionFrom(string loginBody)
    {
        try
        {
            var node = JsonNode.Parse(loginBody);
            return node?["version"]?["Version"]?.GetValue<string>();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ParseCookies(HttpResponseMessage response)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return cookies;
        foreach (var header in values)
        {
            var pair = header.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) cookies[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
        return cookies;
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (_options.CertificateAuthorityPem is not { Length: > 0 } pem) return _options.SkipCertificateVerification;
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var trusted = new X509Chain();
        trusted.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        trusted.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(pem);
        trusted.ChainPolicy.CustomTrustStore.AddRange(authorities);
        using var leaf = new X509Certificate2(certificate);
        return trusted.Build(leaf);
    }

    public void Dispose()
    {
        _client.Dispose();
        _loginLock.Dispose();
    }

    private sealed record Session(string CookieHeader, string CsrfToken, string? Version);
}
