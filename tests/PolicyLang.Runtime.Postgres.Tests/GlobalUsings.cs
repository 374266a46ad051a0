global using PolicyLang.Testing;
global using PolicyLang.Testing.Retention;
