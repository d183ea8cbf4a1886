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

    /// <summary>Several items: one per line in an annotation, a repeated flag on the command line.</summary>
    List,

    /// <summary>Several <c>KEY=VALUE</c> items: one per line in an annotation, a repeated flag on the command line.</summary>
    KeyValueList,
}
