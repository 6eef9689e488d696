using System.Buffers.Binary;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Apex;

/// <summary>
/// The apex records the signer publishes: the multi-signer merge of DNSKEY, CDS and CDNSKEY
/// (RFC 8901 §8: the zone's own values plus those provisioned for other signers, one TTL, no
/// duplicates), the RFC 8078 §4 delete records when provisioned, and CSYNC (RFC 7477).
/// </summary>
public static class ApexRecords
{
    public static bool IsKeyType(ushort type) => type is RRType.DNSKEY or RRType.CDS or RRType.CDNSKEY;

    /// <summary>The merged DNSKEY, CDS and CDNSKEY records for the apex.</summary>
    public static List<ResourceRecord> Merge(DnsName origin, IReadOnlyList<DnssecKey> ownKeys,
        IReadOnlyList<ResourceRecord> provisioned, SigningPolicy policy)
    {
        uint ttl = policy.KeyTtl;
        var dnskey = new List<byte[]>();
        var cdnskey = new List<byte[]>();
        var cds = new List<byte[]>();
        foreach (var key in ownKeys)
        {
            dnskey.Add(key.DnskeyRdata.ToArray());
            if (key.IsSecureEntryPoint)
            {
                cdnskey.Add(key.DnskeyRdata.ToArray());
                foreach (var digest in policy.CdsDigestTypes) { cds.Add(key.DsRdata(digest)); }
            }
        }
        var provisionedCds = provisioned.Where(r => r.Type == RRType.CDS).Select(r => r.Rdata).ToList();
        var provisionedCdnskey = provisioned.Where(r => r.Type == RRType.CDNSKEY).Select(r => r.Rdata).ToList();
        foreach (var record in provisioned.Where(r => r.Type == RRType.DNSKEY))
        {
            dnskey.Add(record.Rdata);
            bool sep = (BinaryPrimitives.ReadUInt16BigEndian(record.Rdata) & DnskeyRdata.SecureEntryPointFlag) != 0;
            if (sep && policy.PublishProvisionedSepCds)
            {
                // RFC 8901 §8: every signer shows the parent the same complete CDS/CDNSKEY set.
                cdnskey.Add(record.Rdata);
                foreach (var digest in policy.CdsDigestTypes) { cds.Add(DsRecord.Compute(origin, record.Rdata, digest)); }
            }
        }
        cds.AddRange(provisionedCds);
        cdnskey.AddRange(provisionedCdnskey);

        // RFC 8078 §4: a provisioned delete record is the whole RRset; our own values are withheld.
        if (provisionedCds.Any(r => DnssecDelete.IsCdsDelete(r))) { cds = [DnssecDelete.CdsRdata.ToArray()]; }
        if (provisionedCdnskey.Any(r => DnssecDelete.IsCdnskeyDelete(r))) { cdnskey = [DnssecDelete.CdnskeyRdata.ToArray()]; }

        var records = new List<ResourceRecord>();
        // RRset de-duplicates, so values provisioned twice (or equal to ours) appear once.
        foreach (var (type, values) in new[] { (RRType.DNSKEY, dnskey), (RRType.CDS, cds), (RRType.CDNSKEY, cdnskey) })
        {
            if (values.Count == 0) { continue; }
            records.AddRange(new RRset(origin, type, ttl, values).Records);
        }
        return records;
    }

    /// <summary>
    /// RFC 7477 §2.1: CSYNC with the SOA serial it follows, flags immediate (and soaminimum by
    /// policy), and the types the parent should copy: NS, plus A/AAAA when a name server lies in the zone.
    /// </summary>
    public static ResourceRecord Csync(DnsName origin, uint serial, uint ttl, IEnumerable<byte[]> apexNsRdata, SigningPolicy policy)
    {
        var types = new List<ushort> { RRType.NS };
        if (apexNsRdata.Any(ns => DnsName.FromWire(ns).IsSubdomainOf(origin)))
        {
            types.Add(RRType.A);
            types.Add(RRType.AAAA);
        }
        var bitmap = TypeBitmap.Encode(types);
        var rdata = new byte[6 + bitmap.Length];
        BinaryPrimitives.WriteUInt32BigEndian(rdata, serial);
        ushort flags = (ushort)(1 | (policy.CsyncSoaMinimum ? 2 : 0)); // immediate, soaminimum (RFC 7477 §2.1.1.2)
        BinaryPrimitives.WriteUInt16BigEndian(rdata.AsSpan(4), flags);
        bitmap.CopyTo(rdata, 6);
        return new ResourceRecord(origin, RRType.CSYNC, ttl, rdata);
    }
}
