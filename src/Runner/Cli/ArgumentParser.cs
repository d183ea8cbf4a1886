using System.Collections.Immutable;
using BuildRunner.Settings;

namespace BuildRunner.Cli;

/// <summary>
/// Parses the command line. Setting flags come from <see cref="SettingsCatalog"/>, so every setting has a flag
/// and no flag exists without a setting. <c>--flag value</c> and <c>--flag=value</c> both work; boolean settings
/// (and choices with true and false, such as <c>--layers</c>) also take a bare <c>--flag</c> and <c>--no-flag</c>;
/// list settings may repeat.
/// </summary>
public static class ArgumentParser
{
    /// <summary>The commands, the first being the one run with no arguments.</summary>
    public static readonly ImmutableArray<string> Commands = ["build", "doctor", "bench", "prefetch", "version", "settings", "failures", "help"];

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="RunnerException">With <see cref="ExitCodes.Usage"/>: an unknown flag or a missing value.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = 0;
        var command = "build";
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            command = args[0];
            index = 1;
            if (!Commands.Contains(command))
            {
                throw Usage($"unknown command \"{command}\"", $"use one of: {string.Join(", ", Commands)}");
            }
        }
        if (args.Count > index && args[index] is "--help" or "-h")
        {
            return new ParsedArguments("help", ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, string>.Empty);
        }

        var valued = CommandOptions.ValuedByCommand[command];
        var switches = CommandOptions.SwitchesByCommand[command];
        var options = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var takesSettings = CommandOptions.TakesSettings(command);

        while (index < args.Count)
        {
            var token = args[index++];
            if (token.Length > 1 && token[0] == '-' && token[1] != '-')
            {
                var flags = SettingsCatalog.All.Select(d => d.Flag).Concat(valued).Concat(switches).ToList();
                throw Usage($"unknown flag {token} for {command}: flags are written --name", $"did you mean {ClosestName.Find("--" + token.TrimStart('-'), flags)}?");
            }
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                // buildah's habit: the context as the last positional argument.
                if (command == "build" && !settings.ContainsKey(SettingsCatalog.Context.AnnotationKey))
                {
                    settings[SettingsCatalog.Context.AnnotationKey] = token;
                    continue;
                }
                if (command == "prefetch")
                {
                    options[CommandOptions.Images] = options.TryGetValue(CommandOptions.Images, out var named) ? named + "\n" + token : token;
                    continue;
                }
                throw Usage($"unexpected argument \"{token}\"", "flags start with --; run build-runner help");
            }
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var flag = eq > 0 ? token[..eq] : token;
            string? inline = eq > 0 ? token[(eq + 1)..] : null;

            if (switches.Contains(flag))
            {
                options[flag] = inline ?? "true";
                continue;
            }
            if (valued.Contains(flag))
            {
                var value = inline ?? Next(args, ref index, flag);
                options[flag] = CommandOptions.Repeatable.Contains(flag) && options.TryGetValue(flag, out var earlier) ? earlier + "\n" + value : value;
                continue;
            }
            if (takesSettings && SettingFor(flag) is (SettingDefinition definition, bool negated))
            {
                string value;
                if (definition.IsSwitch)
                {
                    if (negated)
                    {
                        value = "false";
                    }
                    else if (inline is not null)
                    {
                        value = inline;
                    }
                    else if (index < args.Count && (args[index] is "true" or "false" || (definition.Kind == SettingKind.Choice && definition.AllowedValues.Contains(args[index]))))
                    {
                        value = args[index++];
                    }
                    else
                    {
                        value = "true";
                    }
                }
                else
                {
                    value = inline ?? Next(args, ref index, flag);
                }
                var key = definition.AnnotationKey;
                settings[key] = definition.IsList && settings.TryGetValue(key, out var earlier) ? earlier + "\n" + value : value;
                continue;
            }
            var known = valued.Concat(switches).Concat(takesSettings ? SettingsCatalog.All.Select(d => d.Flag) : []).ToList();
            var hint = known.Count > 0 ? $"did you mean {ClosestName.Find(flag, known)}?" : $"{command} takes no flags";
            throw Usage($"unknown flag {flag} for {command}", hint);
        }
        return new ParsedArguments(command, options.ToImmutable(), settings.ToImmutableDictionary(StringComparer.Ordinal));
    }

    private static (SettingDefinition, bool)? SettingFor(string flag)
    {
        if (SettingsCatalog.ByFlag(flag) is SettingDefinition direct)
        {
            return (direct, false);
        }
        if (flag.StartsWith("--no-", StringComparison.Ordinal)
            && SettingsCatalog.ByFlag("--" + flag["--no-".Length..]) is { IsSwitch: true } negated)
        {
            return (negated, true);
        }
        return null;
    }

    private static string Next(IReadOnlyList<string> args, ref int index, string flag)
    {
        if (index >= args.Count)
        {
            throw Usage($"{flag} needs a value", $"write {flag} VALUE or {flag}=VALUE");
        }
        return args[index++];
    }

    private static RunnerException Usage(string message, string fix) =>
        FailureCatalog.Usage.Fails(message, fix);
}
