using System.Buffers.Binary;
using Desec.Signer.Apex;
using Desec.Signer.Denial;
using Desec.Signer.Keys;
using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;
using Desec.Zone.Zones;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Signer.Signing;

public sealed class SigningResult
{
    public SignedZone? Zone { get; init; }
    public List<ZoneProblem> Errors { get; } = [];
    public List<ZoneProblem> Warnings { get; } = [];
    public bool Success => Zone is not null && Errors.Count == 0;
}

/// <summary>
/// Turns an unsigned zone into a signed one: the apex keys merged with provisioned ones
/// (RFC 8901), CSYNC, the serial chosen by the caller, the NSEC or NSEC3 chain, and an RRSIG over
/// every authoritative RRset (RFC 4035 §2.2), made on every core.
/// </summary>
public static partial class ZoneSigner
{
    /// <param name="previous">The version served until now: its signatures over unchanged RRsets are
    /// kept while they are far from expiry, so a new version re-signs only what changed or is due.</param>
    public static SigningResult Sign(ZoneData unsigned, IReadOnlyList<DnssecKey> keys, SigningPolicy policy, uint serial, DateTimeOffset now,
        SignedZone? previous = null)
    {
        var result = new SigningResult();
        var origin = unsigned.Origin;
        var records = new List<ResourceRecord>();
        var provisioned = new List<ResourceRecord>();
        foreach (var record in unsigned.Records)
        {
            switch (record.Type)
            {
                case RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM:
                    continue; // the signer makes these itself
                case RRType.DNSKEY or RRType.CDS or RRType.CDNSKEY:
                    if (record.Owner != origin)
                    {
                        result.Errors.Add(new ZoneProblem(record.Location, record.Owner,
                            $"{RRType.ToText(record.Type)} is only allowed at the apex (RFC 4035 §2.1, RFC 7344 §4)"));
                    }
                    else if (ProvisionedKeyCheck.Check(record) is { } reason)
                    {
                        result.Errors.Add(new ZoneProblem(record.Location, record.Owner,
                            $"provisioned {RRType.ToText(record.Type)} {Desec.Zone.Rdata.RdataCodecs.Format(record.Type, record.Rdata)}: {reason}"));
                    }
                    else { provisioned.Add(record); }
                    continue;
                case RRType.CSYNC when policy.Csync && record.Owner == origin:
                    continue; // replaced by the one that follows the serial
                case RRType.SOA:
                    records.Add(record with { Rdata = WithSerial(record.Rdata, serial) });
                    continue;
                default:
                    records.Add(record);
                    continue;
            }
        }
        if (result.Errors.Count > 0) { return result; }

        records.AddRange(ApexRecords.Merge(origin, keys, provisioned, policy));
        if (policy.Csync)
        {
            var ns = unsigned.Apex.Find(RRType.NS)?.Rdatas ?? [];
            records.Add(ApexRecords.Csync(origin, serial, unsigned.Soa.Ttl, ns, policy));
        }

        var layout = Lay(origin, records, policy, result);
        if (layout is null) { return result; }
        var reuse = previous is null ? null : new SignatureReuse(previous, keys, policy, now);
        var signatures = SignAll(layout.ToSign, keys, policy, now, reuse, out var refreshAt);
        return new SigningResult { Zone = layout.Finish(signatures, policy, keys, refreshAt) }; // the source's warnings were reported when it was loaded
    }

    /// <summary>
    /// The zone built from the records to sign (apex keys and CSYNC included), its denial chain, and
    /// the list of RRsets that get an RRSIG; null (with the errors in <paramref name="result"/>) when
    /// the records do not make a zone.
    /// </summary>
    private static SigningLayout? Lay(DnsName origin, List<ResourceRecord> records, SigningPolicy policy, SigningResult result)
    {
        var built = ZoneBuilder.Build(origin, records);
        if (!built.Success)
        {
            result.Errors.AddRange(built.Errors);
            return null;
        }
        var zone = built.Zone!;

        NsecChain? nsec = null;
        Nsec3Chain? nsec3 = null;
        var denialRecords = new List<ResourceRecord>();
        if (policy.Denial == DenialMode.Nsec)
        {
            nsec = NsecChainBuilder.Build(zone);
            denialRecords.AddRange(nsec.Records);
        }
        else
        {
            try { nsec3 = Nsec3ChainBuilder.Build(zone, policy.Nsec3); }
            catch (Nsec3HashCollisionException e)
            {
                result.Errors.Add(new ZoneProblem(null, e.First, e.Message));
                return null;
            }
            denialRecords.Add(nsec3.ParamRecord);
        }

        // What gets an RRSIG: every authoritative RRset; at a delegation only DS (RFC 4035 §2.2), never glue.
        // nodeOf[i] is the index of the node toSign[i] sits at.
        var toSign = new List<RRset>();
        var nodeOf = new List<int>();
        foreach (var node in zone.Nodes)
        {
            if (node.Is(NodeFlags.Occluded)) { continue; }
            foreach (var set in node.RRsets)
            {
                if (node.Is(NodeFlags.Delegation) && set.Type != RRType.DS) { continue; }
                toSign.Add(set);
                nodeOf.Add(node.Index);
            }
        }
        int denialStart = toSign.Count;
        foreach (var group in denialRecords.GroupBy(r => (r.Owner, r.Type)))
        {
            toSign.Add(new RRset(group.Key.Owner, group.Key.Type, group.First().Ttl, group.Select(r => r.Rdata)));
            nodeOf.Add(zone.Find(group.Key.Owner)!.Index);
        }
        var nsec3Sets = nsec3 is null ? [] : nsec3.Entries.Select(e => new RRset(e.Record.Owner, RRType.NSEC3, e.Record.Ttl, [e.Record.Rdata])).ToArray();
        int plain = toSign.Count;
        toSign.AddRange(nsec3Sets);
        return new SigningLayout(zone, nsec, nsec3, toSign, nodeOf, denialStart, plain, nsec3Sets);
    }

