using System.Diagnostics;
using CliWrap;

namespace BuildRunner.Bench;

/// <summary>How a timed process ended.</summary>
/// <param name="Seconds">Wall-clock time from start to exit.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Tail">Its last lines of output, for a failure's message.</param>
public sealed record ProcessTiming(double Seconds, int ExitCode, string Tail);

/// <summary>Starts a process and times it from start to exit; its output is read (as a pod's log would be) and its tail kept.</summary>
public static class TimedProcess
{
    private const int TailLines = 20;

    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> and <paramref name="environment"/> added (null removes).</summary>
    public static async Task<ProcessTiming> RunAsync(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var tail = new Queue<string>();
        void Take(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }
        }
        var command = CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Take))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Take));
        var clock = Stopwatch.StartNew();
        var result = await command.ExecuteAsync(cancellationToken);
        clock.Stop();
        lock (tail)
        {
            return new ProcessTiming(clock.Elapsed.TotalSeconds, result.ExitCode, string.Join('\n', tail));
        }
    }
}
