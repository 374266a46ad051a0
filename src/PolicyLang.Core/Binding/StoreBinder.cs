using PolicyLang.Core.Binding.Model;
using PolicyLang.Core.Diagnostics;
using PolicyLang.Core.Syntax;

namespace PolicyLang.Core.Binding;

/// <summary><c>store name kind { settings }</c>: kind, settings allowed per kind, required settings, values, secrets only through env().</summary>
internal static class StoreBinder
{
    public static readonly Dictionary<string, StoreKind> Kinds = new(StringComparer.Ordinal)
    {
        ["postgres"] = StoreKind.Postgres,
        ["mongodb"] = StoreKind.MongoDb,
        ["s3"] = StoreKind.S3,
        ["duckdb"] = StoreKind.DuckDb,
        ["folder"] = StoreKind.Folder,
    };

    private static readonly Dictionary<StoreKind, string[]> Allowed = new()
    {
        // encryption on a database: at rest, provided by the platform (volume, managed service, encrypted storage engine);
        // declared by the author for 3.11, since a database session cannot observe it. An extension of LANGUAGE.md.
        [StoreKind.Postgres] = ["connection", "tls", "encryption"],
        [StoreKind.MongoDb] = ["connection", "tls", "encryption"],
        [StoreKind.S3] = ["bucket", "region", "endpoint", "storage-class", "encryption"],
        [StoreKind.DuckDb] = ["file"],
        [StoreKind.Folder] = ["path"],
    };

    private static readonly Dictionary<StoreKind, string> Required = new()
    {
        [StoreKind.Postgres] = "connection",
        [StoreKind.MongoDb] = "connection",
        [StoreKind.S3] = "bucket",
        [StoreKind.DuckDb] = "file",
        [StoreKind.Folder] = "path",
    };

    private static readonly string[] TlsModes = ["required", "preferred", "disabled"];

    private static readonly string[] StorageClasses =
        ["standard", "standard-ia", "glacier-instant-retrieval", "glacier-flexible-retrieval", "deep-archive"];

    /// <summary>Null when the kind is unknown (reported); the settings are still checked.</summary>
    public static StoreSymbol? Bind(BindingContext ctx, StoreDeclarationSyntax store)
    {
        StoreKind? kind = null;
        if (Kinds.TryGetValue(store.Kind.Name, out var known))
        {
            kind = known;
        }
        else
        {
            ctx.Report(BindingDiagnostics.UnknownStoreKind, store.Kind, $"`{store.Kind.Name}` is not a store kind{Names.HintOrAllowed(store.Kind.Name, Kinds.Keys)}");
        }

        var settings = new Dictionary<string, BoundSetting>(StringComparer.Ordinal);
        foreach (var setting in ctx.FirstOfEachKeyword(store.Settings, $"store `{store.Name.Name}`"))
        {
            var keyword = setting.Keyword.Name;
            if (kind is { } k && !Allowed[k].Contains(keyword))
            {
                var owners = Allowed.Where(a => a.Value.Contains(keyword)).Select(a => a.Key.ToString().ToLowerInvariant());
                ctx.Report(
                    BindingDiagnostics.SettingNotForStoreKind,
                    setting.Keyword,
                    $"`{keyword}` is not a setting of {Names.Article(store.Kind.Name)} `{store.Kind.Name}` store; it belongs to {Names.List(owners)} stores");
                continue;
            }

            if (BindSetting(ctx, setting) is { } bound)
            {
                settings[keyword] = bound;
            }
        }

        if (kind is not { } storeKind)
        {
            return null;
        }

        var required = Required[storeKind];
        if (!store.Settings.Any(s => s.Keyword.Name == required) && !store.IsIncomplete())
        {
            ctx.Report(BindingDiagnostics.MissingStoreSetting, store.Name, $"store `{store.Name.Name}` needs `{required}`{RequiredExample(required)}");
        }

        return new StoreSymbol(store.Name.Name, storeKind, settings, ctx.Locate(store));
    }

    private static string RequiredExample(string keyword) => keyword switch
    {
        "connection" => ": `connection env(\"NAME\")`",
        "bucket" => ": `bucket \"name\"`",
        "file" => ": `file \"data.duckdb\"`",
        _ => ": `path \"dir\"`",
    };

    private static BoundSetting? BindSetting(BindingContext ctx, SettingSyntax setting)
    {
        var keyword = setting.Keyword.Name;
        var location = ctx.Locate(setting);

        // INVARIANT: the grammar gives every store setting at least one value.
        var value = setting.Values[0];
        switch (keyword)
        {
            case "connection":
                return value switch
                {
                    EnvValueSyntax env => Env(ctx, keyword, env, location),

                    // The literal may be a real secret: the message must not repeat it.
                    StringValueSyntax => Report(ctx, BindingDiagnostics.LiteralSecret, value, "`connection` must not be written in the policy: secrets only through `env(\"NAME\")`"),
                    WordValueSyntax w => Report(ctx, BindingDiagnostics.WrongValueKind, value, $"`connection` expects `env(\"NAME\")`; did you mean `env(\"{w.Word.Name}\")`?"),
                    _ => Report(ctx, BindingDiagnostics.WrongValueKind, value, "`connection` expects `env(\"NAME\")`"),
                };
            case "tls":
                return Word(ctx, keyword, value, TlsModes, "a `tls` mode", location);
            case "storage-class":
                return Word(ctx, keyword, value, StorageClasses, "an s3 storage class", location);
            case "encryption":
                return ValueBinder.Encryption(ctx, setting) is { } encryption
                    ? new BoundSetting(keyword, encryption.Method, null, location) { Argument = encryption.Key }
                    : null;
            case "endpoint" when value is EnvValueSyntax env:
                return Env(ctx, keyword, env, location);
            default:
                if (value is StringValueSyntax { Value.Length: 0 })
                {
                    return Report(ctx, BindingDiagnostics.InvalidSettingValue, value, $"`{keyword}` needs a value, not an empty string");
                }

                return value is StringValueSyntax s
                    ? new BoundSetting(keyword, s.Value, null, location)
                    : Report(ctx, BindingDiagnostics.WrongValueKind, value, $"`{keyword}` expects a string in quotes{(value is WordValueSyntax bare ? $": `\"{bare.Word.Name}\"`" : string.Empty)}");
        }
    }

    private static BoundSetting? Env(BindingContext ctx, string keyword, EnvValueSyntax env, SourceLocation location) =>
        ValueBinder.EnvironmentVariable(ctx, env) is { } name ? new BoundSetting(keyword, null, name, location) : null;

    private static BoundSetting? Word(BindingContext ctx, string keyword, ValueSyntax value, string[] allowed, string what, SourceLocation location)
    {
        if (value is not WordValueSyntax word)
        {
            return Report(ctx, BindingDiagnostics.WrongValueKind, value, $"`{keyword}` expects one of {Names.List(allowed)}, without quotes");
        }

        if (!allowed.Contains(word.Word.Name))
        {
            return Report(ctx, BindingDiagnostics.InvalidSettingValue, value, $"`{word.Word.Name}` is not {what}{Names.HintOrAllowed(word.Word.Name, allowed)}");
        }

        return new BoundSetting(keyword, word.Word.Name, null, location);
    }

    private static BoundSetting? Report(BindingContext ctx, DiagnosticDescriptor descriptor, ValueSyntax value, string message)
    {
        ctx.Report(descriptor, value, message);
        return null;
    }
}
