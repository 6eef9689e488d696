using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Parse/format/read helpers shared by the SVCB and HTTPS tests.</summary>
internal static class SvcbTestSupport
{
    public static readonly DnsName Origin = DnsName.Parse("example.com.");

    public static byte[] Parse(ushort type, string rdata) =>
        RdataCodecs.Parse(type, RdataTokens.FromString(rdata, Origin), new RdataBuilder());

    public static string Format(ushort type, byte[] rdata) => RdataCodecs.Format(type, rdata);

    public static byte[] ReadWire(ushort type, byte[] rdata)
    {
        var reader = new DnsWireReader(rdata);
        var output = new RdataBuilder();
        RdataCodecs.ReadWire(type, ref reader, rdata.Length, output);
        return output.ToArray();
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static ZoneTextException ParseFails(ushort type, string rdata) =>
        Assert.Throws<ZoneTextException>(() => Parse(type, rdata));

    public static DnsWireException ReadFails(ushort type, string hex) =>
        Assert.Throws<DnsWireException>(() => ReadWire(type, Hex(hex)));
}
