namespace Desec.Auth.Transport;

/// <summary>Why the server closed a TCP connection (or <see cref="None"/> while it is open).</summary>
public enum TcpCloseReason
{
    None,
    /// <summary>No message for <c>tcp-idle-timeout</c>.</summary>
    Idle,
    /// <summary>A message begun but not finished within <c>tcp-io-timeout</c>.</summary>
    SlowMessage,
    /// <summary>An answer not taken by the client within <c>tcp-io-timeout</c>.</summary>
    SlowWrite,
    /// <summary>A zone transfer the client took nothing of for <c>tcp-transfer-progress-timeout</c>.</summary>
    StalledTransfer,
    /// <summary>The idlest connection, closed to admit a new one when all slots were taken.</summary>
    Evicted,
    /// <summary>The idlest connection of an address, closed to admit a new one from it beyond its cap.</summary>
    EvictedPerAddress,
    /// <summary>The idlest connection, closed because accepting failed for want of file descriptors.</summary>
    OutOfDescriptors,
    /// <summary>The client closed it, or the server is stopping.</summary>
    Ended,
}

/// <summary>What the TCP transport has done since it started: connections accepted and closed, by reason.</summary>
public sealed record TcpStats(int Open, long Accepted, IReadOnlyDictionary<TcpCloseReason, long> Closed, long AcceptFailures)
{
    public long ClosedFor(TcpCloseReason reason) => Closed.TryGetValue(reason, out long n) ? n : 0;
}
