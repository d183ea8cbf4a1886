using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace BuildRunner.Cli;

/// <summary>Creates the console logging the runner writes to the pod log.</summary>
public static class Logging
{
    /// <summary>
    /// One line per message, with the time, no colours (pod logs are files). Dispose the factory before exit, or
    /// the console logger's queue loses the last lines.
    /// </summary>
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(minimum)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
            options.UseUtcTimestamp = true;
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        }));
}
