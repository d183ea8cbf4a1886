using System.IO.Abstractions;
using BuildRunner.Cli;

// Entry point: parse, dispatch, and turn a failure into its exit code without a stack trace. build catches
// everything itself (it must write its result); this is the net for the other commands.
// The runner's half of a hermetic build, inside the namespaces it made: no settings, no logging, no signal handlers.
if (args.Length > 0 && args[0] == HermeticExecCommand.Name)
{
    return HermeticExecCommand.Run(args, Console.Out, Console.Error);
}

try
{
    var arguments = ArgumentParser.Parse(args);
    var environment = new RunEnvironment();
    using var cancellation = new CancellationTokenSource();
    // The kubelet stops a pod with SIGTERM: stop buildah and still write the result and termination message.
    using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
    using var onInterrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
    void Stop(System.Runtime.InteropServices.PosixSignalContext context)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
    return arguments.Command switch
    {
        "version" => VersionCommand.Run(Console.Out),
        "help" => HelpCommand.Run(Console.Out),
        "settings" => SettingsCommand.Run(Console.Out),
        "failures" => FailuresCommand.Run(Console.Out),
        "doctor" => await new DoctorCommand(new FileSystem(), environment).RunAsync(arguments, Console.Out, cancellation.Token),
        "prefetch" => await new PrefetchCommand(new FileSystem(), environment).RunAsync(arguments, cancellation.Token),
        "bench" => await new BenchCommand(new FileSystem(), environment).RunAsync(arguments, Console.Out, Console.Error, cancellation.Token),
        _ => await new BuildCommand(new FileSystem(), environment).RunAsync(arguments, cancellation.Token),
    };
}
catch (RunnerException failure)
{
    new RunEnvironment().ReportFailure(failure);
    return failure.ExitCode;
}
catch (Exception unexpected)
{
    var defect = InternalFailure.From(unexpected);
    new RunEnvironment().ReportFailure(defect);
    if (args.Contains("--log-level=debug") || args.Zip(args.Skip(1)).Contains(("--log-level", "debug")))
    {
        new RunEnvironment().ReportStackTrace(unexpected);
    }
    return defect.ExitCode;
}
