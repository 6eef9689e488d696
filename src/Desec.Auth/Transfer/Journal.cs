using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Transfer;

/// <summary>
/// The changes between published versions of one zone, kept in the state folder for IXFR
/// (RFC 1995): each entry holds the serials and the records removed and added. The file is
/// append-only (<see cref="JournalFile"/>): an append writes and flushes its own entry, with a length
/// and a checksum, so a torn or corrupt tail after a crash is detected and cut on load, never served.
/// The journal is bounded by <see cref="JournalLimits"/> (versions, octets, age): entries beyond a
/// bound leave the head in memory at once and the file later, when the dead part is worth a copy of
/// the live one (<see cref="CompactionSlack"/>), so an append costs the size of its entry, not of the
/// file. Loading applies the bounds again and keeps only the newest unbroken run of serials, so the
/// dead part never comes back. IXFR readers take a short lock on the entries in memory and never wait
/// for the disk: appends and compaction are serialised by a lock of their own.
/// </summary>
public sealed class Journal
{
    /// <summary>The default bound on versions kept (<see cref="JournalLimits.DefaultMaxEntries"/>).</summary>
    public const int MaxEntries = JournalLimits.DefaultMaxEntries;

    /// <summary>Dead octets at the head below this are never worth a compaction.</summary>
    public const long MinCompaction = 64 * 1024;

    /// <param name="Written">When the entry was appended, for <see cref="JournalLimits.MaxAge"/>.</param>
    public sealed record Entry(uint FromSerial, uint ToSerial, IReadOnlyList<ResourceRecord> Removed, IReadOnlyList<ResourceRecord> Added,
        DateTimeOffset Written);

    private readonly JournalFile _file;
    private readonly List<Entry> _entries = [];
    private readonly List<long> _sizes = [];
    // File offset of the first live entry; everything before it is dead.
    private long _head;
    private readonly Lock _lock = new();
    private readonly Lock _writer = new();
    private readonly JournalLimits _limits;
    private readonly TimeProvider _clock;

    public Journal(string directory, DnsName zone, JournalLimits? limits = null, TimeProvider? clock = null)
    {
        _limits = limits ?? JournalLimits.Default;
        _clock = clock ?? TimeProvider.System;
        Desec.Signer.Storage.StateFolder.Create(directory);
        _file = new JournalFile(PathOf(directory, zone));
        Load();
    }

    /// <summary>The journal file of <paramref name="zone"/> in <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, DnsName zone) => Desec.Signer.Storage.StateFileName.PathIn(directory, zone, "journal");

    /// <summary>How many dead octets the file may hold before it is compacted, for <paramref name="live"/> live ones.</summary>
    public static long CompactionSlack(long live) => Math.Max(live / 2, MinCompaction);

    public int Count { get { lock (_lock) { return _entries.Count; } } }

    /// <summary>The octets the live entries take on disk.</summary>
    public long Size { get { lock (_lock) { return _sizes.Sum(); } } }

    /// <summary>Octets written to disk since the journal was opened: entries, and the copies compaction made.</summary>
    public long OctetsWritten { get { lock (_writer) { return _file.OctetsWritten; } } }

    /// <summary>The serial the oldest kept entry starts from: the oldest an IXFR can start at; null when empty.</summary>
    public uint? OldestSerial { get { lock (_lock) { return _entries.Count == 0 ? null : _entries[0].FromSerial; } } }

    /// <summary>The serial the newest entry leads to; null when empty.</summary>
    public uint? NewestSerial { get { lock (_lock) { return _entries.Count == 0 ? null : _entries[^1].ToSerial; } } }

    /// <summary>Records the change from one version to the next (SOAs excluded: IXFR adds them).</summary>
    public void Append(uint fromSerial, uint toSerial, IEnumerable<ResourceRecord> oldRecords, IEnumerable<ResourceRecord> newRecords)
    {
        var before = oldRecords.Where(r => r.Type != RRType.SOA).ToHashSet();
        var after = newRecords.Where(r => r.Type != RRType.SOA).ToHashSet();
        AppendDifference(fromSerial, toSerial, before.Where(r => !after.Contains(r)).ToList(), after.Where(r => !before.Contains(r)).ToList());
    }

