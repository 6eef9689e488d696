using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Transfer;

/// <summary>
/// The changes between published versions of one zone, kept in the state folder for IXFR
/// (RFC 1995): each entry holds the serials and the records removed and added. Entries are appended
/// with a length and a checksum (the first 4 octets of SHA-256), so a torn or corrupt tail after a crash is detected and cut on load,
/// never served. The journal is bounded by <see cref="JournalLimits"/> (versions, octets, age):
/// entries beyond a bound are dropped from the head.
/// </summary>
public sealed class Journal
{
    /// <summary>The default bound on versions kept (<see cref="JournalLimits.DefaultMaxEntries"/>).</summary>
    public const int MaxEntries = JournalLimits.DefaultMaxEntries;

    /// <param name="Written">When the entry was appended, for <see cref="JournalLimits.MaxAge"/>.</param>
    public sealed record Entry(uint FromSerial, uint ToSerial, IReadOnlyList<ResourceRecord> Removed, IReadOnlyList<ResourceRecord> Added,
        DateTimeOffset Written);

    private readonly string _path;
    private readonly List<Entry> _entries = [];
    private readonly List<long> _sizes = [];
    private readonly Lock _lock = new();
    private readonly JournalLimits _limits;
    private readonly TimeProvider _clock;

    public Journal(string directory, DnsName zone, JournalLimits? limits = null, TimeProvider? clock = null)
    {
        _limits = limits ?? JournalLimits.Default;
        _clock = clock ?? TimeProvider.System;
        Desec.Signer.Storage.StateFolder.Create(directory);
        _path = Desec.Signer.Storage.StateFileName.PathIn(directory, zone, "journal");
        Load();
    }

    public int Count { get { lock (_lock) { return _entries.Count; } } }

    /// <summary>The octets the entries take on disk.</summary>
    public long Size { get { lock (_lock) { return _sizes.Sum(); } } }

    /// <summary>The serial the oldest kept entry starts from: the oldest an IXFR can start at; null when empty.</summary>
    public uint? OldestSerial { get { lock (_lock) { return _entries.Count == 0 ? null : _entries[0].FromSerial; } } }

    /// <summary>Records the change from one version to the next (SOAs excluded: IXFR adds them).</summary>
    public void Append(uint fromSerial, uint toSerial, IEnumerable<ResourceRecord> oldRecords, IEnumerable<ResourceRecord> newRecords)
    {
        var before = oldRecords.Where(r => r.Type != RRType.SOA).ToHashSet();
        var after = newRecords.Where(r => r.Type != RRType.SOA).ToHashSet();
        AppendDifference(fromSerial, toSerial, before.Where(r => !after.Contains(r)).ToList(), after.Where(r => !before.Contains(r)).ToList());
    }

