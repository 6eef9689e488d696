using System.Buffers.Binary;
using ARSoft.Tools.Net.Dns;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Auth.Tests;

/// <summary>Builds zones from text, queries from parameters, and decodes responses with ARSoft as an independent reader.</summary>
public static class TestQueries
{
    public static ZoneStore Store(params (string Origin, string Text)[] zones)
    {
        var built = new List<Zone.Zones.Zone>();
        foreach (var (origin, text) in zones)
        {
            var parsed = ZoneFileParser.ParseText(text, origin, DnsName.Parse(origin));
            Assert.True(parsed.Success, string.Join("\n", parsed.Errors.Select(e => e.Message)));
            var result = ZoneBuilder.Build(parsed.Origin, parsed.Records);
            Assert.True(result.Success, string.Join("\n", result.Errors));
            built.Add(result.Zone!);
        }
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet(built.Select(z => new ServedZone(z))));
        return store;
    }

    /// <summary>The same zones, signed with a fresh CSK and the given denial mode.</summary>
    public static ZoneStore SignedStore(Desec.Signer.Signing.DenialMode denial, params (string Origin, string Text)[] zones)
    {
        var unsigned = Store(zones).Current.Zones.Select(z => z.Zone).ToList();
        var served = new List<ServedZone>();
        foreach (var zone in unsigned)
        {
            var key = Desec.Signer.Keys.KeyGenerator.Generate(zone.Origin, Desec.Signer.Algorithms.DnssecAlgorithm.Default,
                Desec.Signer.Keys.DnskeyRdata.KskFlags);
            var result = Desec.Signer.Signing.ZoneSigner.Sign(zone, [key], new Desec.Signer.Signing.SigningPolicy { Denial = denial },
                zone.Serial, DateTimeOffset.UtcNow);
            Assert.True(result.Success, string.Join("\n", result.Errors));
            served.Add(new ServedZone(result.Zone!));
        }
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet(served));
        return store;
    }

    /// <summary>A query in wire format. <paramref name="udpSize"/> adds an OPT record (EDNS version <paramref name="ednsVersion"/>).</summary>
    public static byte[] Query(string name, ushort type, ushort id = 0x1234, ushort? udpSize = null, bool dnssecOk = false,
        byte ednsVersion = 0, bool nsid = false, ushort flags = 0x0100, ushort qclass = 1)
    {
        var qname = DnsName.Parse(name.EndsWith('.') ? name : name + ".");
        var bytes = new List<byte>();
        void U16(int v) { bytes.Add((byte)(v >> 8)); bytes.Add((byte)v); }
        U16(id); U16(flags); U16(1); U16(0); U16(0); U16(udpSize is null ? 0 : 1);
        bytes.AddRange(qname.Wire.ToArray());
        U16(type); U16(qclass);
        if (udpSize is { } size)
        {
            bytes.Add(0); U16(41); U16(size); bytes.Add(0); bytes.Add(ednsVersion); U16(dnssecOk ? 0x8000 : 0);
            if (nsid) { U16(4); U16(3); U16(0); } else { U16(0); }
        }
        return bytes.ToArray();
    }

    public static byte[] Answer(ZoneStore store, byte[] query, TransportKind transport = TransportKind.Udp, AnswerOptions? options = null)
    {
        var handler = new QueryHandler(new Answerer(store), options ?? new AnswerOptions());
        var response = new byte[65535];
        int length = handler.Handle(query, response, transport, null);
        return response.AsSpan(0, length).ToArray();
    }

    public static DnsMessage Ask(ZoneStore store, string name, ushort type, ushort? udpSize = null,
        TransportKind transport = TransportKind.Udp, AnswerOptions? options = null, bool dnssecOk = false)
    {
        var bytes = Answer(store, Query(name, type, udpSize: dnssecOk ? udpSize ?? 1232 : udpSize, dnssecOk: dnssecOk), transport, options);
        Assert.NotEmpty(bytes);
        return DnsMessage.Parse(new ArraySegment<byte>(bytes));
    }

    public static int Rcode(byte[] response) => BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)) & 0xF;
    public static ushort Flags(byte[] response) => BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2));
    public static ushort Count(byte[] response, int section) => BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(4 + 2 * section));

    /// <summary>Records of a section as "owner TYPE rdata" lines, owners lower-cased, for easy asserts.</summary>
    public static List<string> Lines(IEnumerable<DnsRecordBase> records) =>
        records.Select(r => $"{r.Name.ToString().ToLowerInvariant()} {r.TimeToLive} {r.RecordType.ToString().ToUpperInvariant()} {RdataText(r)}").ToList();

    private static string RdataText(DnsRecordBase record)
    {
        string text = record.ToString();
        // ARSoft prints "name ttl class type rdata"; keep the rdata.
        var parts = text.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 5 ? parts[4] : "";
    }
}
