using System.Globalization;
using System.Text;
using Desec.Zone.Records;

namespace Interop.Tests.ZoneFileParity;

/// <summary>What <c>named-compilezone</c> made of one zone file: the records it loaded, or none, and what it said.</summary>
internal sealed record BindOutcome(bool Loaded, IReadOnlyList<ResourceRecord> Records, string Messages);

/// <summary>
/// Runs BIND's <c>named-compilezone</c> over many zone files in one shell, so that a test of a few
/// hundred files starts one process rather than a few hundred. Each file is read from its own
/// folder (BIND resolves a relative <c>$INCLUDE</c> from the working directory, we from the
/// including file's folder), checked with <c>-i local</c>, and written in raw format.
/// </summary>
/// <remarks>
/// The policy checks BIND applies by default on top of the syntax (host name rules, MX and NS
/// targets that are addresses or aliases, SRV targets, DS digests of unknown type) are turned off:
/// they are not about how the file is read, and they would hide syntax from the comparison.
/// </remarks>
internal static class BindCompiler
{
    private static readonly string[] Options =
        ["-i", "local", "-k", "ignore", "-n", "ignore", "-m", "ignore", "-M", "ignore", "-S", "ignore", "-r", "ignore",
         "-f", "text", "-F", "raw"];

    public static IReadOnlyList<BindOutcome> CompileAll(IReadOnlyList<(string Path, string Origin)> zones)
    {
        string work = Directory.CreateTempSubdirectory("desec-bind-parity-").FullName;
        try
        {
            var script = new StringBuilder("set -u\n");
            for (int i = 0; i < zones.Count; i++)
            {
                var (path, origin) = zones[i];
                string output = Path.Combine(work, $"{i}.raw");
                string log = Path.Combine(work, $"{i}.log");
                script.Append(CultureInfo.InvariantCulture,
                    $"(cd {Quote(Path.GetDirectoryName(Path.GetFullPath(path))!)} && named-compilezone {string.Join(' ', Options)} ")
                    .Append(CultureInfo.InvariantCulture,
                    $"-o {Quote(output)} {Quote(origin)} {Quote(Path.GetFileName(path))}) >{Quote(log)} 2>&1; echo $? >{Quote(log)}.rc\n");
            }
            string scriptPath = Path.Combine(work, "run.sh");
            File.WriteAllText(scriptPath, script.ToString());
            var run = ExternalTool.Run("bash", [scriptPath], TimeSpan.FromMinutes(5));
            Assert.True(run.ExitCode == 0, $"the named-compilezone batch failed:\n{run.Output}\n{run.Error}");

            var outcomes = new List<BindOutcome>(zones.Count);
            for (int i = 0; i < zones.Count; i++)
            {
                string log = File.ReadAllText(Path.Combine(work, $"{i}.log"));
                bool loaded = File.ReadAllText(Path.Combine(work, $"{i}.log.rc")).Trim() == "0";
                string raw = Path.Combine(work, $"{i}.raw");
                outcomes.Add(loaded
                    ? new BindOutcome(true, BindRawZone.Read(File.ReadAllBytes(raw)), log)
                    : new BindOutcome(false, [], log));
            }
            return outcomes;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
