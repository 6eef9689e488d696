using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Catalog;

/// <summary>
/// A catalog zone (RFC 9432, version 2) listing the served zones, so that secondaries learn which
/// zones to serve from one transfer: <c>version TXT "2"</c>, <c>NS invalid.</c>, and for each member
/// <c>&lt;unique-id&gt;.zones PTR &lt;zone&gt;</c> with an optional <c>group</c> property. It is served
/// and transferred like any zone, unsigned.
/// </summary>
public static class CatalogZone
{
    private const uint Ttl = 0; // RFC 9432 §3: catalog records are not meant for resolvers; TTL is irrelevant

    /// <summary>
    /// The member's unique ID (RFC 9432 §4.1): stable for a zone name, so the same member keeps its
    /// ID across versions and restarts: the first 10 octets of SHA-256 over the lower-case wire name, in hex.
    /// </summary>
    public static string UniqueId(DnsName member)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(member.ToLower().Wire, hash);
        return Convert.ToHexStringLower(hash[..10]);
    }

    public static Zone.Zones.Zone Build(DnsName catalog, uint serial, IEnumerable<DnsName> members, Func<DnsName, string?> groupOf)
    {
        var records = new List<ResourceRecord>
        {
            new(catalog, RRType.SOA, Ttl, Soa(serial)),
            new(catalog, RRType.NS, Ttl, DnsName.Parse("invalid.").Wire.ToArray()),
            new(DnsName.Parse("version", catalog), RRType.TXT, Ttl, Txt("2")),
        };
        var zones = DnsName.Parse("zones", catalog);
        foreach (var member in members)
        {
            var owner = zones.Prepend(Encoding.ASCII.GetBytes(UniqueId(member)));
            records.Add(new ResourceRecord(owner, RRType.PTR, Ttl, member.ToLower().Wire.ToArray()));
            if (groupOf(member) is { Length: > 0 } group)
            {
                records.Add(new ResourceRecord(owner.Prepend("group"u8), RRType.TXT, Ttl, Txt(group)));
            }
        }
        var result = ZoneBuilder.Build(catalog, records);
        if (!result.Success) { throw new InvalidOperationException("catalog zone: " + string.Join("; ", result.Errors)); }
        return result.Zone!;
    }

    /// <summary>SOA with invalid. names (RFC 9432 §4.1 asks nothing of them) and the given serial.</summary>
    private static byte[] Soa(uint serial)
    {
        var invalid = DnsName.Parse("invalid.").Wire;
        var rdata = new byte[invalid.Length * 2 + 20];
        invalid.CopyTo(rdata);
        invalid.CopyTo(rdata.AsSpan(invalid.Length));
        var numbers = rdata.AsSpan(invalid.Length * 2);
        BinaryPrimitives.WriteUInt32BigEndian(numbers, serial);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[4..], 3600);   // refresh
        BinaryPrimitives.WriteUInt32BigEndian(numbers[8..], 600);    // retry
        BinaryPrimitives.WriteUInt32BigEndian(numbers[12..], 2419200); // expire
        BinaryPrimitives.WriteUInt32BigEndian(numbers[16..], 0);     // minimum
        return rdata;
    }

    private static byte[] Txt(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 255) { throw new ArgumentException("a TXT string holds at most 255 octets", nameof(text)); }
        return [(byte)bytes.Length, .. bytes];
    }
}
