using System.CommandLine;

namespace Desec.Auth.Cli;

/// <summary>The <c>desec-auth</c> command line: one subcommand per verb.</summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("desec-auth: an authoritative DNS server with an automatic DNSSEC signer");
        root.Subcommands.Add(CheckCommand.Create(output, error));
        root.Subcommands.Add(SignCommand.Create(output, error));
        root.Subcommands.Add(KeysCommand.Create(output, error));
        root.Subcommands.Add(ServeCommand.Create(error));
        root.Subcommands.Add(DbCommand.Create(output, error));
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
