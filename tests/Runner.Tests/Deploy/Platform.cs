namespace BuildRunner.Tests.Deploy;

/// <summary>Whose object a build step is in: it decides how the pod's user namespace is asked for and which results it writes.</summary>
public enum Platform
{
    /// <summary>A Pod or a Job: the manifest sets <c>hostUsers</c> itself.</summary>
    Kubernetes,

    /// <summary>A Tekton Task: results declared in the Task, <c>$(results.NAME.path)</c>.</summary>
    Tekton,

    /// <summary>A Shipwright build strategy: <c>shp-image-digest</c> and <c>shp-image-size</c>.</summary>
    Shipwright,
}
