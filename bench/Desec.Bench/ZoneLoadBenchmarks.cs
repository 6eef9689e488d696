using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Bench;

/// <summary>
/// Loading a generated 1,000,000-record zone file: parsing alone, and parsing plus building the
/// in-memory zone (validation, sorting into canonical order). One load takes seconds, so each
/// iteration is a single load (RunStrategy.Monitoring): one warm-up, three measured.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ZoneLoadBenchmarks
{
    public const int Records = 1_000_000;

    private string _path = "";
    private DnsName _origin = DnsName.Root;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.EnsureZone(Records);
        _origin = DnsName.Parse(BenchData.Origin);
    }

    [Benchmark]
    public int Parse()
    {
        var parsed = ZoneFileParser.ParseFile(_path, _origin);
        ThrowOnErrors(parsed);
        return parsed.Records.Count;
    }

    [Benchmark]
    public int ParseAndBuild()
    {
        var parsed = ZoneFileParser.ParseFile(_path, _origin);
        ThrowOnErrors(parsed);
        var built = ZoneBuilder.Build(_origin, parsed.Records);
        if (!built.Success)
        {
            throw new InvalidOperationException($"zone refused: {string.Join("; ", built.Errors.Take(5))}");
        }
        return built.Zone!.RecordCount;
    }

    // A benchmark that measures the error path by accident would look fast; refuse to report it.
    private static void ThrowOnErrors(ZoneFileResult parsed)
    {
        if (!parsed.Success)
        {
            throw new InvalidOperationException(
                $"{parsed.Errors.Count} parse errors, first: {string.Join("; ", parsed.Errors.Take(5).Select(e => e.Message))}");
        }
    }
}
