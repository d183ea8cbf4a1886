using CliWrap;
using CliWrap.Buffered;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>Runs a real process and buffers its output.</summary>
public static class Run
{
    /// <summary>Runs <paramref name="program"/> to the end (10 minutes at most).</summary>
    public static async Task<ProcessResult> ProcessAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var result = await CliWrap.Cli.Wrap(program)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        return new ProcessResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Runs and insists on exit code 0.</summary>
    public static async Task<string> CheckedAsync(string program, params string[] arguments)
    {
        var result = await ProcessAsync(program, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.All}");
        }
        return result.StandardOutput;
    }
}