    /// <summary>A zone laid out for signing: see <see cref="Lay"/>.</summary>
    private sealed record SigningLayout(ZoneData Zone, NsecChain? Nsec, Nsec3Chain? Nsec3, List<RRset> ToSign, List<int> NodeOf,
        int DenialStart, int Plain, RRset[] Nsec3Sets)
    {
        /// <summary>The signed zone, with <paramref name="signatures"/>[i] the RRSIG RRset over <see cref="ToSign"/>[i].</summary>
        public SignedZone Finish(RRset[] signatures, SigningPolicy policy, IReadOnlyList<DnssecKey> keys, DateTimeOffset refreshAt)
        {
            // The NSEC (or NSEC3PARAM) RRsets and the RRSIGs go to the nodes they belong at; the names,
            // flags and links stay those of the zone just built (see Zone.WithAddedRRsets).
            var added = new List<RRset>?[Zone.Nodes.Count];
            for (int i = 0; i < Plain; i++)
            {
                if (i >= DenialStart) { Add(NodeOf[i], ToSign[i]); }
                if (signatures[i].Count > 0) { Add(NodeOf[i], signatures[i]); }
            }
            void Add(int node, RRset set) => (added[node] ??= new List<RRset>(4)).Add(set);
            return new SignedZone(Zone.WithAddedRRsets(added), policy.Denial, Nsec, Nsec3, Nsec3Sets, signatures[Plain..], keys, refreshAt);
        }
    }

    /// <summary>Signs every RRset in parallel; DNSKEY, CDS and CDNSKEY with the key-signing keys, the rest with the zone-signing keys.</summary>
    private static RRset[] SignAll(List<RRset> sets, IReadOnlyList<DnssecKey> keys, SigningPolicy policy, DateTimeOffset now,
        SignatureReuse? reuse, out DateTimeOffset refreshAt)
    {
        var zoneKeys = keys.Where(k => k.SignsZone).ToArray();
        var keyKeys = keys.Where(k => k.SignsKeys).ToArray();
        uint inception = Seconds(now - policy.InceptionOffset);
        long validity = (long)policy.SignatureValidity.TotalSeconds;
        long jitterRange = Math.Max(1, (long)(validity * policy.ExpirationJitter));
        var result = new RRset[sets.Count];
        long earliestExpiration = long.MaxValue;
        var gate = new Lock();
        Parallel.For(0, sets.Count, () => long.MaxValue, (i, _, earliest) =>
        {
            var set = sets[i];
            if (reuse?.Find(set) is { } kept)
            {
                result[i] = kept;
                return Math.Min(earliest, EarliestExpiration(kept, now));
            }
            var signers = ApexRecords.IsKeyType(set.Type) ? keyKeys : zoneKeys;
            // Spread expirations over the jitter range, stable per RRset (across restarts too).
            long jitter = StableHash(set.Owner, set.Type) % jitterRange;
            long expirationTime = now.ToUnixTimeSeconds() + validity - jitter;
            uint expiration = unchecked((uint)expirationTime);
            var rdatas = new List<byte[]>(signers.Length);
            foreach (var key in signers) { rdatas.Add(RrsigSigner.Sign(set, key, inception, expiration)); }
            result[i] = new RRset(set.Owner, RRType.RRSIG, set.Ttl, rdatas);
            return Math.Min(earliest, expirationTime);
        }, earliest => { lock (gate) { earliestExpiration = Math.Min(earliestExpiration, earliest); } });
        var refreshBefore = TimeSpan.FromSeconds(validity * policy.RefreshRemaining);
        refreshAt = earliestExpiration == long.MaxValue
            ? now + policy.SignatureValidity - refreshBefore
            : DateTimeOffset.FromUnixTimeSeconds(earliestExpiration) - refreshBefore;
        return result;
    }

    private static uint Seconds(DateTimeOffset time) => unchecked((uint)time.ToUnixTimeSeconds());

    /// <summary>The earliest expiration of kept signatures, as seconds since 1970 near <paramref name="now"/> (RFC 4034 §3.1.5 arithmetic).</summary>
    private static long EarliestExpiration(RRset signatures, DateTimeOffset now)
    {
        long nowSeconds = now.ToUnixTimeSeconds();
        long earliest = long.MaxValue;
        foreach (var rdata in signatures.Rdatas)
        {
            earliest = Math.Min(earliest, RrsigView.NearestSeconds(RrsigView.Read(rdata).Expiration, nowSeconds));
        }
        return earliest;
    }

    /// <summary>FNV-1a over the lower-cased owner and the type: the same value in every process (HashCode is seeded per process).</summary>
    private static uint StableHash(DnsName owner, ushort type)
    {
        uint hash = 2166136261;
        foreach (byte b in owner.Wire)
        {
            byte lower = b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b | 0x20) : b;
            hash = (hash ^ lower) * 16777619;
        }
        hash = (hash ^ (byte)(type >> 8)) * 16777619;
        return (hash ^ (byte)type) * 16777619;
    }

    /// <summary>SOA RDATA with the serial replaced (it follows the two names, RFC 1035 §3.3.13).</summary>
    public static byte[] WithSerial(byte[] soa, uint serial)
    {
        var copy = (byte[])soa.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(SoaView.Read(copy).SerialOffset), serial);
        return copy;
    }

    public static uint SourceSerial(ZoneData zone) => SoaView.Read(zone.Soa.Rdatas[0]).Serial;
}
