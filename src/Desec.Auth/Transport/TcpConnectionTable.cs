using System.Net;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

/// <summary>
/// The open TCP connections of the listeners that share it and the rules that free their slots (RFC 7766 §6.2.2,
/// §6.2.3, §10): a sweep closes every connection whose published deadline has passed, and a new
/// connection beyond <c>tcp-max-clients</c> (or beyond its address's cap) closes the idlest one in its
/// way rather than being turned away, so that clients that hold slots without making progress can
/// never lock out a new client. One table serves every listening address, so tcp-max-clients counts
/// them together (as in Knot).
/// </summary>
public sealed class TcpConnectionTable : IDisposable
{
    /// <summary>
    /// Up to this many connections the idlest is found exactly; beyond, among this many picked at
    /// random, which finds one of the idlest few percent at a cost that does not grow with the table.
    /// </summary>
    private const int EvictionSample = 64;

    /// <summary>How long a ceiling learned from running out of file descriptors holds before tcp-max-clients applies again.</summary>
    private static readonly TimeSpan CeilingHold = TimeSpan.FromMinutes(1);

    /// <summary>Connections closed by a rule are summed up in one log line at most this often.</summary>
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly TcpOptions _options;
    private readonly ILogger? _logger;
    private readonly Thread _sweeper;
    private readonly TimeSpan _sweepInterval;
    private readonly ManualResetEventSlim _disposed = new();
    private readonly Dictionary<IPAddress, List<TcpConnection>> _byAddress = [];
    private readonly long[] _closed = new long[Enum.GetValues<TcpCloseReason>().Length];
    private readonly long[] _reported = new long[Enum.GetValues<TcpCloseReason>().Length];
    private readonly int _maxClients;
    private readonly SpareDescriptors _spares = new();
    private long _lastReport = Environment.TickCount64;
    private TcpConnection[] _connections = new TcpConnection[64];
    private int _count;
    private long _accepted;
    private long _acceptFailures;
    private int _ceiling;
    private long _ceilingSince;
    private long _lastSpareAttempt;

    public TcpConnectionTable(TcpOptions options, ILogger? logger = null)
    {
        _options = options;
        _logger = logger;
        _maxClients = _ceiling = MaxClientsWithin(options.MaxClients, logger);
        logger?.LogInformation("tcp: at most {MaxClients} connections at once, {PerAddress} per address; idle timeout {Idle} s, io timeout {Io} ms, transfer progress timeout {Transfer} ms",
            _maxClients, options.MaxClientsPerAddress > 0 ? options.MaxClientsPerAddress : "no cap", options.IdleTimeout.TotalSeconds,
            options.IoTimeout.TotalMilliseconds, options.TransferProgressTimeout.TotalMilliseconds);
        // A thread of its own, not a timer on the thread pool: when clients keep the pool busy is
        // exactly when the deadlines must still be kept.
        _sweepInterval = SweepInterval(options);
        _sweeper = new Thread(SweepLoop) { IsBackground = true, Name = "tcp deadlines" };
        _sweeper.Start();
    }

    /// <summary>
    /// tcp-max-clients, or fewer when the file descriptor limit leaves no room for that many beside
    /// what is open already and a reserve (a sixteenth of the limit, at least 64, and the spares):
    /// the .NET runtime fails fatally when it cannot get a descriptor for a thread.
    /// </summary>
    private static int MaxClientsWithin(int maxClients, ILogger? logger)
    {
        if (FileDescriptorLimit.Current() is not { } limit || FileDescriptorLimit.OpenCount() is not { } open) { return maxClients; }
        long reserve = Math.Max(64, limit.Soft / 16) + SpareDescriptors.Count;
        long room = Math.Max(1, limit.Soft - open - reserve);
        if (room >= maxClients) { return maxClients; }
        logger?.LogWarning("tcp-max-clients {MaxClients} does not fit the file descriptor limit {Limit} ({Open} open, {Reserve} kept in reserve): " +
            "at most {Room} TCP connections at once; raise the limit (LimitNOFILE) or lower tcp-max-clients", maxClients, limit.Soft, open, reserve, room);
        return (int)room;
    }

