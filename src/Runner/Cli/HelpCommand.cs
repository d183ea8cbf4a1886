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
              build-runner bench [options] [flags]     time the runner against plain buildah bud (Markdown table)
              build-runner prefetch [flags] IMAGE...   pull images into the store at --storage-root (a node's shared
                                                       store, which builds mount read-only with --image-store)
              build-runner settings                    print every setting: annotation, flag, default, allowed values
              build-runner failures                    print every failure: exit code, code, category, meaning
              build-runner version                     print the version

            build options:
              --annotations PATH       pod annotations file (default /etc/podinfo/annotations; missing = none)
              --defaults PATH          cluster defaults file (default /etc/build-runner/defaults)
              --overrides PATH         cluster overrides file (default /etc/build-runner/overrides)
              --result PATH            write a JSON result file
              --termination-log PATH   termination message file (default /dev/termination-log, written when present)

            bench options:
              --workload NAME|PATH     a shipped workload (small-files, large-file, run-layers, run-many-files,
                                       multi-stage, deps-and-sources, debian-app) or a context folder; repeatable
                                       (default: every shipped one)
              --driver NAME            overlay, fuse-overlayfs or vfs; repeatable (default: every usable one)
              --iterations N           runs per workload, driver and tool (default 5)
              --json PATH              write every measurement as JSON
              --svg PATH               write a bar chart
              --registry HOST:PORT     push the multi-stage base image there (plain HTTP); else multi-stage is skipped
              --base IMAGE             the multi-stage base image instead
              --debian-base IMAGE      debian-app's Debian base (hack/debian-base.sh makes one); else it is skipped
              --cache-pass             also time the layer cache (needs --registry): a cold build pushing to a cache
                                       repository, then a rebuild in a fresh store after one changed source file
              --busybox PATH           busybox-static, the RUN workloads' shell (default /bin/busybox)
              --large-file-mib N       large-file's size (default 256)
              --bench-root PATH        contexts and fresh stores (default /var/lib/containers/build-runner-bench)
              setting flags are passed to both tools' builds (such as --layers true)

            prefetch options:
              --defaults PATH, --overrides PATH as for build; it takes --storage-root, --storage-driver, --authfile,
              --tls-verify, --pull-policy (missing skips what the store holds), --retries, --log-level

            settings flags (see `build-runner settings`): --context --file --tag --push/--no-push --build-arg
              --label --target --storage-driver --storage-root --image-store --tls-verify --authfile --format --layers --no-cache
              --cache-repo --cache-push --pull-policy --timestamp --log-level --require-user-namespace --run-capabilities

            """);
        return ExitCodes.Success;
    }
}
