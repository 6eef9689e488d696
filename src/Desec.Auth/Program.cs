using Desec.Auth.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
