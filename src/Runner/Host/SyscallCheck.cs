namespace BuildRunner.Host;

/// <summary>
/// Whether the seccomp filter lets one syscall reach the kernel. The call is made with arguments the kernel itself
/// answers harmlessly (<c>unshare(0)</c> succeeds, <c>mount</c> and <c>umount2</c> on an empty path fail with
/// ENOENT), so any other answer came from the filter, never from missing capabilities.
/// </summary>
/// <param name="Syscall">The syscall's name, as seccomp profiles spell it.</param>
/// <param name="Allowed">Whether the kernel answered.</param>
/// <param name="Answer">The answer seen: <c>ok</c>, or the errno name (<c>ENOENT</c>, <c>EPERM</c>, <c>ENOSYS</c>, ...).</param>
public sealed record SyscallCheck(string Syscall, bool Allowed, string Answer);
