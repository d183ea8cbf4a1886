using System.Globalization;

namespace BuildRunner.Planning;

/// <summary>What the pod asked for: a user namespace, and how large.</summary>
/// <param name="Reason">Which annotation or setting asked, for messages.</param>
/// <param name="MinimumSize">The smallest mapping that satisfies the request (0: any).</param>
public sealed record UserNamespaceRequest(string Reason, long MinimumSize)
{
    /// <summary>The CRI-O annotation that asks the runtime for a user namespace.</summary>
    public const string CriOAnnotation = "io.kubernetes.cri-o.userns-mode";

    /// <summary>
    /// The request expressed by the pod's annotations and the require-user-namespace setting, or null when
    /// neither asks. <c>auto:size=65536</c> asks for at least 65536 IDs; <c>host</c> asks for none.
    /// </summary>
    public static UserNamespaceRequest? From(IReadOnlyDictionary<string, string> podAnnotations, bool required)
    {
        ArgumentNullException.ThrowIfNull(podAnnotations);
        if (podAnnotations.TryGetValue(CriOAnnotation, out var mode) && mode.Trim().Length > 0 && mode.Trim() != "host")
        {
            return new UserNamespaceRequest($"the pod annotation {CriOAnnotation}: \"{mode}\"", SizeOf(mode));
        }
        return required ? new UserNamespaceRequest("build-runner/require-user-namespace: \"true\"", 0) : null;
    }

    // "auto:size=65536;uidmapping=..." — options after the colon are separated by ';' (CRI-O) or ','.
    private static long SizeOf(string mode)
    {
        var colon = mode.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return 0;
        }
        foreach (var option in mode[(colon + 1)..].Split([';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = option.Split('=', 2);
            if (parts.Length == 2 && parts[0].Trim() == "size"
                && long.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
        }
        return 0;
    }
}
