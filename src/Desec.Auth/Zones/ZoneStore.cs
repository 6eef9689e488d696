namespace Desec.Auth.Zones;

/// <summary>Holds the published <see cref="ZoneSet"/>. Readers take it without locking; writers swap it whole.</summary>
public sealed class ZoneStore
{
    private ZoneSet _current = ZoneSet.Empty;
    private readonly Lock _writers = new();

    public ZoneSet Current => Volatile.Read(ref _current);

    /// <summary>Applies a change to the current set and publishes the result atomically.</summary>
    public void Update(Func<ZoneSet, ZoneSet> change)
    {
        lock (_writers) { Volatile.Write(ref _current, change(_current)); }
    }
}
