using System.Globalization;
using BuildRunner.Host;
using BuildRunner.Posix;

namespace BuildRunner.Cli;

/// <summary>
/// The runner's own half of a hermetic build, run by util-linux <c>unshare --user --net</c> inside the new user and
/// network namespaces (<see cref="NetworkNamespaceLauncher"/>); not a command for people, so help does not list it.
/// </summary>
/// <remarks>
/// <c>wait</c>: the namespace has no ID map yet, so this process holds no capability in it; it waits on stdin until
/// the runner outside has written the map (<c>go</c>), then executes itself again as <c>inside</c>: an exec as the
/// namespace's now-mapped root gains the namespace's full capability set. <c>inside</c>: brings the loopback interface
/// up (the namespace's only one), cuts the bounding set to what the pod grants buildah (the hex mask), and executes
/// the command; <c>--report</c> as the command prints what the namespace holds instead (doctor's trial).
/// </remarks>
public static class HermeticExecCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "hermetic-exec";

    /// <summary>The command that reports the namespace instead of running a program (the trial).</summary>
    public const string Report = "--report";

    /// <summary>The word the runner writes on stdin once the namespace's ID maps are written.</summary>
    public const string Go = "go";

    /// <summary>The exit status when the namespace could not be made ready (what the runner reports as hermetic-unavailable).</summary>
    public const int NotReady = 125;

    /// <summary>Runs a phase: <c>hermetic-exec wait|inside KEEP -- COMMAND [ARG...]</c>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count < 5 || args[3] != "--" || !ulong.TryParse(args[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var keep))
        {
            error.WriteLine($"build-runner {Name}: usage: {Name} wait|inside KEEP-HEX -- COMMAND [ARG...]");
            return NotReady;
        }
        var command = args.Skip(4).ToList();
        switch (args[1])
        {
            case "wait":
                var line = Console.In.ReadLine();
                if (line != Go)
                {
                    error.WriteLine("build-runner: the build's user namespace was not mapped; not starting " + command[0]);
                    return NotReady;
                }
                var self = Environment.ProcessPath ?? "/proc/self/exe";
                error.WriteLine($"build-runner: executing {self} in the build's namespaces: {ProcessImage.Replace([self, Name, "inside", args[2], "--", .. command])}");
                return NotReady;
            case "inside":
                if (NetworkInterfaces.Up("lo") is string why)
                {
                    error.WriteLine("build-runner: bringing the loopback interface up in the build's network namespace: " + why);
                    return NotReady;
                }
                try
                {
                    ThreadCapabilities.Restrict(keep);
                }
                catch (CapabilityDropException e)
                {
                    error.WriteLine($"build-runner: dropping {Capabilities.NameOf(e.Capability)} in the build's user namespace failed (errno {e.Errno})");
                    return NotReady;
                }
                if (command[0] == Report)
                {
                    output.WriteLine("interfaces: " + string.Join(",", NetworkNamespaceLauncher.InterfacesOf(File.ReadAllText("/proc/self/net/dev"))));
                    output.WriteLine("uid_map: " + File.ReadAllText("/proc/self/uid_map").Trim());
                    return 0;
                }
                error.WriteLine($"build-runner: starting {command[0]}: {ProcessImage.Replace(command)}");
                return 127;
            default:
                error.WriteLine($"build-runner {Name}: unknown phase {args[1]}");
                return NotReady;
        }
    }
}
