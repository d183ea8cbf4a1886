using System.Collections.Immutable;
using BuildRunner.Storage;

namespace BuildRunner.Planning;

/// <summary>
/// What <c>build-runner prefetch</c> asks: the images to put into the store under the storage root, and the names
/// the store's index already holds per driver (read before planning, so the planner stays pure).
/// </summary>
/// <param name="Images">The images named on the command line, in order.</param>
/// <param name="OverlayPresent">The names the store's overlay index holds.</param>
/// <param name="VfsPresent">The names the store's vfs index holds.</param>
public sealed record PrefetchRequest(ImmutableArray<string> Images, ImmutableArray<string> OverlayPresent, ImmutableArray<string> VfsPresent)
{
    /// <summary>Whether the store already holds <paramref name="image"/> for <paramref name="driver"/>.</summary>
    public bool Holds(string image, StorageDriver driver) =>
        (driver == StorageDriver.Vfs ? VfsPresent : OverlayPresent).Contains(ImageName.Normalize(image), StringComparer.Ordinal);
}
