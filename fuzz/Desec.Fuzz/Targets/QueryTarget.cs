using Desec.Auth.Transport;

namespace Desec.Fuzz.Targets;

/// <summary>
/// <see cref="IQueryHandler"/>: one request over UDP (no peer address, as the UDP listener passes
/// today) and over TCP, and as a stream request. Contract: never throws, a length within the buffer,
/// every stream ends.
/// </summary>
public sealed class QueryTarget : IFuzzTarget
{
    private readonly byte[] _response = new byte[Streams.MaxMessage];

    public string Name => "query";

    public void Run(byte[] input)
    {
        var handler = Fixture.Handler;
        Streams.CheckLength(handler.Handle(input, _response, TransportKind.Udp, null), _response.Length, "Handle over UDP");
        Streams.CheckLength(handler.Handle(input, _response, TransportKind.Tcp, Fixture.Peer), _response.Length, "Handle over TCP");
        if (handler.OpenStream(input, Fixture.Peer) is { } stream) { Streams.Drain(stream, _response); }
    }
}
