using System.Reflection;
using System.Runtime.InteropServices;

namespace BuildRunner.Cli;

/// <summary><c>build-runner version</c>.</summary>
public static class VersionCommand
{
    /// <summary>The runner's version.</summary>
    public static string Version => InformationalVersion.Split('+')[0];

    /// <summary>The commit the binary was built from (hack/build.sh passes it as <c>SourceRevisionId</c>), or
    /// <c>unknown</c>. The builder image's <c>org.opencontainers.image.revision</c> label carries the same.</summary>
    public static string Revision => InformationalVersion.Split('+') is [_, var revision, ..] && revision.Length > 0 ? revision : "unknown";

    private static string InformationalVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Prints the version and the runtime it was built with, then the revision on a line of its own.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"build-runner {Version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}{(RuntimeFeature() ? ", native AOT" : "")})");
        output.WriteLine($"revision {Revision}");
        return ExitCodes.Success;
    }

    private static bool RuntimeFeature() => !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
}
