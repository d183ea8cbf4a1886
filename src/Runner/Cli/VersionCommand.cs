using System.Reflection;
using System.Runtime.InteropServices;

namespace BuildRunner.Cli;

/// <summary><c>build-runner version</c>.</summary>
public static class VersionCommand
{
    /// <summary>The runner's version.</summary>
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Prints the version and the runtime it was built with.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"build-runner {Version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}{(RuntimeFeature() ? ", native AOT" : "")})");
        return ExitCodes.Success;
    }

    private static bool RuntimeFeature() => !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
}
