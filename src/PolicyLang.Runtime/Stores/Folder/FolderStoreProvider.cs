using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>Opens <c>folder</c> stores: archives and audit trails on local disk under the <c>path</c> setting.</summary>
public sealed class FolderStoreProvider : IStoreProvider
{
    /// <inheritdoc />
    public string Kind => "folder";

    /// <inheritdoc />
    public IStore Open(StoreModel store, StoreContext context) => new FolderStore(store, context.GetPath(store, "path"), context.Policy.PreviousNames);
}
