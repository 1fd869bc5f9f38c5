using System.Globalization;
using AkoActors.AviSim;
using AkoActors.AviSim.Profiles;
using Microsoft.Extensions.Logging;

// AviSim executable: starts the simulator on 127.0.0.1, prints where it listens and how to log in, and runs
// until Ctrl-C (or SIGTERM).
return await AviSimCommand.RunAsync(args);

/// <summary>The command line of the AviSim executable.</summary>
internal static class AviSimCommand
{
    private const string Usage = """
        Usage: AkoActors.AviSim [--port N] [--https-port N|off] [--dns-port N|off] [--profile FILE]
                                [--session-idle-minutes N] [--tenant NAME]... [--user NAME:PASSWORD[:TENANT,...]]...
                                [--quiet]
          --port          HTTP port on 127.0.0.1 (default 0 = pick a free one)
          --https-port    HTTPS port with a generated self-signed certificate (default 0; 'off' disables)
          --dns-port      DNS responder port, UDP and TCP (default 0; 'off' disables)
          --profile       seed profile, YAML or JSON (default: the built-in seed-article profile)
          --session-idle-minutes  idle session expiry (default 15)
          --tenant        add a tenant to the profile's (repeatable)
          --user          add (or replace) a login; with TENANTs it may use only those tenants, else every
                          tenant (repeatable; demo only: the password shows in the process list)
          --quiet         log warnings only (default: log every write)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        AviSimOptions options;
        LogLevel level;
        try
        {
            (options, level) = Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"avisim: {ex.Message}\n\n{Usage}");
            return 2;
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"avisim: cannot read the profile: {ex.Message}");
            return 2;
        }
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(level)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        await using var simulator = await AviSimServer.StartAsync(options with { LoggerFactory = loggerFactory });
        var credentials = simulator.Credentials;
        Console.WriteLine($"""
            AviSim {simulator.Simulator.Profile.ControllerVersion} is running (profile '{simulator.Simulator.Profile.Name}', {simulator.Simulator.ObjectCount} objects)
              HTTP      {simulator.HttpUrl}
              HTTPS     {simulator.HttpsUrl ?? "(disabled)"}
              DNS       {(simulator.DnsPort is { } port ? $"127.0.0.1:{port} (udp{(options.DnsOverTcp ? "+tcp" : "")})" : "(disabled)")}
              login     {(credentials is null ? "(no users configured)" : $"{credentials.Username} / {credentials.Password}")}
              control   {simulator.HttpUrl}/sim/info
            Press Ctrl-C to stop.
            """);
        if (simulator.HttpsCertificatePem is { } pem)
        {
            Console.WriteLine($"HTTPS certificate (trust this PEM in clients):\n{pem}");
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("AviSim stopping.");
        }
        return 0;
    }

    internal static (AviSimOptions Options, LogLevel Level) Parse(string[] args)
    {
        var options = new AviSimOptions();
        var level = LogLevel.Information;
        var tenants = new List<string>();
        var users = new List<AviSimUser>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--port":
                    options = options with { HttpPort = Port(Value(), "--port") ?? throw new ArgumentException("--port cannot be off") };
                    break;
                case "--https-port":
                    options = options with { HttpsPort = Port(Value(), "--https-port") };
                    break;
                case "--dns-port":
                    options = options with { DnsPort = Port(Value(), "--dns-port") };
                    break;
                case "--profile":
                    options = options with { Profile = SeedProfile.Load(Value()) };
                    break;
                case "--session-idle-minutes":
                    options = options with
                    {
                        SessionIdleTimeout = TimeSpan.FromMinutes(
                            int.TryParse(Value(), CultureInfo.InvariantCulture, out var minutes) && minutes > 0
                                ? minutes
                                : throw new ArgumentException("--session-idle-minutes needs a positive integer")),
                    };
                    break;
                case "--tenant":
                    tenants.Add(Value());
                    break;
                case "--user":
                    users.Add(ParseUser(Value()));
                    break;
                case "--quiet":
                    level = LogLevel.Warning;
                    break;
                case "-h" or "--help":
                    throw new ArgumentException("help");
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (tenants.Count > 0 || users.Count > 0)
        {
            var profile = options.Profile ?? SeedProfile.Default;
            options = options with
            {
                Profile = profile with
                {
                    Tenants = profile.Tenants.Concat(tenants).Distinct(StringComparer.Ordinal).ToList(),
                    Users = profile.Users.Where(u => users.All(added => added.Username != u.Username)).Concat(users).ToList(),
                },
            };
        }
        return (options, level);
    }

    /// <summary><c>NAME:PASSWORD</c> (every tenant) or <c>NAME:PASSWORD:TENANT,TENANT</c>.</summary>
    private static AviSimUser ParseUser(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"--user '{parts[0]}' must be NAME:PASSWORD or NAME:PASSWORD:TENANT,TENANT");
        }
        var tenants = parts.Length == 3
            ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
        return new AviSimUser(parts[0], parts[1], Tenants: tenants is { Length: 0 } ? throw new ArgumentException(
            $"--user '{parts[0]}' lists no tenant after the second ':'; omit it for every tenant") : tenants);
    }

    private static int? Port(string text, string option) =>
        text == "off"
            ? null
            : int.TryParse(text, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
                ? port
                : throw new ArgumentException($"{option} must be a port number 0-65535 or 'off'");
}
