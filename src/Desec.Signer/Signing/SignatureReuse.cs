using Desec.Signer.Keys;
using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Signer.Signing;

/// <summary>
/// Keeps the signatures of the previous version where they are still good: same RRset (owner,
/// type, TTL and RDATA), made by exactly the current keys, and far enough from expiry. Only changed
/// RRsets and signatures near their refresh point are signed again, so a re-signing for freshness
/// touches a small batch at a time rather than the whole zone.
/// </summary>
internal sealed class SignatureReuse
{
    /// <summary>Signatures due within this margin are renewed with the batch, so that batches come at most about hourly.</summary>
    private static readonly TimeSpan BatchMargin = TimeSpan.FromHours(1);

    private readonly SignedZone _previous;
    private readonly HashSet<(ushort Tag, byte Algorithm)> _keys;
    private readonly int _keySigners;
    private readonly int _zoneSigners;
    private readonly long _keepUntil;
    private readonly uint _now;
    private readonly Dictionary<DnsName, int> _nsec3ByOwner;

    public SignatureReuse(SignedZone previous, IReadOnlyList<DnssecKey> keys, SigningPolicy policy, DateTimeOffset now)
    {
        _previous = previous;
        _keys = keys.Select(k => (k.KeyTag, k.Algorithm.Number)).ToHashSet();
        // With a KSK and a ZSK each RRset has the signatures of its signers only (see ZoneSigner.SignAll).
        _keySigners = keys.Count(k => k.SignsKeys);
        _zoneSigners = keys.Count(k => k.SignsZone);
        // A signature is kept while more than the refresh share of the validity (plus the batch margin) is left.
        var minimumLeft = TimeSpan.FromSeconds(policy.SignatureValidity.TotalSeconds * policy.RefreshRemaining) + BatchMargin;
        _keepUntil = (now + minimumLeft).ToUnixTimeSeconds();
        _now = unchecked((uint)now.ToUnixTimeSeconds());
        _nsec3ByOwner = [];
        for (int i = 0; i < previous.Nsec3Sets.Count; i++) { _nsec3ByOwner[previous.Nsec3Sets[i].Owner] = i; }
    }

    /// <summary>The previous signatures over an identical RRset, or null when it must be signed anew.</summary>
    public RRset? Find(RRset set)
    {
        RRset? before, signatures;
        if (set.Type == RRType.NSEC3)
        {
            if (!_nsec3ByOwner.TryGetValue(set.Owner, out int index)) { return null; }
            before = _previous.Nsec3Sets[index];
            signatures = _previous.Nsec3Signatures[index];
        }
        else
        {
            var node = _previous.Zone.Find(set.Owner);
            before = node?.Find(set.Type);
            signatures = node?.FindSignatures(set.Type);
        }
        int signers = Apex.ApexRecords.IsKeyType(set.Type) ? _keySigners : _zoneSigners;
        if (before is null || signatures is null || !Same(before, set) || signatures.Count != signers) { return null; }
        foreach (var rdata in signatures.Rdatas)
        {
            if (!RrsigView.TryRead(rdata, out var signature) || !_keys.Contains((signature.KeyTag, signature.Algorithm))) { return null; }
            // Serial arithmetic on the 32-bit times (RFC 4034 §3.1.5): expiration must be well ahead, inception behind.
            if ((int)(signature.Expiration - unchecked((uint)_keepUntil)) < 0 || (int)(_now - signature.Inception) < 0) { return null; }
        }
        return signatures;
    }

    private static bool Same(RRset a, RRset b)
    {
        if (a.Ttl != b.Ttl || a.Count != b.Count) { return false; }
        for (int i = 0; i < a.Count; i++)
        {
            if (!a.Rdatas[i].AsSpan().SequenceEqual(b.Rdatas[i])) { return false; }
        }
        return true;
    }
}
