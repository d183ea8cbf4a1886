namespace BuildRunner.Tests.Host;

/// <summary>The text of /proc/self/status as a Linux 6.x kernel writes it (copied from a real process), with the credential lines made up.</summary>
internal static class ProcStatus
{
    /// <summary>Every capability this kernel knows (CAP_CHOWN through CAP_CHECKPOINT_RESTORE).</summary>
    public const string Full = "000001ffffffffff";

    /// <summary>No capabilities.</summary>
    public const string Empty = "0000000000000000";

    /// <summary>A status text with the given credentials.</summary>
    public static string Text(
        long uid = 0,
        long gid = 0,
        string capEff = Full,
        string capBnd = Full,
        string? capPrm = null,
        string capInh = Empty,
        string? capAmb = Empty,
        bool noNewPrivs = false)
    {
        string[] lines =
        [
            "Name:\tbuild-runner",
            "Umask:\t0022",
            "State:\tR (running)",
            "Tgid:\t24722",
            "Ngid:\t0",
            "Pid:\t24722",
            "PPid:\t23875",
            "TracerPid:\t0",
            $"Uid:\t{uid}\t{uid}\t{uid}\t{uid}",
            $"Gid:\t{gid}\t{gid}\t{gid}\t{gid}",
            "FDSize:\t256",
            "Groups:\t",
            "NStgid:\t24722",
            "NSpid:\t24722",
            "NSpgid:\t23875",
            "NSsid:\t23280",
            "Kthread:\t0",
            "VmPeak:\t    3060 kB",
            "VmSize:\t    3060 kB",
            "VmLck:\t       0 kB",
            "VmRSS:\t    1684 kB",
            "CoreDumping:\t0",
            "THP_enabled:\t1",
            "untag_mask:\t0xffffffffffffffff",
            "Threads:\t1",
            "SigQ:\t0/96364",
            "SigPnd:\t0000000000000000",
            "ShdPnd:\t0000000000000000",
            "SigBlk:\t0000000000000000",
            "SigIgn:\t0000000000000000",
            "SigCgt:\t0000000000000000",
            $"CapInh:\t{capInh}",
            $"CapPrm:\t{capPrm ?? capEff}",
            $"CapEff:\t{capEff}",
            $"CapBnd:\t{capBnd}",
            .. capAmb is null ? Array.Empty<string>() : [$"CapAmb:\t{capAmb}"],
            $"NoNewPrivs:\t{(noNewPrivs ? 1 : 0)}",
            "Seccomp:\t2",
            "Seccomp_filters:\t1",
            "Speculation_Store_Bypass:\tvulnerable",
            "SpeculationIndirectBranch:\talways enabled",
            "Cpus_allowed:\t3",
            "Cpus_allowed_list:\t0-1",
            "Mems_allowed:\t00000000,00000001",
            "Mems_allowed_list:\t0",
            "voluntary_ctxt_switches:\t0",
            "nonvoluntary_ctxt_switches:\t1",
        ];
        return string.Join("\n", lines) + "\n";
    }
}
