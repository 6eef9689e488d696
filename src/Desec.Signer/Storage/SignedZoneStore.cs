using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Signer.Storage;

/// <summary>How a stored signed version fits the zone as it is now.</summary>
public enum StoredFit
{
    /// <summary>No stored version.</summary>
    Missing,

    /// <summary>Damaged or not verifiable: never served, never used; sign from scratch.</summary>
    Unusable,

    /// <summary>Sound, but made from another zone, other keys or policy, or due for signing: the base of the next version.</summary>
    Outdated,

    /// <summary>Made from exactly this zone, keys and policy, the last serial published, and fresh: serve it as it is.</summary>
    Current,
}

/// <summary>A stored signed version and how it fits; <see cref="Reason"/> says why it is not current.</summary>
public sealed record StoredVersion(StoredFit Fit, SignedZone? Zone, string Reason);

/// <summary>
/// The last signed version of each zone, one file per zone in the state folder
/// (<c>signed/&lt;zone&gt;signed</c>, named by <see cref="StateFileName"/>, see <see cref="SignedZoneFile"/>), so that a restart serves what
/// was served before instead of signing everything again, and the IXFR journal goes on from it.
/// A stored version is trusted only after its checksum, a rebuild of its zone and denial chain, and a
/// check of a sample of its signatures with the zone's keys.
/// </summary>
public sealed class SignedZoneStore(string directory)
{
    /// <summary>Signatures checked with the key on load besides the apex DNSKEY's (a random sample).</summary>
    public const int SampleSize = 8;

    public string Directory { get; } = directory;

    public string PathOf(DnsName zone) => StateFileName.PathIn(Directory, zone, "signed");

    /// <summary>Writes the version atomically (temporary file, flushed, renamed over the old one, folder flushed).</summary>
    public void Save(SignedZone signed, byte[] unsignedDigest, SigningPolicy policy, DateTimeOffset now)
    {
        var file = new SignedZoneFile
        {
            Serial = signed.Serial,
            UnsignedDigest = unsignedDigest,
            Keys = SigningInputs.Keys(signed.Keys),
            Policy = SigningInputs.Policy(policy),
            WrittenAt = now,
            Denial = signed.Denial,
            Nsec3 = signed.Nsec3?.Parameters,
            Origin = signed.Zone.Origin,
            Records = signed.Records.ToList(),
        };
        StateFolder.Create(Directory);
        AtomicFile.Write(PathOf(signed.Zone.Origin), file.Encode(), AtomicFile.PublicMode);
    }

    /// <summary>Removes the stored version of a zone (when it must not be used again).</summary>
    public void Delete(DnsName zone) => File.Delete(PathOf(zone));

    /// <summary>
    /// The stored version of <paramref name="zone"/> and how it fits the inputs of now: the unsigned
    /// zone's digest, the keys, the policy, and the last serial published.
    /// </summary>
    public StoredVersion Load(DnsName zone, byte[] unsignedDigest, IReadOnlyList<DnssecKey> keys, SigningPolicy policy,
        uint? lastPublished, DateTimeOffset now)
    {
        string path = PathOf(zone);
        if (!File.Exists(path)) { return new StoredVersion(StoredFit.Missing, null, "no signed version stored"); }
        SignedZoneFile file;
        SignedZone signed;
        DateTimeOffset latestInception;
        try
        {
            file = SignedZoneFile.Decode(File.ReadAllBytes(path));
            if (file.Origin != zone) { throw new InvalidDataException($"it holds {file.Origin}"); }
            // Rebuilt with the denial the file was made with; the rest of the policy only sets the refresh point.
            var madeWith = policy with { Denial = file.Denial, Nsec3 = file.Nsec3 ?? policy.Nsec3 };
            signed = ZoneSigner.Restore(zone, file.Records, keys, madeWith, now, out latestInception);
            if (signed.Serial != file.Serial) { throw new InvalidDataException($"its SOA has serial {signed.Serial}, its header {file.Serial}"); }
            CheckSample(signed, keys);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            return new StoredVersion(StoredFit.Unusable, null, $"{path}: {e.Message}");
        }

        string? outdated =
            !file.UnsignedDigest.AsSpan().SequenceEqual(unsignedDigest) ? "the zone changed since it was signed"
            : file.Keys != SigningInputs.Keys(keys) ? $"the keys changed (signed with {file.Keys})"
            : file.Policy != SigningInputs.Policy(policy) ? $"the signing policy changed (signed with {file.Policy})"
            : lastPublished is { } last && last != file.Serial ? $"serial {last} was published after it (stored: {file.Serial})"
            : signed.RefreshAt <= now ? $"its signatures reached their refresh point ({signed.RefreshAt:u})"
            : latestInception > now ? $"a signature's inception ({latestInception:u}) is in the future: the clock went back"
            : null;
        return outdated is null
            ? new StoredVersion(StoredFit.Current, signed, "")
            : new StoredVersion(StoredFit.Outdated, signed, outdated);
    }

