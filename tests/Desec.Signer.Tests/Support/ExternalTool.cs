using System.Diagnostics;

namespace Desec.Signer.Tests.Support;

/// <summary>Runs one of the Debian DNSSEC tools the test script installs (bind9-utils, ldnsutils), with a time limit.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string program, params string[] arguments) => RunIn(null, program, arguments);

    public static Result RunIn(string? workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (string argument in arguments) { start.ArgumentList.Add(argument); }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs and asserts success; returns standard output.</summary>
    public static string Check(string? workingDirectory, string program, params string[] arguments)
    {
        var result = RunIn(workingDirectory, program, arguments);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error}{result.Output}");
        return result.Output;
    }
}