    /// <summary>Records the change from one version to the next as the records removed and added (SOAs excluded).</summary>
    public void AppendDifference(uint fromSerial, uint toSerial, IReadOnlyList<ResourceRecord> removed, IReadOnlyList<ResourceRecord> added)
    {
        var now = _clock.GetUtcNow();
        var entry = new Entry(fromSerial, toSerial, removed, added, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()));
        var frame = Frame(entry);
        lock (_lock)
        {
            // A journal that does not end where this change starts starts over: the version in between was
            // lost (a crash before its signed version reached the state folder, or that file was unusable).
            if (_entries.Count > 0 && _entries[^1].ToSerial != fromSerial) { _entries.Clear(); _sizes.Clear(); Rewrite(); }
            _entries.Add(entry);
            _sizes.Add(frame.Length);
            if (DropHead(now)) { return; }
            using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(frame);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Drops the entries beyond the limits from the head and rewrites the file; true when any went.</summary>
    private bool DropHead(DateTimeOffset now)
    {
        int drop = _limits.HeadToDrop(_sizes, _entries.Select(e => e.Written).ToList(), now);
        if (drop == 0) { return false; }
        _entries.RemoveRange(0, drop);
        _sizes.RemoveRange(0, drop);
        Rewrite();
        return true;
    }

    /// <summary>
    /// The condensed difference from <paramref name="fromSerial"/> to the newest version (RFC 1995 §4:
    /// one sequence of deletions and additions); null when the journal does not reach back that far.
    /// </summary>
    public (List<ResourceRecord> Removed, List<ResourceRecord> Added, uint ToSerial)? ChangesSince(uint fromSerial)
    {
        lock (_lock)
        {
            // Entries that aged out since the last change are not served either.
            DropHead(_clock.GetUtcNow());
            int start = _entries.FindIndex(e => e.FromSerial == fromSerial);
            if (start < 0) { return null; }
            var net = new Dictionary<ResourceRecord, int>();
            for (int i = start; i < _entries.Count; i++)
            {
                foreach (var r in _entries[i].Removed) { net[r] = net.GetValueOrDefault(r) - 1; }
                foreach (var r in _entries[i].Added) { net[r] = net.GetValueOrDefault(r) + 1; }
            }
            return (net.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToList(),
                    net.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList(),
                    _entries[^1].ToSerial);
        }
    }

    private void Load()
    {
        if (!File.Exists(_path)) { return; }
        var bytes = File.ReadAllBytes(_path);
        int pos = 0;
        while (pos + 8 <= bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos + 4));
            // Compared without adding: a damaged length near int.MaxValue would overflow the sum and pass.
            if (length < 0 || length > bytes.Length - pos - 8) { break; }
            var payload = bytes.AsSpan(pos + 8, length);
            if (Checksum(payload) != crc) { break; }
            try { _entries.Add(Decode(payload)); _sizes.Add(8 + length); }
            catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException) { break; }
            pos += 8 + length;
        }
        if (pos != bytes.Length)
        {
            // A torn or corrupt tail (a crash while appending): cut it, never serve it.
            using var file = new FileStream(_path, FileMode.Open, FileAccess.Write);
            file.SetLength(pos);
            file.Flush(flushToDisk: true);
        }
    }

    private void Rewrite()
    {
        string temporary = _path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            foreach (var entry in _entries) { file.Write(Frame(entry)); }
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, _path, overwrite: true);
    }

    private static uint Checksum(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static byte[] Frame(Entry entry)
    {
        var payload = Encode(entry);
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), Checksum(payload));
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static byte[] Encode(Entry entry)
    {
        var output = new MemoryStream();
        var number = new byte[4];
        void U32(uint v) { BinaryPrimitives.WriteUInt32BigEndian(number, v); output.Write(number); }
        void U16(ushort v) { BinaryPrimitives.WriteUInt16BigEndian(number, v); output.Write(number, 0, 2); }
        U32(entry.FromSerial);
        U32(entry.ToSerial);
        U32((uint)(entry.Written.ToUnixTimeSeconds() >> 32));
        U32((uint)entry.Written.ToUnixTimeSeconds());
        foreach (var list in new[] { entry.Removed, entry.Added })
        {
            U32((uint)list.Count);
            foreach (var r in list)
            {
                output.Write(r.Owner.Wire);
                U16(r.Type);
                U32(r.Ttl);
                U16((ushort)r.Rdata.Length);
                output.Write(r.Rdata);
            }
        }
        return output.ToArray();
    }

    private static Entry Decode(ReadOnlySpan<byte> payload)
    {
        int pos = 0;
        uint U32(ReadOnlySpan<byte> p) { uint v = BinaryPrimitives.ReadUInt32BigEndian(p[pos..]); pos += 4; return v; }
        ushort U16(ReadOnlySpan<byte> p) { ushort v = BinaryPrimitives.ReadUInt16BigEndian(p[pos..]); pos += 2; return v; }
        uint from = U32(payload), to = U32(payload);
        long written = ((long)U32(payload) << 32) | U32(payload);
        var lists = new List<ResourceRecord>[2];
        for (int l = 0; l < 2; l++)
        {
            uint count = U32(payload);
            lists[l] = new List<ResourceRecord>((int)Math.Min(count, 100_000));
            for (uint i = 0; i < count; i++)
            {
                int nameLength = DnsName.WireLength(payload[pos..]);
                var owner = DnsName.FromWire(payload.Slice(pos, nameLength));
                pos += nameLength;
                ushort type = U16(payload);
                uint ttl = U32(payload);
                int rdLength = U16(payload);
                lists[l].Add(new ResourceRecord(owner, type, ttl, payload.Slice(pos, rdLength).ToArray()));
                pos += rdLength;
            }
        }
        if (pos != payload.Length) { throw new FormatException("journal entry has trailing octets"); }
        return new Entry(from, to, lists[0], lists[1], DateTimeOffset.FromUnixTimeSeconds(written));
    }
}
