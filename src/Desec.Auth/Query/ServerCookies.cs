using System.Security.Cryptography;
using Desec.Auth.Transport;
using Desec.Zone.Messages;

namespace Desec.Auth.Query;

/// <summary>
/// The server side of DNS cookies (RFC 7873 §5.2) with the interoperable server cookie of
/// RFC 9018: a request with a client cookie gets the client cookie back with a server cookie, the
/// one it sent when that is ours and fresh (§5.2.4), else a new one (§5.2.3). No request is
/// refused for a missing or wrong server cookie (no BADCOOKIE, RFC 7873 §5.2.3 leaves that to
/// policy): like Knot without its cookies module, cookies are offered, never required.
/// </summary>
public sealed class ServerCookies
{
    /// <summary>Client cookie and the longest server cookie: the most a COOKIE option holds (RFC 7873 §4).</summary>
    public const int MaxOptionLength = EdnsRequest.ClientCookieLength + EdnsRequest.MaxServerCookieLength;

    private readonly byte[] _secret;
    private readonly TimeProvider _clock;

    /// <param name="secret">16 octets (RFC 9018 §4.4); null draws a random one.</param>
    public ServerCookies(byte[]? secret, TimeProvider clock)
    {
        if (secret is not null && secret.Length != ServerCookie.SecretLength)
        {
            throw new ArgumentException($"a cookie secret has {ServerCookie.SecretLength} octets, not {secret.Length}", nameof(secret));
        }
        _secret = secret ?? RandomNumberGenerator.GetBytes(ServerCookie.SecretLength);
        _clock = clock;
    }

    /// <summary>
    /// Writes the COOKIE option data of the response into <paramref name="destination"/>
    /// (<see cref="MaxOptionLength"/> octets) and returns its length: 0 when the request sent no
    /// client cookie, else the client cookie followed by the server cookie.
    /// </summary>
    public int Write(scoped in EdnsRequest request, in PeerAddress peer, Span<byte> destination)
    {
        var client = request.ClientCookie;
        if (client.IsEmpty) { return 0; }
        Span<byte> address = stackalloc byte[16];
        address = address[..peer.WriteAddress(address)];
        uint now = (uint)_clock.GetUtcNow().ToUnixTimeSeconds();
        client.CopyTo(destination);
        var server = destination[client.Length..];
        if (ServerCookie.Check(request.ServerCookie, client, address, _secret, now) == ServerCookieCheck.Valid)
        {
            request.ServerCookie.CopyTo(server);
            return client.Length + request.ServerCookie.Length;
        }
        ServerCookie.Write(server, client, now, address, _secret);
        return client.Length + ServerCookie.Length;
    }
}
