namespace Desec.Auth.Transport;

/// <summary>
/// The limits of DNS over TCP (RFC 7766 §6.2, §10): how long a client may take, how many connections
/// it may hold, and how many there may be. Config keys follow Knot's where Knot has one.
/// </summary>
public sealed record TcpOptions
{
    /// <summary>
    /// <c>tcp-idle-timeout</c>: a connection with no message in progress is closed after this long
    /// (RFC 7766 §6.2.3: of the order of seconds). Only a whole message restarts it, not any byte.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>tcp-io-timeout</c>: once the first octet of a message has arrived, the whole message must
    /// arrive within this; and every answer must be taken by the client within this. Zero: no limit.
    /// </summary>
    public TimeSpan IoTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// <c>tcp-transfer-progress-timeout</c>: a zone transfer (AXFR/IXFR) is cut when the client takes
    /// none of it for this long. Zero: no limit.
    /// </summary>
    public TimeSpan TransferProgressTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>tcp-max-clients</c>: connections at once. When all are taken, a new connection closes the
    /// one idle longest instead of being turned away.
    /// </summary>
    public int MaxClients { get; init; } = 1024;

    /// <summary>
    /// <c>tcp-max-clients-per-address</c>: connections at once from one client address; a new one
    /// beyond it closes that address's idlest connection. Zero: no cap.
    /// </summary>
    public int MaxClientsPerAddress { get; init; }
}
