using System.Collections.Immutable;
using BuildRunner.Host;
using BuildRunner.Identity;
using BuildRunner.Planning;
using BuildRunner.Settings;
using BuildRunner.Tests.Host;

namespace BuildRunner.Tests.Storage;

/// <summary>
/// The facts of a ready pod (root of a 65536-ID namespace, the four capabilities, seccomp allowing, a context with a
/// Containerfile, one output image), for the planner and storage tests; each test changes what it is about.
/// </summary>
internal static class PodFacts
{
    public const string Work = "/tmp/build-runner-42";
    public const string GraphRoot = "/var/lib/containers/storage";
    public const long Ext4 = 0xEF53;
    public const string PodMap = "0 100000 65536\n";

    public static readonly CapabilitySet Four = CapabilitySet.Of("SETUID", "SETGID", "SETFCAP", "SYS_CHROOT");

    public static StorageHostFacts Host { get; } = new("0.1.0+abc123", "6.1.0-18-amd64", Ext4, "/usr/bin/fuse-overlayfs", null);

    public static Facts Ready(
        (string Key, string Value)[]? settings = null,
        long uid = 0,
        string uidMap = PodMap,
        CapabilitySet? effective = null,
        CapabilitySet? bounding = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build-runner/output-image"] = "registry.example/a/app:1",
            ["build-runner/context"] = "/workspace",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        ImmutableArray<SettingLayer> layers = [new SettingLayer(SettingSource.PodAnnotation, "pod annotations", values)];
        var caps = uid == 0 ? effective ?? Four : CapabilitySet.None;
        var credentials = ProcessCredentials.Parse(ProcStatus.Text(uid: uid, gid: uid, capEff: caps.ToHex(), capBnd: (bounding ?? Four).ToHex()));
        NewIdMapFacts Tool(string path, bool groups) =>
            new(path, groups, true, 0, false, groups ? CapabilitySet.Of("SETGID") : CapabilitySet.Of("SETUID"), false, credentials.Effective, credentials.Bounding, uid == 0);
        return new Facts
        {
            Gathered = new GatheredSettings(SettingsResolver.Resolve(layers), values, layers),
            Host = new HostFacts(new UserNamespace(IdMap.Parse(uidMap), IdMap.Parse(uidMap)), credentials),
            Seccomp = new SeccompFacts(SeccompMode.Filter,
                [new SyscallCheck("unshare", true, "ok"), new SyscallCheck("mount", true, "ENOENT"), new SyscallCheck("umount2", true, "ENOENT")],
                new NamespaceTrial(true, true, "worked")),
            Identity = new IdentityFacts(
                new IdentityFiles("root:x:0:0:root:/root:/bin/sh\nbuild:x:1000:1000::/home/build:/bin/sh\n", "root:x:0:\nbuild:x:1000:\n", SubIdFile.Empty, SubIdFile.Empty),
                true, Tool("/usr/bin/newuidmap", false), Tool("/usr/bin/newgidmap", true), "/home/build"),
            Context = new ContextFacts("/workspace", true, null, true),
            WorkDirectory = Work,
            StorageHost = Host,
        };
    }
}
