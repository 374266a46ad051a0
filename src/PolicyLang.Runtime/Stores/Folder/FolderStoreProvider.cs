using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores.Folder;

/// <summary>Opens <c>folder</c> stores: archives and audit trails on local disk under the <c>path</c> setting.</summary>
public sealed class FolderStoreProvider : IStoreProvider
{
    /// <inheritdoc />
    public string Kind => "folder";

    /// <inheritdoc />
    public IStore Open(StoreModel store, StoreContext context) => new FolderStore(store, RequireFolder(store, context.GetPath(store, "path")), context.Policy.PreviousNames);

    // The folder is created on first write; a file where it (or a folder above it) should be would fail every write with
    // an IOException deep in retention, so it is one clear line when the store opens.
    private static string RequireFolder(StoreModel store, string path)
    {
        for (var at = Path.GetFullPath(path); !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                throw new RunException(at == Path.GetFullPath(path)
                    ? $"store '{store.Name}': path '{path}' is a file, not a folder; point `path` at a folder (it is created on first write)"
                    : $"store '{store.Name}': path '{path}' cannot be a folder, because '{at}' is a file");
            }

            if (Directory.Exists(at))
            {
                break;
            }
        }

        return path;
    }
}
