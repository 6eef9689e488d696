using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Conversions shared by the tests of the DNSSEC-related RDATA codecs.</summary>
internal static class DnssecRdataHarness
{
    public static readonly DnsName Origin = DnsName.Parse("example.");

    public static byte[] Parse(ushort type, string text, DnsName? origin = null) =>
        RdataCodecs.Parse(type, RdataTokens.FromString(text, origin ?? Origin), new RdataBuilder());

    public static string Format(ushort type, byte[] rdata) => RdataCodecs.Format(type, rdata);

    /// <summary>Reads RDATA placed after <paramref name="prefix"/> in a message (so pointers can point back into it).</summary>
    public static byte[] ReadWire(ushort type, byte[] rdata, byte[]? prefix = null)
    {
        prefix ??= [];
        byte[] message = [.. prefix, .. rdata];
        var reader = new DnsWireReader(message, prefix.Length);
        var output = new RdataBuilder();
        RdataCodecs.ReadWire(type, ref reader, rdata.Length, output);
        Assert.Equal(message.Length, reader.Position);
        return output.ToArray();
    }

    /// <summary>
    /// text -> wire -> text gives <paramref name="expected"/>; that text parses to the same bytes;
    /// and the bytes read from the wire unchanged. Returns the bytes.
    /// </summary>
    public static byte[] AssertRoundTrip(ushort type, string text, string expected)
    {
        var wire = Parse(type, text);
        Assert.Equal(expected, Format(type, wire));
        Assert.Equal(wire, Parse(type, expected));
        Assert.Equal(wire, ReadWire(type, wire));
        // The RFC 3597 generic form of the same octets is the same RDATA.
        var generic = new StringBuilder();
        RdataCodecs.FormatGeneric(wire, generic);
        Assert.Equal(wire, Parse(type, generic.ToString()));
        return wire;
    }

    /// <summary>wire -> text -> wire gives the same bytes.</summary>
    public static string AssertWireRoundTrip(ushort type, byte[] wire)
    {
        var canonical = ReadWire(type, wire);
        Assert.Equal(wire, canonical);
        string text = Format(type, canonical);
        Assert.Equal(wire, Parse(type, text));
        return text;
    }

    public static ZoneTextException AssertTextError(ushort type, string text) =>
        Assert.Throws<ZoneTextException>(() => Parse(type, text));

    public static DnsWireException AssertWireError(ushort type, byte[] rdata) =>
        Assert.Throws<DnsWireException>(() => ReadWire(type, rdata));

    public static string Squash(string text) => string.Join(' ', text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
