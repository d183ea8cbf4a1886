namespace BuildRunner.Cli;

/// <summary><c>build-runner help</c>.</summary>
public static class HelpCommand
{
    /// <summary>Prints usage.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("""
            build-runner: builds a container image with buildah inside a Kubernetes pod, without root on the node.

            usage:
              build-runner [build] [flags] [CONTEXT]   build (and push) an image; the default command
              build-runner doctor [--json] [flags]     show the plan build would carry out, without building
              build-runner settings                    print every setting: annotation, flag, default, allowed values
              build-runner failures                    print every failure: exit code, code, category, meaning
              build-runner version                     print the version

            build options:
              --annotations PATH       pod annotations file (default /etc/podinfo/annotations; missing = none)
              --defaults PATH          cluster defaults file (default /etc/build-runner/defaults)
              --overrides PATH         cluster overrides file (default /etc/build-runner/overrides)
              --result PATH            write a JSON result file
              --termination-log PATH   termination message file (default /dev/termination-log, written when present)

            settings flags (see `build-runner settings`): --context --file --tag --push/--no-push --build-arg
              --label --target --storage-driver --storage-root --tls-verify --authfile --format --layers --no-cache
              --cache-repo --cache-push --pull-policy --timestamp --log-level --require-user-namespace --run-capabilities

            """);
        return ExitCodes.Success;
    }
}
