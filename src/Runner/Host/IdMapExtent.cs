namespace BuildRunner.Host;

/// <summary>One line of <c>/proc/PID/uid_map</c> or <c>gid_map</c>: IDs <c>[Inside, Inside+Count)</c> in the namespace are IDs <c>[Outside, Outside+Count)</c> in the parent.</summary>
/// <param name="Inside">First ID as seen inside the namespace.</param>
/// <param name="Outside">First ID as seen by the parent namespace (the node, for a pod).</param>
/// <param name="Count">How many consecutive IDs the extent maps.</param>
public sealed record IdMapExtent(long Inside, long Outside, long Count)
{
    /// <summary>Whether <paramref name="id"/> (an inside ID) falls in this extent.</summary>
    public bool ContainsInside(long id) => id >= Inside && id < Inside + Count;
}
