return PolicyLang.Cli.Cli.Run(args);