    /// <summary>
    /// The records of the stored version of <paramref name="zone"/> as its source gave them, as near as they
    /// can be told apart: without what signing added (RRSIG, NSEC, NSEC3, NSEC3PARAM, and the DNSKEY, CDS
    /// and CDNSKEY of this server's own keys; other signers' keys stay). A source whose version is refused at
    /// start-up serves these as its last good version; signing them again gives the version stored, with
    /// the next serial. Null, with the reason, when there is no usable stored version.
    /// </summary>
    public IReadOnlyList<ResourceRecord>? LastSourceRecords(DnsName zone, out string reason)
    {
        SignedZoneFile file;
        try
        {
            string path = PathOf(zone);
            if (!File.Exists(path)) { reason = "no signed version stored"; return null; }
            file = SignedZoneFile.Decode(File.ReadAllBytes(path));
            if (file.Origin != zone) { throw new InvalidDataException($"it holds {file.Origin}"); }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            reason = e.Message;
            return null;
        }
        var own = file.Records.Where(r => r.Type == RRType.DNSKEY && r.Owner == zone && SigningInputs.Lists(file.Keys, r.Rdata))
            .Select(r => r.Rdata).ToList();
        bool Own(ResourceRecord record) => record.Owner == zone && record.Type switch
        {
            RRType.DNSKEY or RRType.CDNSKEY => own.Any(key => key.AsSpan().SequenceEqual(record.Rdata)),
            RRType.CDS => record.Rdata.Length > 3 && DsRecord.DigestLength(record.Rdata[3]) is not null && own.Any(key => DsRecord.Compute(zone, key, record.Rdata[3]).AsSpan().SequenceEqual(record.Rdata)),
            _ => false,
        };
        reason = "";
        return file.Records.Where(r => r.Type is not (RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM) && !Own(r)).ToList();
    }

    /// <summary>
    /// Checks the apex DNSKEY's RRSIGs and a random sample of the others with the keys that made
    /// them (RFC 4035 §5.3), so a file that was altered and given a fresh checksum, or written from a
    /// broken version, is not served. Signatures by keys that are no longer the zone's are not
    /// checked (they are never reused either: <see cref="SignatureReuse"/> wants the current keys).
    /// </summary>
    /// <exception cref="InvalidDataException">A checked signature does not verify.</exception>
    private static void CheckSample(SignedZone signed, IReadOnlyList<DnssecKey> keys)
    {
        var covered = new List<(RRset Set, RRset Signatures)>();
        var apex = signed.Zone.Apex;
        if (apex.Find(RRType.DNSKEY) is { } dnskey && apex.FindSignatures(RRType.DNSKEY) is { } apexSignatures)
        {
            covered.Add((dnskey, apexSignatures));
        }
        // Reservoir sampling over every signed RRset, NSEC3 ones included: one pass, SampleSize kept.
        var sample = new List<(RRset, RRset)>(SampleSize);
        int seen = 0;
        void Offer(RRset set, RRset signatures)
        {
            seen++;
            if (sample.Count < SampleSize) { sample.Add((set, signatures)); }
            else if (Random.Shared.Next(seen) is var slot && slot < SampleSize) { sample[slot] = (set, signatures); }
        }
        foreach (var node in signed.Zone.Nodes)
        {
            foreach (var set in node.RRsets)
            {
                if (set.Type == RRType.RRSIG) { continue; }
                if (node.FindSignatures(set.Type) is { } signatures) { Offer(set, signatures); }
            }
        }
        for (int i = 0; i < signed.Nsec3Sets.Count; i++) { Offer(signed.Nsec3Sets[i], signed.Nsec3Signatures[i]); }
        covered.AddRange(sample);

        foreach (var (set, signatures) in covered)
        {
            foreach (var rdata in signatures.Rdatas)
            {
                var signature = RrsigView.Read(rdata);
                ushort tag = signature.KeyTag;
                byte algorithm = signature.Algorithm;
                var key = keys.FirstOrDefault(k => k.KeyTag == tag && k.Algorithm.Number == algorithm);
                if (key is not null && !RrsigSigner.Verify(set, rdata, key))
                {
                    throw new InvalidDataException($"the RRSIG over {set.Owner} {RRType.ToText(set.Type)} by key {tag} does not verify");
                }
            }
        }
    }
}
