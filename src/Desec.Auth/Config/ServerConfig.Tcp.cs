using Desec.Auth.Transport;

namespace Desec.Auth.Config;

/// <summary>The TCP keys, named as in Knot's <c>server</c> section where Knot has them.</summary>
public sealed partial record ServerConfig
{
    /// <summary><c>tcp-idle-timeout</c>: seconds a connection may wait between messages (Knot: minimum 1, default 10).</summary>
    public int TcpIdleTimeout { get; init; } = 10;

    /// <summary>
    /// <c>tcp-io-timeout</c>: milliseconds to receive one message once its first octet has arrived, and
    /// to send one answer (Knot: default 500; 0 for no limit, not advisable on a public server).
    /// </summary>
    public int TcpIoTimeout { get; init; } = 500;

    /// <summary>
    /// <c>tcp-transfer-progress-timeout</c> (not in Knot, whose tcp-io-timeout covers each transfer
    /// message): milliseconds a zone transfer may go without the client taking any of it; 0: no limit.
    /// </summary>
    public int TcpTransferProgressTimeout { get; init; } = 5000;

    /// <summary><c>tcp-max-clients</c>: connections at once, on all addresses together (Knot: default half the file descriptor limit).</summary>
    public int? TcpMaxClients { get; init; }

    /// <summary><c>tcp-max-connections</c>: the older name of <c>tcp-max-clients</c>, still accepted.</summary>
    public int? TcpMaxConnections { get; init; }

    /// <summary><c>tcp-max-clients-per-address</c> (not in Knot): connections at once from one client address; 0: no cap.</summary>
    public int TcpMaxClientsPerAddress { get; init; }

    private void ValidateTcp()
    {
        if (TcpIdleTimeout < 1) { throw new ConfigException($"tcp-idle-timeout {TcpIdleTimeout} must be at least 1 (seconds)"); }
        if (TcpIoTimeout < 0) { throw new ConfigException($"tcp-io-timeout {TcpIoTimeout} is negative (milliseconds; 0 for no limit)"); }
        if (TcpTransferProgressTimeout < 0)
        {
            throw new ConfigException($"tcp-transfer-progress-timeout {TcpTransferProgressTimeout} is negative (milliseconds; 0 for no limit)");
        }
        if (TcpMaxClients is < 1) { throw new ConfigException($"tcp-max-clients {TcpMaxClients} must be at least 1"); }
        if (TcpMaxConnections is < 1) { throw new ConfigException($"tcp-max-connections {TcpMaxConnections} must be at least 1"); }
        if (TcpMaxClients is { } clients && TcpMaxConnections is { } connections && clients != connections)
        {
            throw new ConfigException(
                $"tcp-max-connections {connections} is the older name of tcp-max-clients, which is {clients}: give one of them");
        }
        if (TcpMaxClientsPerAddress < 0)
        {
            throw new ConfigException($"tcp-max-clients-per-address {TcpMaxClientsPerAddress} is negative (0 for no cap)");
        }
    }

    /// <summary>
    /// The TCP limits in effect; <paramref name="fileDescriptorLimit"/> (the soft RLIMIT_NOFILE, when
    /// known) gives the default of tcp-max-clients as in Knot: half of it, leaving the other half to
    /// zone files, journals, keys and the database.
    /// </summary>
    public TcpOptions TcpOptions(long? fileDescriptorLimit) => new()
    {
        IdleTimeout = TimeSpan.FromSeconds(TcpIdleTimeout),
        IoTimeout = TimeSpan.FromMilliseconds(TcpIoTimeout),
        TransferProgressTimeout = TimeSpan.FromMilliseconds(TcpTransferProgressTimeout),
        MaxClients = TcpMaxClients ?? TcpMaxConnections
            ?? (fileDescriptorLimit is { } limit ? (int)Math.Clamp(limit / 2, 1, int.MaxValue) : 1024),
        MaxClientsPerAddress = TcpMaxClientsPerAddress,
    };
}
