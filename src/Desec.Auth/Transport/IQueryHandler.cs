using System.Net;

namespace Desec.Auth.Transport;

public enum TransportKind { Udp, Tcp }

/// <summary>
/// What a transport needs from the protocol: turn one request into one response. Transports know
/// nothing about DNS beyond this; the handler never throws and never blocks.
/// </summary>
public interface IQueryHandler
{
    /// <summary>
    /// Writes the response to <paramref name="request"/> into <paramref name="response"/> and
    /// returns its length, or 0 to send nothing (RFC 1035 §4.1.1: some malformed input is dropped).
    /// </summary>
    int Handle(ReadOnlySpan<byte> request, Span<byte> response, TransportKind transport, EndPoint? remote);
}
