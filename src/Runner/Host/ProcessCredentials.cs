namespace BuildRunner.Host;

/// <summary>The credentials of a process as <c>/proc/PID/status</c> shows them.</summary>
/// <param name="EffectiveUid">The effective UID, in the process's own namespace.</param>
/// <param name="EffectiveGid">The effective GID, in the process's own namespace.</param>
/// <param name="Effective">CapEff.</param>
/// <param name="Permitted">CapPrm.</param>
/// <param name="Inheritable">CapInh.</param>
/// <param name="Bounding">CapBnd.</param>
/// <param name="Ambient">CapAmb.</param>
/// <param name="NoNewPrivileges">Whether no_new_privs is set (Kubernetes <c>allowPrivilegeEscalation: false</c>).</param>
public sealed record ProcessCredentials(
    long EffectiveUid,
    long EffectiveGid,
    CapabilitySet Effective,
    CapabilitySet Permitted,
    CapabilitySet Inheritable,
    CapabilitySet Bounding,
    CapabilitySet Ambient,
    bool NoNewPrivileges)
{
    /// <summary>
    /// Parses the text of <c>/proc/PID/status</c>.
    /// </summary>
    /// <exception cref="FormatException">A needed field is missing or malformed.</exception>
    public static ProcessCredentials Parse(string statusText)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in statusText.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        string Field(string name) => fields.TryGetValue(name, out var v) ? v : throw new FormatException($"/proc status has no {name} field");
        // Uid: real effective saved fs
        long Second(string name)
        {
            var parts = Field(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 ? long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException($"/proc status field {name} is malformed");
        }
        return new ProcessCredentials(
            Second("Uid"),
            Second("Gid"),
            CapabilitySet.ParseHex(Field("CapEff")),
            CapabilitySet.ParseHex(Field("CapPrm")),
            CapabilitySet.ParseHex(Field("CapInh")),
            CapabilitySet.ParseHex(Field("CapBnd")),
            fields.TryGetValue("CapAmb", out var amb) ? CapabilitySet.ParseHex(amb) : CapabilitySet.None,
            fields.TryGetValue("NoNewPrivs", out var nnp) && nnp == "1");
    }
}
