using System.Security.Cryptography;
using System.Text;

namespace BuildRunner.Failures;

/// <summary>
/// Turns an exception the runner did not expect into the catalog's <c>internal</c> failure, so every run still ends
/// in a result file and a termination message. The short id is a hash of the exception type and its throwing frame:
/// the same defect gets the same id in every pod, which is what a bug report needs.
/// </summary>
public static class InternalFailure
{
    /// <summary>The <c>internal</c> failure for <paramref name="unexpected"/>.</summary>
    public static RunnerException From(Exception unexpected)
    {
        ArgumentNullException.ThrowIfNull(unexpected);
        return FailureCatalog.Internal.Fails(
            $"unexpected {unexpected.GetType().Name}: {unexpected.Message} (internal error {Id(unexpected)})",
            "this is a defect in build-runner, not in the pod: report it with the internal error id and the pod log; run with --log-level debug to print the stack trace",
            unexpected);
    }

    /// <summary>Eight hex digits naming the defect.</summary>
    public static string Id(Exception unexpected)
    {
        ArgumentNullException.ThrowIfNull(unexpected);
        var frame = unexpected.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(unexpected.GetType().FullName + "\n" + frame));
        return Convert.ToHexStringLower(hash)[..8];
    }
}
