namespace BuildRunner.Failures;

/// <summary>Whose move it is when a build fails: what a pod owner reads first in the failure table.</summary>
public enum FailureCategory
{
    /// <summary>A setting, flag or pod spec field asks for something wrong or impossible: fix the configuration.</summary>
    Configuration,

    /// <summary>The pod or node lacks something the build needs (namespace, capability, seccomp, storage, tools).</summary>
    Environment,

    /// <summary>buildah ran and the Containerfile or the context failed.</summary>
    Build,

    /// <summary>The image was built, and the registry refused or could not be reached.</summary>
    Push,

    /// <summary>
    /// A registry refused the pod's credentials or certificate checks, or could not be reached, pulling a base image or
    /// pushing: the pod's secrets, CA or network are at fault, not the Containerfile.
    /// </summary>
    Registry,

    /// <summary>The build was stopped from outside.</summary>
    Cancelled,

    /// <summary>A defect in the runner.</summary>
    Internal,
}

/// <summary>Names of <see cref="FailureCategory"/>.</summary>
public static class FailureCategoryNames
{
    /// <summary>The lower-case name, as the result file and the README table show it.</summary>
    public static string ToName(this FailureCategory category) => category switch
    {
        FailureCategory.Configuration => "configuration",
        FailureCategory.Environment => "environment",
        FailureCategory.Build => "build",
        FailureCategory.Push => "push",
        FailureCategory.Registry => "registry",
        FailureCategory.Cancelled => "cancelled",
        _ => "internal",
    };
}
