using System.Buffers.Binary;

namespace Desec.Zone.Messages;

/// <summary>What checking a server cookie sent back by a client found.</summary>
public enum ServerCookieCheck
{
    /// <summary>Not one of ours, altered, too old or from the future: answer with a new one (RFC 7873 §5.2.3).</summary>
    Invalid,
    /// <summary>Ours and fresh: send it back as it is (RFC 7873 §5.2.4).</summary>
    Valid,
    /// <summary>Ours and still valid, but old enough to be replaced by a new one (RFC 9018 §4.3).</summary>
    Renew,
}

/// <summary>
/// The interoperable server cookie of RFC 9018 §4, so that every server of an anycast set that
/// shares the secret accepts the others' cookies: Version (1), Reserved (3 octets of zero),
/// Timestamp (seconds since the epoch, 32 bits, RFC 1982 arithmetic) and an 8-octet Hash, the
/// SipHash-2-4 (§4.4) over client cookie | Version | Reserved | Timestamp | client address
/// (4 octets for IPv4, 16 for IPv6) under the 16-octet server secret.
/// </summary>
public static class ServerCookie
{
    public const int Length = 16;
    public const byte Version = 1;
    public const int SecretLength = SipHash24.KeyLength;

    /// <summary>§4.3: a cookie older than an hour is invalid, one from more than five minutes ahead too.</summary>
    public const uint MaxAgeSeconds = 3600, MaxAheadSeconds = 300;

    /// <summary>§4.3: a valid cookie older than half an hour is replaced.</summary>
    public const uint RenewAfterSeconds = 1800;

    /// <summary>Writes the server cookie for this client at <paramref name="timestamp"/> into <paramref name="destination"/> (16 octets).</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<byte> clientCookie, uint timestamp, ReadOnlySpan<byte> clientAddress,
        ReadOnlySpan<byte> secret)
    {
        destination[0] = Version;
        destination[1..4].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hash(clientCookie, destination[..8], clientAddress, secret));
    }

    /// <summary>
    /// Checks a server cookie the client sent back: ours in form (16 octets, version 1), hashed over
    /// the octets as received (the reserved ones included), and within the time window at
    /// <paramref name="now"/>.
    /// </summary>
    public static ServerCookieCheck Check(ReadOnlySpan<byte> serverCookie, ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> clientAddress,
        ReadOnlySpan<byte> secret, uint now)
    {
        if (serverCookie.Length != Length || serverCookie[0] != Version) { return ServerCookieCheck.Invalid; }
        uint timestamp = BinaryPrimitives.ReadUInt32BigEndian(serverCookie[4..]);
        // RFC 1982 serial arithmetic: the difference as a signed 32-bit number.
        int age = (int)(now - timestamp);
        if (age > MaxAgeSeconds || -age > MaxAheadSeconds) { return ServerCookieCheck.Invalid; }
        ulong expected = Hash(clientCookie, serverCookie[..8], clientAddress, secret);
        if (BinaryPrimitives.ReadUInt64LittleEndian(serverCookie[8..]) != expected) { return ServerCookieCheck.Invalid; }
        return age > RenewAfterSeconds ? ServerCookieCheck.Renew : ServerCookieCheck.Valid;
    }

    private static ulong Hash(ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> versionReservedTimestamp, ReadOnlySpan<byte> clientAddress,
        ReadOnlySpan<byte> secret)
    {
        Span<byte> input = stackalloc byte[EdnsRequest.ClientCookieLength + 8 + 16];
        clientCookie.CopyTo(input);
        versionReservedTimestamp.CopyTo(input[EdnsRequest.ClientCookieLength..]);
        clientAddress.CopyTo(input[(EdnsRequest.ClientCookieLength + 8)..]);
        return SipHash24.Hash(secret, input[..(EdnsRequest.ClientCookieLength + 8 + clientAddress.Length)]);
    }
}
