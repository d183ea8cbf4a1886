using System.IO.Abstractions;
using BuildRunner.Buildah;
using BuildRunner.Reporting;
using Microsoft.Extensions.Logging;

namespace BuildRunner.Cli;

/// <summary>
/// <c>build-runner doctor [--json]</c>: what the runner sees and decides, without building. It takes the same
/// decision path as <c>build</c> and probes every storage driver; it changes nothing but scratch stores.
/// </summary>
public sealed class DoctorCommand(IFileSystem fileSystem, RunEnvironment environment)
{
    /// <summary>Prints the report; exits 0 unless the verdict is <c>blocked</c>.</summary>
    public async Task<int> RunAsync(ParsedArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var decider = new Decider(fileSystem, environment);
        var decision = await decider.DecideAsync(decider.GatherSettings(arguments), cancellationToken);
        using (var loggerFactory = environment.CreateLoggerFactory(LogLevel.Warning))
        using (var work = new WorkDirectory(fileSystem))
        {
            var buildah = environment.CreateBuildah(loggerFactory.CreateLogger("buildah"), decision.Privileges.Keep, LogLevel.Debug);
            decision = await decider.WithStorageAsync(
                decision, new BuildahStoreTester(fileSystem, buildah, work.Path), work.File("run"), probeAll: true, cancellationToken);
        }
        var report = DoctorReportBuilder.Build(decision);
        output.Write(arguments.Switch(CommandOptions.Json) ? DoctorReportBuilder.ToJson(report) + "\n" : DoctorReportBuilder.ToText(report));
        return decision.Verdict == "blocked" ? decision.Problems.First(p => p.Blocking).ExitCode : ExitCodes.Success;
    }
}
