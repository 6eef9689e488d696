using System.Buffers.Binary;
using System.Net;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Zone.Tests.Zones;

/// <summary>Hand-made records for zone tests (there is no zone-file parser in this part of the code).</summary>
internal static class TestZones
{
    public static readonly DnsName Origin = DnsName.Parse("example.");

    public static DnsName Name(string text) => DnsName.Parse(text, Origin);

    public static byte[] NameRdata(string target) => Name(target).Wire.ToArray();

    /// <summary>SOA RDATA (RFC 1035 §3.3.13): MNAME, RNAME, then SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM.</summary>
    public static byte[] SoaRdata(uint serial, string mname = "ns1", string rname = "hostmaster")
    {
        var names = NameRdata(mname).Concat(NameRdata(rname)).ToArray();
        var rdata = new byte[names.Length + 20];
        names.CopyTo(rdata, 0);
        uint[] fields = [serial, 7200, 3600, 1209600, 300];
        for (int i = 0; i < fields.Length; i++) { BinaryPrimitives.WriteUInt32BigEndian(rdata.AsSpan(names.Length + 4 * i), fields[i]); }
        return rdata;
    }

    public static byte[] ARdata(string address) => IPAddress.Parse(address).GetAddressBytes();

    public static ResourceRecord Rr(string owner, ushort type, byte[] rdata, uint ttl = 3600, int line = 0) =>
        new(Name(owner), type, ttl, rdata) { Location = line == 0 ? null : $"test.zone:{line}" };

    public static ResourceRecord Soa(uint serial = 2024010101, string owner = "@", int line = 1) =>
        Rr(owner, RRType.SOA, SoaRdata(serial), line: line);

    public static ResourceRecord Ns(string owner, string target, int line = 0, uint ttl = 3600) =>
        Rr(owner, RRType.NS, NameRdata(target), ttl, line);

    public static ResourceRecord A(string owner, string address, int line = 0, uint ttl = 3600) =>
        Rr(owner, RRType.A, ARdata(address), ttl, line);

    public static ResourceRecord Aaaa(string owner, string address, int line = 0) =>
        Rr(owner, RRType.AAAA, ARdata(address), line: line);

    public static ResourceRecord Cname(string owner, string target, int line = 0) =>
        Rr(owner, RRType.CNAME, NameRdata(target), line: line);

    public static ResourceRecord Dname(string owner, string target, int line = 0) =>
        Rr(owner, RRType.DNAME, NameRdata(target), line: line);

    public static ResourceRecord Txt(string owner, string text, int line = 0) =>
        Rr(owner, RRType.TXT, [(byte)text.Length, .. text.Select(c => (byte)c)], line: line);

    /// <summary>The smallest valid zone: SOA and NS at the apex, the NS target's address.</summary>
    public static List<ResourceRecord> Minimal(uint serial = 2024010101) =>
        [Soa(serial), Ns("@", "ns1", line: 2), A("ns1", "192.0.2.53", line: 3)];

    public static ZoneBuildResult Build(params IEnumerable<ResourceRecord>[] parts) =>
        ZoneBuilder.Build(Origin, parts.SelectMany(p => p));

    public static Zone.Zones.Zone BuildOk(params IEnumerable<ResourceRecord>[] parts)
    {
        var result = Build(parts);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Zone!;
    }
}
