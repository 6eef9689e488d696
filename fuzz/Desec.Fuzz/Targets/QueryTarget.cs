using Desec.Auth.Transport;

namespace Desec.Fuzz.Targets;

/// <summary>
/// <see cref="IQueryHandler"/>: one request over UDP and over TCP, from a peer the ACL admits, as
/// the transports hand it over. Contract: never throws, a length within the buffer, every stream ends.
/// </summary>
public sealed class QueryTarget : IFuzzTarget
{
    private readonly byte[] _response = new byte[Streams.MaxMessage];

    public string Name => "query";

    public void Run(byte[] input)
    {
        var handler = Fixture.Handler;
        Streams.Check(handler.Handle(new Request(input, TransportKind.Udp, Fixture.Peer), _response), _response, "Handle over UDP");
        Streams.Check(handler.Handle(new Request(input, TransportKind.Tcp, Fixture.Peer), _response), _response, "Handle over TCP");
    }
}
