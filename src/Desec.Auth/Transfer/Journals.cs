using Desec.Zone.Names;

namespace Desec.Auth.Transfer;

/// <summary>The journal of every zone, under one folder of the state directory; opened on first use.</summary>
public sealed class Journals(string directory, Func<DnsName, JournalLimits>? limitsFor = null, TimeProvider? clock = null)
{
    private readonly Dictionary<DnsName, Journal> _journals = [];
    private readonly Lock _lock = new();

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
}
