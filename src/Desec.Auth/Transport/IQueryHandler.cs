namespace Desec.Auth.Transport;

public enum TransportKind { Udp, Tcp }

/// <summary>One request as a transport received it: the message, the transport, and who sent it.</summary>
public readonly ref struct Request(ReadOnlySpan<byte> message, TransportKind transport, PeerAddress peer)
{
    public ReadOnlySpan<byte> Message { get; } = message;
    public TransportKind Transport { get; } = transport;
    public PeerAddress Peer { get; } = peer;
}

/// <summary>What the handler made of a request: one message in the transport's buffer, a stream of messages, or nothing.</summary>
public readonly struct Reply
{
    private Reply(int length, IResponseStream? stream)
    {
        Length = length;
        Stream = stream;
    }

    /// <summary>Send nothing (RFC 1035 §4.1.1: some malformed input is dropped).</summary>
    public static Reply Drop => default;

    /// <summary>One message, written into the transport's buffer.</summary>
    public static Reply Message(int length) => new(length, null);

    /// <summary>Several messages (a zone transfer over TCP, RFC 5936 §2.2), written one at a time; the transport disposes the stream.</summary>
    public static Reply Streamed(IResponseStream stream) => new(0, stream);

    /// <summary>Octets of the one message in the transport's buffer; 0 for none.</summary>
    public int Length { get; }

    public IResponseStream? Stream { get; }
}

/// <summary>
/// The one entry point from a transport to the protocol: each request is handed over once, parsed
/// once, its TSIG checked once, and answered with one message or a stream. Transports know
/// nothing about DNS beyond this; the handler never throws for bad input and never blocks.
/// </summary>
public interface IQueryHandler
{
    /// <summary>
    /// Answers <paramref name="request"/>: one message written into <paramref name="response"/>
    /// (at most its length; on UDP the handler keeps to the requestor's payload size), a stream, or nothing.
    /// </summary>
    Reply Handle(scoped in Request request, Span<byte> response);
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
