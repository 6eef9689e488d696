using CsCheck;
using Desec.Zone.Names;
using Desec.Zone.Zones;

namespace Interop.Tests.ZoneFileParity;

/// <summary>
/// RFC 1035 §5.1 and BIND's extensions, at random: zone files from <see cref="ZoneTextGenerator"/>
/// are loaded by us and by <c>named-compilezone -i local</c> in one batch. Every file BIND loads
/// must load here with the same records in canonical form, or be refused by a rule of ours that
/// names file and line (<see cref="ParityVerdict.OwnRules"/>); every file BIND refuses must be
/// refused here too. A failure prints the seed (CsCheck_Seed) and the files that differ.
/// </summary>
public class GeneratedZoneParityTests
{
    private const int FilesPerRun = 300;

    [Fact]
    public void Generated_zone_files_load_here_as_bind_loads_them()
    {
        ZoneTextGenerator.ZoneText.Array[FilesPerRun].Sample(texts =>
        {
            string folder = Directory.CreateTempSubdirectory("desec-generated-zones-").FullName;
            try
            {
                var files = texts.Select((text, i) =>
                {
                    string path = Path.Combine(folder, $"z{i:D3}.zone");
                    File.WriteAllText(path, text);
                    return path;
                }).ToList();
                var bind = BindCompiler.CompileAll([.. files.Select(f => (f, "example.com."))]);
                var origin = DnsName.Parse("example.com.");
                var failures = new List<string>();
                int loadedByBind = 0;
                for (int i = 0; i < files.Count; i++)
                {
                    if (bind[i].Loaded) { loadedByBind++; }
                    var ours = ZoneFile.Load(files[i], origin);
                    if (ParityVerdict.Compare(files[i], bind[i], ours, ParityExpectation.Same) is { } difference
                        && !IsExplainedOwnRefusal(difference))
                    {
                        failures.Add($"{Path.GetFileName(files[i])}: {difference}\n--- file ---\n{texts[i]}--- BIND ---\n{bind[i].Messages}");
                    }
                }
                TestContext.Current.SendDiagnosticMessage($"BIND loaded {loadedByBind} of {FilesPerRun} generated files");
                Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ from BIND:\n\n" + string.Join("\n\n", failures.Take(5)));
                // The generator must give BIND mostly files it loads, or the comparison says little.
                Assert.True(loadedByBind > FilesPerRun / 4, $"BIND loaded only {loadedByBind} of {FilesPerRun} files");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }, iter: 1, threads: 1);
    }

    /// <summary>A generated file is not marked: a refusal by one of our own rules is as expected when the verdict found it explained.</summary>
    private static bool IsExplainedOwnRefusal(string difference) =>
        difference.StartsWith("a rule of ours refuses a file that BIND loads", StringComparison.Ordinal);
}
