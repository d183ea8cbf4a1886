using System.Collections.Immutable;
using BuildRunner.Buildah;
using BuildRunner.Secrets;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Tests.Buildah;

/// <summary>The process runner over /bin/sh standing in for buildah: what reaches the log and the kept tail.</summary>
public class BuildahProcessTests
{
    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }

    [Fact]
    public async Task A_secret_a_step_prints_on_either_stream_is_masked_in_the_log_and_in_the_lines_kept_for_the_error()
    {
        var log = new ListLogger();
        var invocation = new BuildahInvocation(
            ["-c", "echo 'build arg: arg-s3cr3t'; echo 'secret file: file-s3cr3t' >&2; echo 'Error: building at STEP'; exit 1"],
            ImmutableDictionary<string, string?>.Empty, "building the image", ["arg-s3cr3t"])
        {
            Mask = new SecretMask(["arg-s3cr3t", "file-s3cr3t"]),
        };

        var outcome = await new BuildahProcess(log, null, LogLevel.Information, "/bin/sh").RunAsync(invocation, CancellationToken.None);

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain(log.Lines, l => l.Contains("s3cr3t", StringComparison.Ordinal));
        Assert.Contains("build arg: ***", log.Lines);
        Assert.Contains("secret file: ***", log.Lines);
        Assert.DoesNotContain(outcome.Tail, l => l.Contains("s3cr3t", StringComparison.Ordinal));
        Assert.Contains("build arg: ***", outcome.ErrorLines());
    }
}
