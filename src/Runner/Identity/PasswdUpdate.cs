namespace BuildRunner.Identity;

/// <summary>The outcome of <see cref="PasswdEntries.Ensure"/>.</summary>
/// <param name="UserName">The user's name: the existing one for the UID, or the one added.</param>
/// <param name="NewPasswd">The new <c>/etc/passwd</c> text, or null when it needs no change.</param>
/// <param name="NewGroup">The new <c>/etc/group</c> text, or null when it needs no change.</param>
public sealed record PasswdUpdate(string UserName, string? NewPasswd, string? NewGroup)
{
    /// <summary>True when neither file needs writing.</summary>
    public bool Unchanged => NewPasswd is null && NewGroup is null;
}