    /// <summary>A fifth of the shortest deadline, between 10 and 100 ms: a rule fires at most that late.</summary>
    internal static TimeSpan SweepInterval(TcpOptions options)
    {
        var shortest = new[] { options.IdleTimeout, options.IoTimeout, options.TransferProgressTimeout }
            .Where(t => t > TimeSpan.Zero).DefaultIfEmpty(TimeSpan.FromSeconds(1)).Min();
        return TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 5, 10, 100));
    }

    public TcpOptions Options => _options;

    /// <summary>The most connections at once: tcp-max-clients, or fewer if the file descriptor limit allows fewer.</summary>
    public int MaxClients => _maxClients;

    public int Count { get { lock (_lock) { return _count; } } }

    public TcpStats Stats()
    {
        var closed = new Dictionary<TcpCloseReason, long>();
        for (int i = 1; i < _closed.Length; i++)
        {
            long n = Interlocked.Read(ref _closed[i]);
            if (n > 0) { closed[(TcpCloseReason)i] = n; }
        }
        return new TcpStats(Count, Interlocked.Read(ref _accepted), closed, Interlocked.Read(ref _acceptFailures));
    }

    /// <summary>
    /// Takes a new connection in. When its address is at its cap, that address's idlest connection is
    /// closed; when every slot is taken, the idlest connection of all. The newcomer always gets in.
    /// </summary>
    internal void Admit(TcpConnection connection)
    {
        TcpConnection? ownIdlest = null;
        List<TcpConnection>? idlest = null;
        lock (_lock)
        {
            // RFC 7766 §6.2.2: servers may cap connections per client address, but loosely (one address
            // may be many clients behind NAT); so it is off unless configured.
            if (_options.MaxClientsPerAddress > 0 && _byAddress.TryGetValue(connection.Address, out var own))
            {
                if (own.Count >= _options.MaxClientsPerAddress)
                {
                    ownIdlest = Idlest(own, own.Count);
                    RemoveLocked(ownIdlest);
                }
            }
            // Usually one; several after the ceiling was lowered for want of file descriptors.
            while (_count >= _ceiling && IdlestOfAll() is { } victim)
            {
                RemoveLocked(victim);
                (idlest ??= []).Add(victim);
            }
            AddLocked(connection);
        }
        Interlocked.Increment(ref _accepted);
        Cut(ownIdlest, TcpCloseReason.EvictedPerAddress);
        foreach (var victim in idlest ?? []) { Cut(victim, TcpCloseReason.Evicted); }
    }

    /// <summary>Forgets a connection that ended (nothing when a rule removed it already).</summary>
    internal void Remove(TcpConnection connection)
    {
        lock (_lock) { RemoveLocked(connection); }
    }

    /// <summary>
    /// Accepting failed for want of file descriptors: closes the idlest connection to give its
    /// descriptor to the next one (false when there is none), and until <see cref="CeilingHold"/>
    /// passes without this, admits a sixteenth fewer connections than are open now (at least 8
    /// fewer), so that accepting does not fail each time and the rest of the server keeps some
    /// descriptors too.
    /// </summary>
    internal bool OutOfDescriptors()
    {
        _spares.Release();
        TcpConnection? idlest;
        int ceiling;
        lock (_lock)
        {
            ceiling = _ceiling = Math.Clamp(_count - Math.Max(8, _count / 16), 1, _maxClients);
            _ceilingSince = Environment.TickCount64;
            idlest = IdlestOfAll();
            if (idlest is not null) { RemoveLocked(idlest); }
        }
        Cut(idlest, TcpCloseReason.OutOfDescriptors);
        _logger?.LogDebug("tcp: out of file descriptors; admitting at most {Ceiling} connections for now", ceiling);
        return idlest is not null;
    }

    /// <summary>The most connections admitted now: tcp-max-clients, or less after running out of file descriptors.</summary>
    public int Ceiling { get { lock (_lock) { return _ceiling; } } }

    internal void CountAcceptFailure() => Interlocked.Increment(ref _acceptFailures);

    private void SweepLoop()
    {
        while (!_disposed.Wait(_sweepInterval)) { Sweep(); }
    }

    /// <summary>Closes every connection whose deadline has passed.</summary>
    private void Sweep()
    {
        long now = Environment.TickCount64;
        List<(TcpConnection, TcpCloseReason)>? expired = null;
        lock (_lock)
        {
            if (_ceiling < _maxClients && now - _ceilingSince >= (long)CeilingHold.TotalMilliseconds) { _ceiling = _maxClients; }
            // Backwards, because a removal moves the last entry (already looked at) into the gap.
            for (int i = _count - 1; i >= 0; i--)
            {
                var connection = _connections[i];
                var reason = connection.Expired(now);
                if (reason == TcpCloseReason.None || StillGoing(connection, reason, now)) { continue; }
                (expired ??= []).Add((connection, reason));
                RemoveLocked(connection);
            }
        }
        foreach (var (connection, reason) in expired ?? []) { Cut(connection, reason); }
        if (now - _lastSpareAttempt >= 1000 && !_spares.Held)
        {
            _lastSpareAttempt = now;
            _spares.TryTake();
        }
        if (now - _lastReport >= (long)ReportInterval.TotalMilliseconds) { Report(now); }
    }

    /// <summary>One line on what the rules closed since the last report, when they closed anything.</summary>
    private void Report(long now)
    {
        _lastReport = now;
        var parts = new List<string>();
        for (int i = 1; i < _closed.Length; i++)
        {
            long total = Interlocked.Read(ref _closed[i]);
            long since = total - _reported[i];
            _reported[i] = total;
            if (since > 0 && (TcpCloseReason)i is not (TcpCloseReason.Ended or TcpCloseReason.Idle)) { parts.Add($"{since} {(TcpCloseReason)i}"); }
        }
        if (parts.Count > 0)
        {
            _logger?.LogInformation("tcp: closed in the last {Seconds} s: {Counts}; {Open} connections open",
                (int)ReportInterval.TotalSeconds, string.Join(", ", parts), Count);
        }
    }

    /// <summary>A deadline passed, but the client did its part: data waits to be read, or a transfer moved on.</summary>
    private static bool StillGoing(TcpConnection connection, TcpCloseReason reason, long now) => reason switch
    {
        TcpCloseReason.Idle or TcpCloseReason.SlowMessage => connection.DataWaiting(),
        TcpCloseReason.StalledTransfer => connection.TransferProgressed(now),
        _ => false,
    };

    private void Cut(TcpConnection? connection, TcpCloseReason reason)
    {
        if (connection is not null && reason != TcpCloseReason.None && connection.MarkClosed(reason))
        {
            // Counted before the client can see the close.
            Interlocked.Increment(ref _closed[(int)reason]);
            connection.CloseSocket();
        }
    }

    private TcpConnection? IdlestOfAll()
    {
        if (_count == 0) { return null; }
        if (_count <= EvictionSample) { return Idlest(_connections, _count); }
        TcpConnection? idlest = null;
        for (int i = 0; i < EvictionSample; i++)
        {
            var candidate = _connections[Random.Shared.Next(_count)];
            if (idlest is null || candidate.LastActivity < idlest.LastActivity) { idlest = candidate; }
        }
        return idlest;
    }

    private static TcpConnection Idlest(IReadOnlyList<TcpConnection> connections, int count)
    {
        var idlest = connections[0];
        for (int i = 1; i < count; i++)
        {
            if (connections[i].LastActivity < idlest.LastActivity) { idlest = connections[i]; }
        }
        return idlest;
    }

    private void AddLocked(TcpConnection connection)
    {
        if (_count == _connections.Length) { Array.Resize(ref _connections, _count * 2); }
        connection.Slot = _count;
        _connections[_count++] = connection;
        if (_options.MaxClientsPerAddress > 0)
        {
            if (!_byAddress.TryGetValue(connection.Address, out var own)) { _byAddress[connection.Address] = own = []; }
            connection.AddressSlot = own.Count;
            own.Add(connection);
        }
    }

    /// <summary>Removes in constant time: the last entry takes the removed one's place.</summary>
    private void RemoveLocked(TcpConnection connection)
    {
        if (connection.Slot < 0) { return; }
        var last = _connections[--_count];
        _connections[connection.Slot] = last;
        last.Slot = connection.Slot;
        _connections[_count] = null!;
        connection.Slot = -1;
        if (connection.AddressSlot >= 0 && _byAddress.TryGetValue(connection.Address, out var own))
        {
            var lastOwn = own[^1];
            own[connection.AddressSlot] = lastOwn;
            lastOwn.AddressSlot = connection.AddressSlot;
            own.RemoveAt(own.Count - 1);
            connection.AddressSlot = -1;
            if (own.Count == 0) { _byAddress.Remove(connection.Address); }
        }
    }

    public void Dispose()
    {
        _disposed.Set();
        _sweeper.Join();
        _disposed.Dispose();
        _spares.Dispose();
    }
}
