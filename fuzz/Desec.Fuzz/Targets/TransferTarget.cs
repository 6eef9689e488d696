using Desec.Auth.Transport;

namespace Desec.Fuzz.Targets;

/// <summary>
/// AXFR and IXFR requests as the TCP and UDP listeners hand them over (<see cref="IQueryHandler.Handle"/>,
/// a stream over TCP, one message over UDP, RFC 1995 §2). The ACL admits the peer by
/// address to example.com. and only by TSIG key to example.net.; example.com. has an IXFR journal.
/// Contract: never throws, a length within the buffer, every stream ends.
/// </summary>
public sealed class TransferTarget : IFuzzTarget
{
    private readonly byte[] _response = new byte[Streams.MaxMessage];

    public string Name => "transfer";

    public void Run(byte[] input)
    {
        var handler = Fixture.Handler;
        Streams.Check(handler.Handle(new Request(input, TransportKind.Tcp, Fixture.Peer), _response), _response, "Handle over TCP");
        Streams.Check(handler.Handle(new Request(input, TransportKind.Udp, Fixture.Peer), _response), _response, "Handle over UDP");
    }
}
