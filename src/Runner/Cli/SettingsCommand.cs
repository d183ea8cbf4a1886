using BuildRunner.Settings;

namespace BuildRunner.Cli;

/// <summary><c>build-runner settings</c>: prints the settings contract as the Markdown table the README carries.</summary>
public static class SettingsCommand
{
    /// <summary>Prints the table.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(SettingsTable.Markdown());
        return ExitCodes.Success;
    }
}
