using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Desec.Auth.Transport;

/// <summary>
/// The address and port of the peer that sent a request, as a value: decoded from the
/// <c>sockaddr</c> a receive call fills in without allocating, so that the UDP path can hand it to
/// the handler (transfer ACLs, DNS cookies) for every datagram. An IPv4 peer seen on a dual-stack
/// socket (<c>::ffff:a.b.c.d</c>, RFC 4291 §2.5.5.2) is kept as IPv4, so that IPv4 prefixes match it.
/// </summary>
public readonly struct PeerAddress : IEquatable<PeerAddress>
{
    /// <summary>sockaddr_in and sockaddr_in6 put the port at offset 2 and the address at 4 and 8 on every platform we run on.</summary>
    private const int PortOffset = 2, V4Offset = 4, V6Offset = 8;

    /// <summary>The octets of the address as two big-endian numbers; IPv4 in the low 32 bits of <see cref="_low"/>.</summary>
    private readonly ulong _high, _low;

    private PeerAddress(AddressFamily family, ulong high, ulong low, ushort port)
    {
        Family = family;
        _high = high;
        _low = low;
        Port = port;
    }

    /// <summary>No address (a request that did not come from the network).</summary>
    public static PeerAddress None => default;

    /// <summary><see cref="AddressFamily.InterNetwork"/>, <see cref="AddressFamily.InterNetworkV6"/>, or Unspecified for <see cref="None"/>.</summary>
    public AddressFamily Family { get; }

    public ushort Port { get; }

    public bool IsKnown => Family is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;

    /// <summary>The address octets: 4 for IPv4, 16 for IPv6.</summary>
    public int AddressLength => Family switch
    {
        AddressFamily.InterNetwork => 4,
        AddressFamily.InterNetworkV6 => 16,
        _ => 0,
    };

    /// <summary>The address as a 128-bit big-endian number (IPv4 in the low 32 bits), for prefix matching.</summary>
    public UInt128 Bits => new(_high, _low);

    public static PeerAddress FromIPv4(uint address, ushort port) => new(AddressFamily.InterNetwork, 0, address, port);

    public static PeerAddress FromIPv6(ReadOnlySpan<byte> address, ushort port)
    {
        ulong high = BinaryPrimitives.ReadUInt64BigEndian(address);
        ulong low = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
        // ::ffff:a.b.c.d is an IPv4 peer on a dual-stack socket.
        return high == 0 && (low >> 32) == 0xFFFF ? FromIPv4((uint)low, port) : new PeerAddress(AddressFamily.InterNetworkV6, high, low, port);
    }

    /// <summary>
    /// Decodes a <c>sockaddr_in</c> or <c>sockaddr_in6</c> (port and address in network order at
    /// the same offsets on Linux, the BSDs and Windows) whose family the caller read; anything else,
    /// or too few octets, is <see cref="None"/>.
    /// </summary>
    public static PeerAddress FromSocketAddress(AddressFamily family, ReadOnlySpan<byte> sockaddr) => family switch
    {
        AddressFamily.InterNetwork when sockaddr.Length >= V4Offset + 4 =>
            FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(sockaddr[V4Offset..]), BinaryPrimitives.ReadUInt16BigEndian(sockaddr[PortOffset..])),
        AddressFamily.InterNetworkV6 when sockaddr.Length >= V6Offset + 16 =>
            FromIPv6(sockaddr.Slice(V6Offset, 16), BinaryPrimitives.ReadUInt16BigEndian(sockaddr[PortOffset..])),
        _ => None,
    };

    /// <summary>The same for a reused <see cref="SocketAddress"/> (the portable receive path).</summary>
    public static PeerAddress FromSocketAddress(SocketAddress address) => FromSocketAddress(address.Family, address.Buffer.Span[..address.Size]);

    /// <summary>From an endpoint (a TCP connection's peer, once per connection); null or another kind is <see cref="None"/>.</summary>
    public static PeerAddress FromEndPoint(EndPoint? endpoint)
    {
        if (endpoint is not IPEndPoint ip) { return None; }
        Span<byte> octets = stackalloc byte[16];
        if (!ip.Address.TryWriteBytes(octets, out int written)) { return None; }
        return written == 4
            ? FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(octets), (ushort)ip.Port)
            : FromIPv6(octets, (ushort)ip.Port);
    }

    /// <summary>Writes the address octets (4 or 16) and returns how many; the client address of a DNS cookie (RFC 9018 §4.4).</summary>
    public int WriteAddress(Span<byte> destination)
    {
        switch (Family)
        {
            case AddressFamily.InterNetwork:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
                return 4;
            case AddressFamily.InterNetworkV6:
                BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
                BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
                return 16;
            default:
                return 0;
        }
    }

    /// <summary>The address as an object, for logs (allocates).</summary>
    public IPAddress? ToIPAddress()
    {
        if (!IsKnown) { return null; }
        Span<byte> octets = stackalloc byte[16];
        return new IPAddress(octets[..WriteAddress(octets)]);
    }

    public bool Equals(PeerAddress other) => Family == other.Family && _high == other._high && _low == other._low && Port == other.Port;
    public override bool Equals(object? obj) => obj is PeerAddress other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Family, _high, _low, Port);
    public static bool operator ==(PeerAddress a, PeerAddress b) => a.Equals(b);
    public static bool operator !=(PeerAddress a, PeerAddress b) => !a.Equals(b);

    /// <summary>As an endpoint prints: <c>192.0.2.1:53</c>, <c>[2001:db8::1]:53</c>, or <c>unknown</c>.</summary>
    public override string ToString() => ToIPAddress() is { } address ? new IPEndPoint(address, Port).ToString() : "unknown";
}
