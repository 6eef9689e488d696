namespace Desec.Auth.Query;

/// <summary>Settings of the answering path.</summary>
public sealed record AnswerOptions
{
    /// <summary>Largest UDP response, whatever the query offers (RFC 6891 §6.2.5; 1232 avoids fragmentation).</summary>
    public ushort MaxUdpPayload { get; init; } = 1232;

    /// <summary>The NSID to send when asked (RFC 5001); empty sends none.</summary>
    public byte[] Nsid { get; init; } = [];

    /// <summary>
    /// The 16-octet secret of the server cookies (RFC 9018 §4); null draws a random one at start-up.
    /// Servers of one anycast address share it, so that each accepts the others' cookies.
    /// </summary>
    public byte[]? CookieSecret { get; init; }
}
