using Desec.Zone.Names;

namespace Desec.Auth.Transfer;

/// <summary>The journal of every zone, under one folder of the state directory; opened on first use.</summary>
public sealed class Journals(string directory, Func<DnsName, JournalLimits>? limitsFor = null, TimeProvider? clock = null)
{
    private readonly Dictionary<DnsName, Journal> _journals = [];
    private readonly Lock _lock = new();

    /// <summary>The zone's journal, opened (and its file read) on first use; throws when the file cannot be read.</summary>
    public Journal Get(DnsName zone)
    {
        lock (_lock)
        {
            if (!_journals.TryGetValue(zone, out var journal))
            {
                journal = new Journal(directory, zone, limitsFor?.Invoke(zone) ?? JournalLimits.Default, clock);
                _journals[zone] = journal;
            }
            return journal;
        }
    }

    /// <summary>The zone's journal for serving IXFR, or null when it cannot be opened (the client then gets the AXFR form).</summary>
    public Journal? Find(DnsName zone)
    {
        try { return Get(zone); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Deletes the journal of a zone that is no longer served, with its file.</summary>
    public void Drop(DnsName zone)
    {
        Journal? journal;
        lock (_lock) { _journals.Remove(zone, out journal); }
        if (journal is not null) { journal.Delete(); }
        else
        {
            string path = Journal.PathOf(directory, zone);
            File.Delete(path);
            File.Delete(path + ".tmp");
        }
    }
}
