using Desec.Zone.Names;
using Desec.Zone.Zones;

namespace Interop.Tests.ZoneFileParity;

/// <summary>
/// RFC 1035 §5.1 master files and BIND's extensions to them: every file of the corpus in
/// <c>ZoneFileParity/Corpus</c> is loaded by us and by BIND's <c>named-compilezone -i local</c>
/// (in one batch), and the two results must agree record by record in canonical form (see
/// <see cref="ParityVerdict"/>), or differ only as the file's header says:
/// <c>; parity: we refuse</c> (a rule of ours, with file and line) or <c>; parity: BIND refuses</c>
/// (with the reason beside it). <c>; origin: NAME</c> sets the zone's name (default example.com.).
/// Files ending in <c>.inc</c> are only $INCLUDEd.
/// </summary>
public class ZoneFileParityCorpusTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "ZoneFileParity", "Corpus");

    [Fact]
    public void Every_corpus_file_loads_here_as_bind_loads_it()
    {
        var files = Directory.GetFiles(Corpus, "*.zone").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var headers = files.Select(ReadHeader).ToList();
        var bind = BindCompiler.CompileAll([.. files.Select((f, i) => (f, headers[i].Origin))]);

        var failures = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            var ours = ZoneFile.Load(files[i], DnsName.Parse(headers[i].Origin));
            if (ParityVerdict.Compare(files[i], bind[i], ours, headers[i].Expectation) is { } difference)
            {
                failures.Add($"{Path.GetFileName(files[i])}: {difference}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ from BIND:\n\n" + string.Join("\n\n", failures));
    }

    private static (string Origin, ParityExpectation Expectation) ReadHeader(string path)
    {
        string origin = "example.com.";
        var expectation = ParityExpectation.Same;
        foreach (var line in File.ReadLines(path).TakeWhile(l => l.StartsWith(';')))
        {
            if (line.StartsWith("; origin:", StringComparison.Ordinal)) { origin = line["; origin:".Length..].Trim(); }
            else if (line.StartsWith("; parity: we refuse", StringComparison.Ordinal)) { expectation = ParityExpectation.WeRefuse; }
            else if (line.StartsWith("; parity: BIND refuses", StringComparison.Ordinal)) { expectation = ParityExpectation.BindRefuses; }
        }
        return (origin, expectation);
    }
}
