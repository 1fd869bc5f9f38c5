using System.Globalization;
using AkoActors.Bench;
using AkoActors.Configuration;

// ako-bench: the benchmark harness of spec/benchmarks.md. See README.md next to this file.
if (args.Length == 0 || args.Any(a => a is "--help" or "-h" or "help"))
{
    Console.WriteLine(BenchCommand.Usage);
    return args.Length == 0 ? 2 : 0;
}
BenchCommand command;
try
{
    command = BenchCommand.Parse(CommandArguments.Parse(args, BenchCommand.Flags), string.Join(' ', args));
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"ako-bench: {e.Message}\n\n{BenchCommand.Usage}");
    return 2;
}
try
{
    return await command.RunAsync();
}
catch (TimeoutException e)
{
    await Console.Error.WriteLineAsync($"ako-bench: {e.Message}");
    return 1;
}
