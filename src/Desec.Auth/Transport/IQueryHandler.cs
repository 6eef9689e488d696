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

    /// <summary>
    /// For a request answered by several messages on a stream transport (a zone transfer, RFC 5936
    /// §2.2), the stream of those messages; null when <see cref="Handle"/> answers it with one.
    /// The request is only read during this call: the stream keeps what it needs.
    /// </summary>
    IResponseStream? OpenStream(ReadOnlySpan<byte> request, EndPoint? remote) => null;
}

/// <summary>
/// A multi-message response, written one message at a time into the transport's buffer so that
/// the whole response never sits in memory at once.
/// </summary>
public interface IResponseStream : IDisposable
{
    /// <summary>Writes the next message into <paramref name="buffer"/> and returns its length; 0 when done.</summary>
    int WriteNext(Span<byte> buffer);
}
