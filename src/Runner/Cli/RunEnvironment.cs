using System.IO.Abstractions;
using BuildRunner.Buildah;
using BuildRunner.Gathering;
using BuildRunner.Host;
using BuildRunner.Settings;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Cli;

/// <summary>
/// What a command gets from the world besides files: environment variables, where /proc is, how to log, how to
/// run buildah, and where failures are told. Tests give their own.
/// </summary>
public class RunEnvironment
{
    /// <summary>The process's /proc/self.</summary>
    public virtual string ProcSelf => "/proc/self";

    /// <summary>An environment variable, or null.</summary>
    public virtual string? Variable(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>Creates the logging for a run at <paramref name="level"/>.</summary>
    public virtual ILoggerFactory CreateLoggerFactory(LogLevel level) => Logging.Create(level);

    /// <summary>Creates the fact gatherer, reading this process's /proc and environment.</summary>
    public virtual FactGatherer CreateGatherer(IFileSystem fileSystem) => new(fileSystem, ProcSelf, Variable);

    /// <summary>Creates the buildah runner.</summary>
    public virtual IBuildahRunner CreateBuildah(ILogger logger, CapabilitySet? keep, LogLevel outputLevel) =>
        new BuildahProcess(logger, keep, outputLevel);

    /// <summary>Tells a failure on standard error: what failed and the fix, never a stack trace.</summary>
    public virtual void ReportFailure(RunnerException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Console.Error.WriteLine($"error: {failure.Message}");
        Console.Error.WriteLine($"fix: {failure.Fix}");
    }

    /// <summary>Prints the stack trace of a defect on standard error (only at log level debug).</summary>
    public virtual void ReportStackTrace(Exception unexpected)
    {
        ArgumentNullException.ThrowIfNull(unexpected);
        Console.Error.WriteLine(unexpected.ToString());
    }

    /// <summary>The setting sources for <paramref name="arguments"/>, with files prepared from them planned in <paramref name="workDirectory"/>.</summary>
    public SettingInputs SettingInputs(ParsedArguments arguments, string workDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new SettingInputs(
            arguments.Option(CommandOptions.Annotations, CommandOptions.DefaultAnnotationsPath),
            arguments.Option(CommandOptions.Defaults, CommandOptions.DefaultDefaultsPath),
            arguments.Option(CommandOptions.Overrides, CommandOptions.DefaultOverridesPath),
            arguments.SettingFlags,
            OpenShiftEnvironment.From(Variable))
        {
            WorkDirectory = workDirectory,
        };
    }
}
