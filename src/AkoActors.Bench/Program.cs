using AkoActors.Bench;

// ako-bench: the benchmark harness of spec/benchmarks.md. See README.md next to this file; `--help` lists the options.
return await BenchCommand.Create().Parse(args).InvokeAsync();
