namespace BuildRunner.Settings;

/// <summary>The shape of a setting's value.</summary>
public enum SettingKind
{
    /// <summary>Free text (a path, an image reference).</summary>
    Text,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>One of a fixed list of words.</summary>
    Choice,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A length of time above zero: a whole number with <c>ms</c>, <c>s</c> or <c>m</c>, such as <c>2s</c> (Go's duration syntax, which buildah reads).</summary>
    Duration,

    /// <summary>Several items: one per line in an annotation, a repeated flag on the command line.</summary>
    List,

    /// <summary>Several <c>KEY=VALUE</c> items: one per line in an annotation, a repeated flag on the command line.</summary>
    KeyValueList,
}
