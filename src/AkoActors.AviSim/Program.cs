using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AkoActors.AviSim;
using AkoActors.AviSim.Profiles;
using Microsoft.Extensions.Logging;

// AviSim executable: starts the simulator on 127.0.0.1, prints where it listens and how to log in, and runs
// until Ctrl-C or SIGTERM (System.CommandLine cancels the token on both).
try
{
    return await AviSimCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"avisim: {ex.Message}");
    return 2;
}
catch (Exception ex) when (ex is FormatException or IOException or System.Text.Json.JsonException)
{
    await Console.Error.WriteLineAsync($"avisim: cannot read the profile: {ex.Message}");
    return 2;
}

/// <summary>The command line of the AviSim executable: options declared once, so parsing, errors and <c>--help</c> agree.</summary>
internal static class AviSimCommand
{
    private static readonly Option<int?> HttpPort = PortOrOff("--port", "HTTP port on 127.0.0.1 (0 = pick a free one)", 0, allowOff: false);
    private static readonly Option<int?> HttpsPort = PortOrOff("--https-port", "HTTPS port with a generated self-signed certificate (0 = pick; 'off' disables)", 0, allowOff: true);
    private static readonly Option<int?> DnsPort = PortOrOff("--dns-port", "DNS responder port, UDP and TCP (0 = pick; 'off' disables)", 0, allowOff: true);
    private static readonly Option<string?> Profile = new("--profile") { Description = "seed profile, YAML or JSON (default: the built-in seed-article profile)", HelpName = "FILE" };
    private static readonly Option<int> SessionIdleMinutes = new("--session-idle-minutes") { Description = "idle session expiry", HelpName = "N", DefaultValueFactory = _ => 15 };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "log warnings only (default: log every write)" };
    private static readonly Option<string[]> Tenants = new("--tenant") { Description = "add a tenant to the profile's (repeatable)", HelpName = "NAME" };
    private static readonly Option<string[]> Users = new("--user")
    {
        Description = "add (or replace) a login; with TENANTs it may use only those tenants, else every tenant (repeatable; demo only: the password shows in the process list)",
        HelpName = "NAME:PASSWORD[:TENANT,...]",
    };

    static AviSimCommand() => SessionIdleMinutes.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() <= 0) result.AddError("--session-idle-minutes needs a positive integer");
    });

    public static RootCommand Create()
    {
        var root = new RootCommand("AviSim: a simulated Avi Controller API (sessions, refs, IPAM, DNS, faults, audit) on 127.0.0.1")
        {
            HttpPort, HttpsPort, DnsPort, Profile, SessionIdleMinutes, Tenants, Users, Quiet,
        };
        root.SetAction((parse, stop) =>
        {
            var (options, level) = Build(parse);
            return RunAsync(options, level, stop);
        });
        return root;
    }

    /// <summary>Parses a command line into the simulator's options; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    internal static (AviSimOptions Options, LogLevel Level) Parse(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0) throw new ArgumentException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        return Build(parse);
    }

    private static (AviSimOptions Options, LogLevel Level) Build(ParseResult parse)
    {
        var options = new AviSimOptions
        {
            HttpPort = parse.GetValue(HttpPort)!.Value,
            HttpsPort = parse.GetValue(HttpsPort),
            DnsPort = parse.GetValue(DnsPort),
            SessionIdleTimeout = TimeSpan.FromMinutes(parse.GetValue(SessionIdleMinutes)),
        };
        if (parse.GetValue(Profile) is { } profile) options = options with { Profile = SeedProfile.Load(profile) };
        var tenants = parse.GetValue(Tenants) ?? [];
        var users = (parse.GetValue(Users) ?? []).Select(ParseUser).ToList();
        if (tenants.Length > 0 || users.Count > 0)
        {
            var seeded = options.Profile ?? SeedProfile.Default;
            options = options with
            {
                Profile = seeded with
                {
                    Tenants = seeded.Tenants.Concat(tenants).Distinct(StringComparer.Ordinal).ToList(),
                    Users = seeded.Users.Where(u => users.All(added => added.Username != u.Username)).Concat(users).ToList(),
                },
            };
        }
        return (options, parse.GetValue(Quiet) ? LogLevel.Warning : LogLevel.Information);
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

    private static Option<int?> PortOrOff(string name, string description, int fallback, bool allowOff) => new(name)
    {
        Description = description,
        HelpName = allowOff ? "PORT|off" : "PORT",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (allowOff && text == "off") return null;
            if (int.TryParse(text, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535) return port;
            result.AddError($"{name} must be a port number 0-65535{(allowOff ? " or 'off'" : "")}, not '{text}'");
            return null;
        },
    };

    private static async Task<int> RunAsync(AviSimOptions options, LogLevel level, CancellationToken stop)
    {
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
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("AviSim stopping.");
        }
        return 0;
    }
}
