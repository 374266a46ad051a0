global using RepositoryPaths = PolicyLang.Testing.RepositoryPaths;
