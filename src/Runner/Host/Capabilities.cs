namespace BuildRunner.Host;

/// <summary>Linux capability numbers and their <c>CAP_*</c> names (include/uapi/linux/capability.h).</summary>
public static class Capabilities
{
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>The highest capability number this table knows.</summary>
    public static int Last => Names.Length - 1;

    /// <summary>The <c>CAP_*</c> name of capability <paramref name="number"/>; unknown numbers read <c>CAP_N</c>.</summary>
    public static string NameOf(int number) =>
        number >= 0 && number < Names.Length ? Names[number] : $"CAP_{number}";

    /// <summary>
    /// The number of a capability named with or without the <c>CAP_</c> prefix, in any case
    /// (<c>setfcap</c>, <c>CAP_SETFCAP</c>); null when unknown.
    /// </summary>
    public static int? NumberOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = name.Trim().ToUpperInvariant();
        if (!wanted.StartsWith("CAP_", StringComparison.Ordinal))
        {
            wanted = "CAP_" + wanted;
        }
        var index = Array.IndexOf(Names, wanted);
        return index >= 0 ? index : null;
    }

    /// <summary>All known names, in number order.</summary>
    public static IReadOnlyList<string> AllNames => Names;
}
