namespace Interop.Tests.Postgres;

/// <summary>Runs a <c>desec-auth</c> command in this process and returns its exit code and output.</summary>
public static class Cli
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Desec.Auth.Cli.CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The repository's root (where Desec.Auth.sln is), for the example zones in zones/.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Desec.Auth.sln"))) { directory = directory.Parent; }
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
