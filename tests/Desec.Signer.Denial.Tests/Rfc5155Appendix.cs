using Desec.Zone.Names;
using Desec.Zone.Text;

namespace Desec.Signer.Denial.Tests;

using Zone = Desec.Zone.Zones.Zone;

/// <summary>The RFC 5155 Appendix A zone, signed with the appendix's parameters.</summary>
internal static class Rfc5155Appendix
{
    public static readonly Nsec3Parameters Parameters = Nsec3Parameters.Parse("1 1 12 aabbccdd");

    private static readonly Lazy<Zone> LazyZone = new(() =>
    {
        // The DNSKEY RRset is commented out in the vector file; the apex NSEC3 lists DNSKEY, so load it.
        var text = File.ReadAllText(TestSupport.DataPath("rfc5155-appendix-a.zone"))
            .Replace("; example. 3600 IN DNSKEY", "example. 3600 IN DNSKEY", StringComparison.Ordinal);
        var parsed = ZoneFileParser.ParseText(text, "rfc5155-appendix-a.zone", DnsName.Parse("example."));
        Assert.True(parsed.Success);
        return TestSupport.Build(parsed.Origin, parsed.Records);
    });

    private static readonly Lazy<Nsec3Chain> LazyChain = new(() => Nsec3ChainBuilder.Build(Zone, Parameters));

    public static Zone Zone => LazyZone.Value;

    public static Nsec3Chain Chain => LazyChain.Value;
}
