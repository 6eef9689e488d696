using Desec.Signer.Keys;
using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Signer.Signing;

public static partial class ZoneSigner
{
    /// <summary>
    /// Rebuilds a signed version from its records (as <see cref="SignedZone.Records"/> gave them, e.g.
    /// kept in the state folder) without making a signature: the zone is built from the records that
    /// are not DNSSEC's own, the denial chain is built again with <paramref name="policy"/> and must equal
    /// the stored one record for record, and every RRset that needs an RRSIG must find its stored
    /// RRSIGs (and no stored RRSIG may be left over). Signatures are not checked here (see
    /// <see cref="RrsigSigner.Verify"/>).
    /// </summary>
    /// <param name="policy">The policy the version was made with (its denial mode and NSEC3 parameters matter here).</param>
    /// <param name="latestInception">The latest inception of any signature (to catch a clock that went back).</param>
    /// <exception cref="InvalidDataException">The records are not a signed version of a zone; the message says why.</exception>
    public static SignedZone Restore(DnsName origin, IReadOnlyList<ResourceRecord> records, IReadOnlyList<DnssecKey> keys,
        SigningPolicy policy, DateTimeOffset now, out DateTimeOffset latestInception)
    {
        var plain = new List<ResourceRecord>(records.Count / 2);
        var denial = new List<ResourceRecord>();
        var signatures = new Dictionary<(DnsName Owner, ushort Covered), (uint Ttl, List<byte[]> Rdatas)>();
        int signatureCount = 0;
        foreach (var record in records)
        {
            switch (record.Type)
            {
                case RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM:
                    denial.Add(record);
                    break;
                case RRType.RRSIG when RrsigView.TryRead(record.Rdata, out var signature):
                    var key = (record.Owner, signature.TypeCovered);
                    if (!signatures.TryGetValue(key, out var entry)) { signatures[key] = entry = (record.Ttl, new List<byte[]>(1)); }
                    if (entry.Ttl != record.Ttl) { throw new InvalidDataException($"the RRSIGs over {record.Owner} disagree on their TTL"); }
                    entry.Rdatas.Add(record.Rdata);
                    signatureCount++;
                    break;
                case RRType.RRSIG:
                    throw new InvalidDataException($"an RRSIG at {record.Owner} is malformed (RFC 4034 §3.1)");
                default:
                    plain.Add(record);
                    break;
            }
        }

        var problems = new SigningResult();
        var layout = Lay(origin, plain, policy, problems)
            ?? throw new InvalidDataException($"the records do not make a zone: {problems.Errors.FirstOrDefault()}");

        // The denial chain is a function of the names and types: built again, it must be the stored one.
        // Both come in the same order (SignedZone.Records: NSEC and NSEC3PARAM with their nodes, then the NSEC3 chain in hash order).
        var built = layout.Nsec?.Records ?? layout.Nsec3Sets.SelectMany(s => s.Records).Prepend(layout.Nsec3!.ParamRecord);
        int position = 0;
        foreach (var record in built)
        {
            if (position >= denial.Count || !denial[position].Equals(record)) { throw new InvalidDataException($"the stored denial chain differs at {record}"); }
            position++;
        }
        if (position != denial.Count) { throw new InvalidDataException($"the stored denial chain has {denial.Count - position} records more than the zone's"); }

        var result = new RRset[layout.ToSign.Count];
        int used = 0;
        long nowSeconds = now.ToUnixTimeSeconds();
        long earliest = long.MaxValue, latest = long.MinValue;
        for (int i = 0; i < result.Length; i++)
        {
            var set = layout.ToSign[i];
            if (!signatures.TryGetValue((set.Owner, set.Type), out var stored))
            {
                throw new InvalidDataException($"no stored RRSIG over {set.Owner} {RRType.ToText(set.Type)}");
            }
            if (stored.Ttl != set.Ttl) { throw new InvalidDataException($"the RRSIG over {set.Owner} {RRType.ToText(set.Type)} has another TTL than the RRset"); }
            result[i] = new RRset(set.Owner, RRType.RRSIG, set.Ttl, stored.Rdatas);
            used += stored.Rdatas.Count;
            foreach (var rdata in stored.Rdatas)
            {
                // RFC 4034 §3.1.5: the 32-bit times are compared in serial arithmetic, near now.
                var signature = RrsigView.Read(rdata);
                earliest = Math.Min(earliest, RrsigView.NearestSeconds(signature.Expiration, nowSeconds));
                latest = Math.Max(latest, RrsigView.NearestSeconds(signature.Inception, nowSeconds));
            }
        }
        if (used != signatureCount) { throw new InvalidDataException($"{signatureCount - used} stored RRSIGs cover no RRset of the zone"); }

        latestInception = latest == long.MinValue ? now : DateTimeOffset.FromUnixTimeSeconds(latest);
        var refreshBefore = TimeSpan.FromSeconds(policy.SignatureValidity.TotalSeconds * policy.RefreshRemaining);
        var refreshAt = earliest == long.MaxValue
            ? now + policy.SignatureValidity - refreshBefore
            : DateTimeOffset.FromUnixTimeSeconds(earliest) - refreshBefore;
        return layout.Finish(result, policy, keys, refreshAt);
    }
}
