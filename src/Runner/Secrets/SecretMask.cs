using System.Collections.Immutable;

namespace BuildRunner.Secrets;

/// <summary>
/// Hides the build's known secret values in text: every occurrence of a value becomes <c>***</c>. Applied to each line
/// buildah writes before it is logged or kept for an error message, to failures before they are reported, and to the
/// doctor report. Made by <see cref="SecretValues"/>.
/// </summary>
public sealed class SecretMask
{
    /// <summary>What a hidden value is replaced by.</summary>
    public const string Placeholder = "***";

    /// <summary>
    /// Values with fewer non-blank characters than this are not hidden in free text: masking <c>a</c> or <c>1</c>
    /// would garble every line (and so point at the value more than hide it); such a value is no secret worth the name.
    /// Build-argument values of any length are still hidden in the command line as shown (<see cref="Buildah.BuildahInvocation"/>).
    /// </summary>
    public const int MinimumLength = 4;

    private readonly ImmutableArray<string> values;

    /// <summary>A mask for <paramref name="secretValues"/>; empty and short values are left out.</summary>
    public SecretMask(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);
        // Longest first: a value that contains a shorter one must be hidden whole, not left with its rest showing.
        values = [.. secretValues
            .Where(v => v.Trim().Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ThenBy(v => v, StringComparer.Ordinal)];
    }

    /// <summary>A mask that hides nothing (no secrets known).</summary>
    public static SecretMask None { get; } = new([]);

    /// <summary>How many values are hidden (never the values themselves: this object must not print them).</summary>
    public int Count => values.Length;

    /// <summary><paramref name="text"/> with every known secret value replaced by <see cref="Placeholder"/>.</summary>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Placeholder, StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>The same failure with its message and fix masked, for the result file, the termination message and standard error.</summary>
    public RunnerException Apply(RunnerException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var message = Apply(failure.Message);
        var fix = Apply(failure.Fix);
        return message == failure.Message && fix == failure.Fix ? failure : failure.Kind.Fails(message, fix, failure.InnerException);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count} secret values";
}
