using System.Text;
using Microsoft.Extensions.Logging;

namespace Desec.Tests.Shared;

/// <summary>
/// Keeps every log line of a server started in a test (and the exception's text), for assertions and
/// failure messages. One file, compiled into each test project that starts servers.
/// </summary>
public sealed class LogLines : ILoggerProvider, ILogger
{
    private readonly StringBuilder _text = new();
    public string Text { get { lock (_text) { return _text.ToString(); } } }
    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_text)
        {
            _text.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(' ').Append(logLevel).Append(": ").AppendLine(formatter(state, exception));
            if (exception is not null) { _text.AppendLine(exception.ToString()); }
        }
    }
    public void Dispose() { }
}
