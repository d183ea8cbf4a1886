namespace BuildRunner.Settings;

/// <summary>When base images are pulled (<c>build-runner/pull-policy</c>).</summary>
public enum PullPolicy
{
    /// <summary><c>missing</c>: only when the store lacks the image.</summary>
    Missing,

    /// <summary><c>newer</c>: when missing, or when the registry has a newer one.</summary>
    Newer,

    /// <summary><c>always</c>: every build.</summary>
    Always,

    /// <summary><c>never</c>: the store must hold it.</summary>
    Never,
}

/// <summary>Names of <see cref="PullPolicy"/>.</summary>
public static class PullPolicyNames
{
    /// <summary><c>missing</c>, <c>newer</c>, <c>always</c> or <c>never</c>.</summary>
    public static string ToName(this PullPolicy policy) => policy switch
    {
        PullPolicy.Newer => "newer",
        PullPolicy.Always => "always",
        PullPolicy.Never => "never",
        _ => "missing",
    };

    /// <summary>The policy a validated setting value names.</summary>
    public static PullPolicy Parse(string name) => name switch
    {
        "missing" => PullPolicy.Missing,
        "newer" => PullPolicy.Newer,
        "always" => PullPolicy.Always,
        "never" => PullPolicy.Never,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a pull policy"),
    };
}
