namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>How a process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string All => StandardOutput + "\n--- stderr ---\n" + StandardError;
}