    /// <summary>
    /// Records the change from one version to the next as the records removed and added (SOAs
    /// excluded). All or nothing: when the disk refuses the entry, this throws and the journal is as it was.
    /// </summary>
    public void AppendDifference(uint fromSerial, uint toSerial, IReadOnlyList<ResourceRecord> removed, IReadOnlyList<ResourceRecord> added)
    {
        var now = _clock.GetUtcNow();
        var entry = new Entry(fromSerial, toSerial, removed, added, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()));
        var frame = JournalCodec.Frame(entry);
        lock (_writer)
        {
            bool startOver;
            lock (_lock)
            {
                // A journal that does not end where this change starts starts over: the version in between was
                // lost (a crash before its signed version reached the state folder, or that file was unusable).
                startOver = _entries.Count > 0 && _entries[^1].ToSerial != fromSerial;
            }
            // Nothing in the file is live any more: empty it rather than copy nothing.
            if (startOver || (Count == 0 && _file.Length > 0)) { _file.Clear(); }
            long offset = _file.Length;
            _file.Append(frame);
            lock (_lock)
            {
                if (startOver || _entries.Count == 0)
                {
                    _entries.Clear();
                    _sizes.Clear();
                    _head = offset;
                }
                _entries.Add(entry);
                _sizes.Add(frame.Length);
                DropHead(now);
            }
            CompactIfWorthIt();
        }
    }

    /// <summary>
    /// The condensed difference from <paramref name="fromSerial"/> to the newest version (RFC 1995 §4:
    /// one sequence of deletions and additions); null when the journal does not reach back that far.
    /// </summary>
    public (List<ResourceRecord> Removed, List<ResourceRecord> Added, uint ToSerial)? ChangesSince(uint fromSerial) =>
        ChangesBetween(fromSerial, null);

    /// <summary>
    /// The condensed difference from <paramref name="fromSerial"/> to <paramref name="toSerial"/> (the
    /// newest version when null); null when the journal holds no unbroken run of entries between them.
    /// A version journaled but not yet served (the journal is written first) is then simply not reached.
    /// </summary>
    public (List<ResourceRecord> Removed, List<ResourceRecord> Added, uint ToSerial)? ChangesBetween(uint fromSerial, uint? toSerial)
    {
        lock (_lock)
        {
            // Entries that aged out since the last change are not served either.
            DropHead(_clock.GetUtcNow());
            int start = _entries.FindIndex(e => e.FromSerial == fromSerial);
            if (start < 0) { return null; }
            int end = toSerial is { } to ? _entries.FindIndex(start, e => e.ToSerial == to) : _entries.Count - 1;
            if (end < 0) { return null; }
            var net = new Dictionary<ResourceRecord, int>();
            for (int i = start; i <= end; i++)
            {
                foreach (var r in _entries[i].Removed) { net[r] = net.GetValueOrDefault(r) - 1; }
                foreach (var r in _entries[i].Added) { net[r] = net.GetValueOrDefault(r) + 1; }
            }
            return (net.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToList(),
                    net.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList(),
                    _entries[end].ToSerial);
        }
    }

    /// <summary>Removes the journal and its file (the zone is no longer served).</summary>
    public void Delete()
    {
        lock (_writer)
        {
            _file.Delete();
            lock (_lock)
            {
                _entries.Clear();
                _sizes.Clear();
                _head = 0;
            }
        }
    }

    /// <summary>Drops the entries beyond the limits from the head, in memory (the caller holds <see cref="_lock"/>).</summary>
    private void DropHead(DateTimeOffset now)
    {
        int drop = _limits.HeadToDrop(_sizes, _entries.Select(e => e.Written).ToList(), now);
        if (drop == 0) { return; }
        for (int i = 0; i < drop; i++) { _head += _sizes[i]; }
        _entries.RemoveRange(0, drop);
        _sizes.RemoveRange(0, drop);
    }

    /// <summary>Copies the live entries into a new file once the dead head is worth it (the caller holds <see cref="_writer"/>).</summary>
    private void CompactIfWorthIt()
    {
        long head;
        bool empty;
        lock (_lock)
        {
            head = _head;
            empty = _entries.Count == 0;
        }
        try
        {
            if (empty && _file.Length > 0) { _file.Clear(); }
            else if (head > CompactionSlack(_file.Length - head)) { _file.Compact(head); }
            else { return; }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only tidying: the entry is written; the dead head stays until a later append compacts it.
            return;
        }
        lock (_lock) { _head = 0; }
    }

    /// <summary>
    /// Reads the file: the newest run of entries whose serials follow on (a break is where the
    /// journal started over), within the bounds. The bounds drop exactly what they dropped before the
    /// restart (count and octets depend only on the entries, age only grows), so the head needs no record of its own.
    /// </summary>
    private void Load()
    {
        var frames = _file.Load();
        long offset = 0;
        foreach (var (entry, size) in frames)
        {
            if (_entries.Count > 0 && _entries[^1].ToSerial != entry.FromSerial)
            {
                _entries.Clear();
                _sizes.Clear();
                _head = offset;
            }
            _entries.Add(entry);
            _sizes.Add(size);
            offset += size;
        }
        DropHead(_clock.GetUtcNow());
    }
}
