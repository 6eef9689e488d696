using BenchmarkDotNet.Attributes;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Bench;

/// <summary>
/// The per-record pieces of a zone load: parsing an owner name (absolute, and relative to the
/// origin) and turning the RDATA words of an A and an MX record into canonical wire bytes.
/// The words are split by the lexer once in setup; each call pays for a fresh
/// <see cref="RdataTokens"/>, as the zone parser does for every record.
/// </summary>
[MemoryDiagnoser]
public class RecordParseBenchmarks
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private readonly RdataBuilder _scratch = new();
    private List<Token> _aWords = [];
    private List<Token> _mxWords = [];

    [GlobalSetup]
    public void Setup()
    {
        _aWords = ZoneLexer.Tokenize("192.0.2.1", "bench");
        _mxWords = ZoneLexer.Tokenize("10 mail.example.com.", "bench");
    }

    [Benchmark]
    public DnsName NameAbsolute() => DnsName.Parse("www.example.com.");

    [Benchmark]
    public DnsName NameRelative() => DnsName.Parse("www.g12", Origin);

    [Benchmark]
    public byte[] RdataA() => RdataCodecs.Parse(RRType.A, new RdataTokens(_aWords, Origin, "bench", 1, 1), _scratch);

    [Benchmark]
    public byte[] RdataMx() => RdataCodecs.Parse(RRType.MX, new RdataTokens(_mxWords, Origin, "bench", 1, 1), _scratch);
}
