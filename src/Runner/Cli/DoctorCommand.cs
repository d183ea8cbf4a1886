using System.IO.Abstractions;
using BuildRunner.Execution;
using BuildRunner.Planning;
using BuildRunner.Reporting;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Cli;

/// <summary>
/// <c>build-runner doctor [--json]</c>: the plan <c>build</c> would carry out, without building. It takes the same
/// steps as <c>build</c> up to the first buildah run (the storage step included, probing every driver), so what it
/// prints is what <c>build</c> will do.
/// </summary>
public sealed class DoctorCommand(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Prints the report; exits 0 unless the verdict is <c>blocked</c>, else with the exit code <c>build</c> would end with.</summary>
    public async Task<int> RunAsync(ParsedArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var gatherer = environment.CreateGatherer(fileSystem);
        BuildPlan plan;
        using (var loggerFactory = environment.CreateLoggerFactory(LogLevel.Warning))
        using (var work = new WorkDirectory(fileSystem))
        {
            var gathered = gatherer.GatherSettings(environment.SettingInputs(arguments, work.Path));
            // As build does: the files the settings name exist when the facts are read (and go with the work folder).
            gathered.OpenShift.Write(fileSystem);
            plan = Planner.Plan(await gatherer.GatherAsync(gathered, work.Path, CommandOptions.ResultFilesOf(arguments), cancellationToken, tryHermetic: true));
            var buildah = environment.CreateBuildah(loggerFactory.CreateLogger("buildah"), plan.Privileges.Keep, LogLevel.Debug);
            if (plan.NeedsStorageStep)
            {
                var executor = new PlanExecutor(fileSystem, buildah, buildah, loggerFactory.CreateLogger("build-runner"));
                plan = Planner.Plan(await executor.RunStorageStepAsync(plan, probeAll: true, cancellationToken));
            }
        }
        var report = DoctorReportBuilder.Build(plan);
        output.Write(arguments.Switch(CommandOptions.Json) ? DoctorReportBuilder.ToJson(report) + "\n" : DoctorReportBuilder.ToText(report));
        return plan.Blocking?.ExitCode ?? ExitCodes.Success;
    }
}
