using System.IO.Abstractions;
using BuildRunner.Cli;

// Entry point: parse, dispatch, and turn an expected failure into its exit code without a stack trace.
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
        _ => await new BuildCommand(new FileSystem(), environment).RunAsync(arguments, cancellation.Token),
    };
}
catch (RunnerException failure)
{
    new RunEnvironment().ReportFailure(failure);
    return failure.ExitCode;
}
