// LSP's Range, not System.Range, wherever the server says Range (index ranges like a[1..2] are unaffected).
global using Range = PolicyLang.LanguageServer.Protocol.Range;

global using RepositoryPaths = PolicyLang.Testing.RepositoryPaths;
