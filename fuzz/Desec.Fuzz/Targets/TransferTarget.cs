using Desec.Auth.Transport;

namespace Desec.Fuzz.Targets;

/// <summary>
/// AXFR and IXFR requests as the TCP listener hands them over: <see cref="IQueryHandler.OpenStream"/>
/// first, <see cref="IQueryHandler.Handle"/> when it gives no stream. The ACL admits the peer by
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
        if (handler.OpenStream(input, Fixture.Peer) is { } stream)
        {
            Streams.Drain(stream, _response);
            return;
        }
        Streams.CheckLength(handler.Handle(input, _response, TransportKind.Tcp, Fixture.Peer), _response.Length, "Handle over TCP");
    }
}
