using System.Net;
using System.Net.Sockets;
using Desec.Auth.Transport;

namespace Desec.Auth.Transfer;

/// <summary>
/// An IPv4 or IPv6 prefix in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3); a bare address is a
/// full-length prefix. Kept as a masked 128-bit number, so that matching a peer allocates nothing.
/// </summary>
public sealed record AddressPrefix
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private AddressPrefix(AddressFamily family, UInt128 bits, int length)
    {
        Family = family;
        Length = length;
        int width = family == AddressFamily.InterNetwork ? 32 : 128;
        _mask = length == 0 ? UInt128.Zero : (UInt128.MaxValue << (128 - length)) >> (128 - width);
        _network = bits & _mask;
    }

    public AddressFamily Family { get; }
    public int Length { get; }

    public static bool TryParse(string text, out AddressPrefix? prefix)
    {
        prefix = null;
        int slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%')) { return false; }
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)) { return false; }
        int max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int length = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out length) || length > max))
        {
            return false;
        }
        // Parsed as written: ::ffff:10.0.0.0/104 stays an IPv6 prefix.
        prefix = new AddressPrefix(address.AddressFamily, Bits(address), length);
        return true;
    }

    /// <summary>The prefix that holds exactly one address (an IPv4-mapped IPv6 address counts as IPv4).</summary>
    public static AddressPrefix Host(IPAddress address)
    {
        var peer = PeerAddress.FromEndPoint(new IPEndPoint(address, 0));
        return new AddressPrefix(peer.Family, peer.Bits, peer.Family == AddressFamily.InterNetwork ? 32 : 128);
    }

    /// <summary>Whether the peer's address lies in this prefix; an unknown peer is in none.</summary>
    public bool Contains(in PeerAddress peer) => peer.Family == Family && (peer.Bits & _mask) == _network;

    public bool Contains(IPAddress address) => Contains(PeerAddress.FromEndPoint(new IPEndPoint(address, 0)));

    private static UInt128 Bits(IPAddress address)
    {
        Span<byte> octets = stackalloc byte[16];
        address.TryWriteBytes(octets, out int written);
        UInt128 bits = 0;
        for (int i = 0; i < written; i++) { bits = (bits << 8) | octets[i]; }
        return bits;
    }

    public override string ToString()
    {
        int octetCount = Family == AddressFamily.InterNetwork ? 4 : 16;
        var octets = new byte[octetCount];
        for (int i = 0; i < octetCount; i++) { octets[i] = (byte)(_network >> (8 * (octetCount - 1 - i))); }
        return $"{new IPAddress(octets)}/{Length}";
    }
}
