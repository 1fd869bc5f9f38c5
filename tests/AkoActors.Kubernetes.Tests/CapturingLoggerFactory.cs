using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AkoActors.Kubernetes.Tests;

/// <summary>Keeps every warning (and worse) the informers log, so a test can assert that routine events are not alarms,
/// and every information line, so a test can read what an informer listed.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public ConcurrentQueue<string> Information { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Information) factory.Information.Enqueue($"{category}: {formatter(state, exception)}");
            if (logLevel >= LogLevel.Warning) factory.Warnings.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetBaseException().GetType().Name}: {exception?.GetBaseException().Message}");
        }
    }
}
