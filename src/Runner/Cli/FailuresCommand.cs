namespace BuildRunner.Cli;

/// <summary><c>build-runner failures</c>: prints every failure the runner reports (exit code, code, category, meaning) as the README's table.</summary>
public static class FailuresCommand
{
    /// <summary>Prints the table.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(FailureCatalog.Table());
        return ExitCodes.Success;
    }
}
