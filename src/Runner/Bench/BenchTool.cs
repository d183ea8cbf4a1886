namespace BuildRunner.Bench;

/// <summary>What builds a workload in a bench run.</summary>
public enum BenchTool
{
    /// <summary>The runner's own binary, <c>build-runner build</c>: gathering, probe, plan and buildah, as a pod runs it.</summary>
    Runner,

    /// <summary>Plain <c>buildah bud</c> with the arguments the runner's plan gives it: the baseline.</summary>
    Buildah,
}

/// <summary>The names tools have in the bench's outputs.</summary>
public static class BenchToolNames
{
    /// <summary><c>runner</c> or <c>buildah</c>.</summary>
    public static string ToName(this BenchTool tool) => tool switch
    {
        BenchTool.Runner => "runner",
        BenchTool.Buildah => "buildah",
        _ => throw new ArgumentOutOfRangeException(nameof(tool)),
    };
}
