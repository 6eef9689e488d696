using Desec.Auth.Cli;

namespace Interop.Tests;

/// <summary>
/// Differential test: <c>desec-auth check --print</c> against BIND's <c>named-compilezone</c> on
/// zone files that use every supported type and syntax corner. Both outputs are put in one shape
/// (lower-case owner, split base64/hex joined, NSEC3 hashes in one case), sorted, and compared.
/// </summary>
public class CheckPrintVersusBindTests
{
    public static TheoryData<string, string> Zones() => new()
    {
        { "corners.zone", "example.com." },
        { "types.zone", "types.example." },
        { "generate.zone", "gen.example." },
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public void Check_print_matches_named_compilezone(string file, string origin)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "ZoneFiles", file);

        var ours = new StringWriter();
        var ourErrors = new StringWriter();
        int exit = CommandLine.Run(["check", path, "--origin", origin, "--print"], ours, ourErrors);
        Assert.True(exit == 0, $"check failed:\n{ourErrors}");

        var bind = ExternalTool.Run("named-compilezone",
            ["-i", "local", "-k", "ignore", "-n", "ignore", "-m", "ignore", "-M", "ignore", "-S", "ignore", "-r", "ignore",
             "-s", "full", "-o", "-", origin, file],
            workingDirectory: Path.GetDirectoryName(path)); // BIND resolves $INCLUDE from its working directory
        Assert.True(bind.ExitCode == 0, $"named-compilezone failed:\n{bind.Output}\n{bind.Error}");

        var expected = Normalize(bind.Output);
        var actual = Normalize(ours.ToString());
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"named-compilezone printed but we did not:\n  {string.Join("\n  ", missing)}\n" +
            $"we printed but named-compilezone did not:\n  {string.Join("\n  ", extra)}");
        Assert.Equal(expected.Count, actual.Count);
    }

    /// <summary>Lines of records in one comparable shape, sorted; BIND's status lines are dropped.</summary>
    private static List<string> Normalize(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0 && !line.StartsWith("zone ", StringComparison.Ordinal)
                && !line.StartsWith(';') && line != "OK")
            .Select(RecordLine.Normalize)
            .Order(StringComparer.Ordinal)
            .ToList();
}
