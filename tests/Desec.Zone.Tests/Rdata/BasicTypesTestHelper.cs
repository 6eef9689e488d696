using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Shared steps for the tests of the basic RDATA types (NS ... CAA): parse, print, read from a message.</summary>
internal static class BasicTypesTestHelper
{
    public static readonly DnsName Origin = DnsName.Parse("example.");

    public static byte[] Parse(ushort type, string text) =>
        RdataCodecs.Parse(type, RdataTokens.FromString(text, Origin), new RdataBuilder());

    public static string Format(ushort type, ReadOnlySpan<byte> rdata) => RdataCodecs.Format(type, rdata);

    /// <summary>Reads RDATA at <paramref name="offset"/> of <paramref name="message"/> as a server receiving it would.</summary>
    public static byte[] ReadWire(ushort type, byte[] message, int offset, int length)
    {
        var builder = new RdataBuilder();
        var reader = new DnsWireReader(message, offset);
        RdataCodecs.ReadWire(type, ref reader, length, builder);
        Assert.Equal(offset + length, reader.Position);
        return builder.ToArray();
    }

    public static byte[] ReadWire(ushort type, byte[] rdata) => ReadWire(type, rdata, 0, rdata.Length);

    /// <summary>
    /// text -> wire prints as <paramref name="expected"/> (the text itself when null); the printed
    /// form parses back to the same octets, and those octets read from the wire unchanged.
    /// </summary>
    public static byte[] AssertRoundTrip(ushort type, string text, string? expected = null)
    {
        var rdata = Parse(type, text);
        string printed = Format(type, rdata);
        Assert.Equal(expected ?? text, printed);
        Assert.Equal(rdata, Parse(type, printed));
        Assert.Equal(rdata, ReadWire(type, rdata));
        return rdata;
    }

    /// <summary>wire -> text -> wire gives the same octets, and the text is <paramref name="expected"/>.</summary>
    public static void AssertWireRoundTrip(ushort type, byte[] wire, string expected)
    {
        var rdata = ReadWire(type, wire);
        string printed = Format(type, rdata);
        Assert.Equal(expected, printed);
        Assert.Equal(rdata, Parse(type, printed));
    }

    /// <summary>The text is refused with a <see cref="ZoneTextException"/> at column <paramref name="column"/> of line 1.</summary>
    public static ZoneTextException AssertTextError(ushort type, string text, int column)
    {
        var e = Assert.Throws<ZoneTextException>(() => Parse(type, text));
        Assert.Equal(1, e.Line);
        Assert.Equal(column, e.Column);
        return e;
    }

    public static DnsWireException AssertWireError(ushort type, byte[] rdata) =>
        Assert.Throws<DnsWireException>(() => ReadWire(type, rdata));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    /// <summary>
    /// A response to <c>example. IN A?</c> whose answer carries one record of <paramref name="type"/>
    /// with the given RDATA; the RDATA starts at the returned offset. The question name sits at
    /// offset 12, so RDATA can point back at it with <c>C0 0C</c>.
    /// </summary>
    public static (byte[] Message, int RdataOffset) Message(ushort type, byte[] rdata)
    {
        var m = new List<byte>();
        m.AddRange(Hex("1234 8400 0001 0001 0000 0000")); // header: ID, QR AA, one question, one answer
        m.AddRange(Hex("07 6578616d706c65 00 0001 0001")); // example. A IN
        m.AddRange(Hex("C00C")); // owner: example.
        m.Add((byte)(type >> 8));
        m.Add((byte)type);
        m.AddRange(Hex("0001 00000E10")); // IN, TTL 3600
        m.Add((byte)(rdata.Length >> 8));
        m.Add((byte)rdata.Length);
        int offset = m.Count;
        m.AddRange(rdata);
        return (m.ToArray(), offset);
    }
}
