using BuildRunner.Identity;

namespace BuildRunner.Planning;

/// <summary>What the pod's identity files and newuidmap/newgidmap look like, as read before anything is written.</summary>
/// <param name="Files">/etc/passwd, /etc/group, /etc/subuid and /etc/subgid.</param>
/// <param name="SubIdFilesWritable">Whether the runner may rewrite /etc/subuid and /etc/subgid.</param>
/// <param name="NewUidMap">newuidmap as installed.</param>
/// <param name="NewGidMap">newgidmap as installed.</param>
/// <param name="Home">The HOME a passwd entry written for the pod user gets.</param>
public sealed record IdentityFacts(IdentityFiles Files, bool SubIdFilesWritable, NewIdMapFacts NewUidMap, NewIdMapFacts NewGidMap, string Home);
