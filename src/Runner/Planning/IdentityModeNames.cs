namespace BuildRunner.Planning;

/// <summary>Report names of <see cref="IdentityMode"/>.</summary>
public static class IdentityModeNames
{
    /// <summary><c>root-of-user-namespace</c>, <c>non-root-user</c> or <c>node-root</c>.</summary>
    public static string ToName(this IdentityMode mode) => mode switch
    {
        IdentityMode.RootOfUserNamespace => "root-of-user-namespace",
        IdentityMode.NonRootUser => "non-root-user",
        IdentityMode.NodeRoot => "node-root",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
