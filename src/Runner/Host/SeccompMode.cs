namespace BuildRunner.Host;

/// <summary>The <c>Seccomp:</c> field of <c>/proc/self/status</c>: whether a filter stands between the process and the kernel.</summary>
public enum SeccompMode
{
    /// <summary>The field is missing (a kernel without seccomp, or a /proc that hides it).</summary>
    Unknown,

    /// <summary>0: no filter (a pod with <c>seccompProfile: Unconfined</c>).</summary>
    Disabled,

    /// <summary>1: strict mode; only read, write, exit and sigreturn.</summary>
    Strict,

    /// <summary>2: a filter (RuntimeDefault or a Localhost profile).</summary>
    Filter,
}

/// <summary>Parsing and report names of <see cref="SeccompMode"/>.</summary>
public static class SeccompModes
{
    /// <summary>The mode in the text of <c>/proc/PID/status</c>.</summary>
    public static SeccompMode Parse(string statusText)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        foreach (var line in statusText.Split('\n'))
        {
            if (line.StartsWith("Seccomp:", StringComparison.Ordinal))
            {
                return line["Seccomp:".Length..].Trim() switch
                {
                    "0" => SeccompMode.Disabled,
                    "1" => SeccompMode.Strict,
                    "2" => SeccompMode.Filter,
                    _ => SeccompMode.Unknown,
                };
            }
        }
        return SeccompMode.Unknown;
    }

    /// <summary><c>disabled</c>, <c>strict</c>, <c>filter</c> or <c>unknown</c>.</summary>
    public static string ToName(this SeccompMode mode) => mode switch
    {
        SeccompMode.Disabled => "disabled",
        SeccompMode.Strict => "strict",
        SeccompMode.Filter => "filter",
        _ => "unknown",
    };
}
