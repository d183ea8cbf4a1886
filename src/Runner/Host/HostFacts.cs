namespace BuildRunner.Host;

/// <summary>What the process runs in: its user namespace and its credentials.</summary>
/// <param name="UserNamespace">The ID maps.</param>
/// <param name="Credentials">UIDs and capability sets.</param>
public sealed record HostFacts(UserNamespace UserNamespace, ProcessCredentials Credentials);
