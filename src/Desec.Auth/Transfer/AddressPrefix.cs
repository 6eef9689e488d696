using System.Net;
using System.Net.Sockets;

namespace Desec.Auth.Transfer;

/// <summary>An IPv4 or IPv6 prefix in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3); a bare address is a full-length prefix.</summary>
public sealed record AddressPrefix(IPAddress Network, int Length)
{
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
        prefix = new AddressPrefix(Mask(address, length), length);
        return true;
    }

    /// <summary>The prefix that holds exactly one address.</summary>
    public static AddressPrefix Host(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) { address = address.MapToIPv4(); }
        return new AddressPrefix(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    public bool Contains(IPAddress address)
    {
        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; an IPv4 prefix must still match them.
        if (address.IsIPv4MappedToIPv6) { address = address.MapToIPv4(); }
        if (address.AddressFamily != Network.AddressFamily) { return false; }
        return Mask(address, Length).Equals(Network);
    }

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int bits = Math.Clamp(length - 8 * i, 0, 8);
            bytes[i] &= (byte)(0xFF00 >> bits);
        }
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{Network}/{Length}";
}
