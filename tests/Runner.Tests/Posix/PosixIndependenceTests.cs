using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using BuildRunner.Host;
using BuildRunner.Posix;

namespace BuildRunner.Tests.Posix;

/// <summary>
/// Posix is the runner's thin layer over libc: raw values in, raw values out. It must not lean on the rest of the
/// runner (capability sets, failures, settings), so that what a syscall answered and what that means stay apart.
/// </summary>
public sealed partial class PosixIndependenceTests
{
    private const string PosixNamespace = "BuildRunner.Posix";
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly Runner = typeof(ExtendedAttributes).Assembly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_type_in_Posix_uses_a_type_from_another_runner_namespace()
    {
        var uses = Runner.GetTypes()
            .Where(t => t.Namespace == PosixNamespace)
            .SelectMany(t => TypesUsedBy(t).Where(IsElsewhereInTheRunner).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Empty(uses);
    }

    [Fact]
    public void The_scan_sees_a_type_used_only_inside_a_method_body()
    {
        // Host's CapabilityRestriction names RunnerException only where it throws one; a scan that missed it would
        // let the test above pass whatever Posix does.
        var used = TypesUsedBy(typeof(CapabilityRestriction)).ToList();

        Assert.Contains(typeof(RunnerException), used);
        Assert.Contains(typeof(ThreadCapabilities), used);
        Assert.Contains(typeof(CapabilityDropException), used);
    }

    [Fact]
    public void Every_native_import_is_declared_in_Libc()
    {
        var declaringTypes = Runner.GetTypes()
            .SelectMany(t => t.GetMethods(Declared))
            .Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl) || m.IsDefined(typeof(LibraryImportAttribute)))
            .Select(m => Outermost(m.DeclaringType!))
            .Distinct();

        Assert.Equal([typeof(Libc)], declaringTypes);
    }

    [Fact]
    public void No_file_in_Posix_names_another_runner_namespace()
    {
        var folder = Path.Combine(Checkout.Root, "src", "Runner", "Posix");
        var names = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => RunnerNamespace().Matches(File.ReadAllText(file))
                .Select(m => m.Value)
                .Where(name => name != PosixNamespace)
                .Select(name => $"{Path.GetFileName(file)}: {name}"))
            .ToList();

        Assert.NotEmpty(Directory.EnumerateFiles(folder, "*.cs"));
        Assert.Empty(names);
    }

    private static bool IsElsewhereInTheRunner(Type type) =>
        type.Assembly == Runner
        && type.Namespace is { } ns
        && (ns == "BuildRunner" || ns.StartsWith("BuildRunner.", StringComparison.Ordinal))
        && ns != PosixNamespace
        && !ns.StartsWith(PosixNamespace + ".", StringComparison.Ordinal);

    /// <summary>Every type <paramref name="type"/> names: in its signatures and in the code of its methods.</summary>
    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var used = new List<Type?> { type.BaseType };
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            used.Add((method as MethodInfo)?.ReturnType);
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method.GetMethodBody() is { } body)
            {
                used.AddRange(body.LocalVariables.Select(l => l.LocalType));
                used.AddRange(body.ExceptionHandlingClauses
                    .Where(c => c.Flags == ExceptionHandlingClauseOptions.Clause)
                    .Select(c => c.CatchType));
                used.AddRange(TypesInCode(method, body.GetILAsByteArray() ?? []));
            }
        }
        return used.OfType<Type>().SelectMany(Parts).Distinct();
    }

    /// <summary>The types named by the tokens in a method's IL: types, and the owners and signatures of fields and methods.</summary>
    private static IEnumerable<Type?> TypesInCode(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } owner ? owner.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var twoBytes = il[at] == 0xFE;
            var opCode = OpCodesByValue[twoBytes ? unchecked((short)(0xFE00 | il[at + 1])) : il[at]];
            at += twoBytes ? 2 : 1;
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    foreach (var named in Named(member))
                    {
                        yield return named;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static IEnumerable<Type?> Named(MemberInfo? member) => member switch
    {
        Type type => [type],
        FieldInfo field => [field.DeclaringType, field.FieldType],
        MethodBase method => [method.DeclaringType, (method as MethodInfo)?.ReturnType, .. method.GetParameters().Select(p => p.ParameterType)],
        _ => [member?.DeclaringType],
    };

    /// <summary>A type and the types it is made of: element types, generic definitions and arguments.</summary>
    private static IEnumerable<Type> Parts(Type type)
    {
        if (type.HasElementType)
        {
            return Parts(type.GetElementType()!);
        }
        if (type.IsGenericParameter)
        {
            return [];
        }
        if (type.IsConstructedGenericType)
        {
            return [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Parts)];
        }
        return [type];
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    // A using directive, a qualified name or a cref: every way a file can name a runner namespace.
    [GeneratedRegex(@"\bBuildRunner(\.\w+)?\b")]
    private static partial Regex RunnerNamespace();
}
