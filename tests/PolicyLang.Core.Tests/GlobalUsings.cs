global using PolicyLang.Testing;
