using System.Collections.Immutable;

namespace BuildRunner.Cli;

/// <summary>A command line, understood.</summary>
/// <param name="Command">The command: <c>build</c>, <c>doctor</c>, <c>version</c>, <c>settings</c> or <c>help</c>.</param>
/// <param name="Options">The command's own options (such as <c>--result</c>) by flag; switches have the value <c>true</c>.</param>
/// <param name="SettingFlags">Settings given as flags, by annotation key, raw (list items one per line).</param>
public sealed record ParsedArguments(
    string Command,
    ImmutableDictionary<string, string> Options,
    ImmutableDictionary<string, string> SettingFlags)
{
    /// <summary>The value of option <paramref name="flag"/>, or <paramref name="fallback"/>.</summary>
    public string Option(string flag, string fallback) => Options.TryGetValue(flag, out var v) ? v : fallback;

    /// <summary>The value of option <paramref name="flag"/>, or null.</summary>
    public string? OptionOrNull(string flag) => Options.TryGetValue(flag, out var v) ? v : null;

    /// <summary>Every value of a repeatable option, in order; empty when it was not given.</summary>
    public IReadOnlyList<string> OptionValues(string flag) => Options.TryGetValue(flag, out var v) ? v.Split('\n') : [];

    /// <summary>Whether switch <paramref name="flag"/> was given.</summary>
    public bool Switch(string flag) => Options.ContainsKey(flag);
}
