using System.Diagnostics;
using CliWrap;

namespace BuildRunner.Bench;

/// <summary>How a timed process ended.</summary>
/// <param name="Seconds">Wall-clock time from start to exit.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Tail">Its last lines of output, for a failure's message.</param>
public sealed record ProcessTiming(double Seconds, int ExitCode, string Tail)
{
    /// <summary>How many lines of output each of the texts asked for appeared in.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
}

/// <summary>Starts a process and times it from start to exit; its output is read (as a pod's log would be) and its tail kept.</summary>
public static class TimedProcess
{
    private const int TailLines = 20;

    /// <summary>
    /// Runs <paramref name="executable"/> with <paramref name="arguments"/> and <paramref name="environment"/> added (null
    /// removes), counting the lines of output that contain each of <paramref name="count"/>.
    /// </summary>
    public static async Task<ProcessTiming> RunAsync(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken, IReadOnlyList<string>? count = null)
    {
        var tail = new Queue<string>();
        var counts = (count ?? []).Distinct().ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        void Take(string line)
        {
            lock (tail)
            {
                foreach (var text in counts.Keys.Where(t => line.Contains(t, StringComparison.Ordinal)).ToList())
                {
                    counts[text]++;
                }
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
            return new ProcessTiming(clock.Elapsed.TotalSeconds, result.ExitCode, string.Join('\n', tail)) { Counts = counts };
        }
    }
}
