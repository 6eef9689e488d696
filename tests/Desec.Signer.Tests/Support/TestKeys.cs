using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Zone.Names;

namespace Desec.Signer.Tests.Support;

/// <summary>
/// One generated key per algorithm, shared by all tests: RSA key generation costs a noticeable
/// fraction of a second, so the suite makes a single RSA key.
/// </summary>
public static class TestKeys
{
    public static readonly DnsName Zone = DnsName.Parse("example.com.");

    private static readonly Dictionary<byte, Lazy<DnssecKey>> Keys = DnssecAlgorithm.All.ToDictionary(
        a => a.Number,
        a => new Lazy<DnssecKey>(() => KeyGenerator.Generate(Zone, a, DnskeyRdata.KskFlags,
            now: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))));

    public static DnssecKey For(DnssecAlgorithm algorithm) => Keys[algorithm.Number].Value;

    /// <summary>Algorithm numbers for [Theory] data.</summary>
    public static TheoryData<byte> AlgorithmNumbers => new(DnssecAlgorithm.All.Select(a => a.Number));

    public static DnssecAlgorithm Algorithm(byte number) => DnssecAlgorithm.FromNumber(number)!;
}
