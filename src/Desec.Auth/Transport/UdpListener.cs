using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

/// <summary>
/// UDP on one address: one socket per core bound with SO_REUSEPORT so the kernel spreads
/// datagrams over them, and one dedicated thread per socket that receives, answers and sends
/// synchronously.
/// </summary>
/// <remarks>
/// On Linux the thread reads every queued datagram with one recvmmsg and sends the answers with one
/// sendmmsg (<see cref="UdpBatch"/>); elsewhere it uses the blocking, allocation-free
/// <c>ReceiveFrom</c>/<c>SendTo</c> overloads with a reused <see cref="SocketAddress"/>. Either way
/// there is no event loop, thread-pool hop or task between a datagram and its answer: with the
/// asynchronous socket calls the server spent about five times the answer's own CPU time around it.
/// </remarks>
public sealed class UdpListener : IAsyncDisposable
{
    /// <summary>Largest UDP payload we read; bigger datagrams are not DNS queries we answer.</summary>
    private const int ReceiveBufferSize = 65_535;

    private readonly IQueryHandler _handler;
    private readonly ILogger _logger;
    private readonly List<Socket> _sockets = [];
    private readonly List<Thread> _threads = [];
    private volatile bool _stopping;

    public UdpListener(IPEndPoint endpoint, IQueryHandler handler, ILogger logger, int socketCount)
    {
        _handler = handler;
        _logger = logger;
        for (int i = 0; i < socketCount; i++)
        {
            var socket = SocketFactory.Bind(endpoint, SocketType.Dgram, ProtocolType.Udp, reusePort: socketCount > 1);
            _sockets.Add(socket);
            // The first socket fixes an ephemeral port (port 0) for the others.
            endpoint = (IPEndPoint)socket.LocalEndPoint!;
        }
        LocalEndPoint = endpoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        for (int i = 0; i < _sockets.Count; i++)
        {
            var socket = _sockets[i];
            ThreadStart loop = UdpBatch.IsSupported ? () => BatchLoop(socket) : () => ReceiveLoop(socket);
            var thread = new Thread(loop) { IsBackground = true, Name = $"udp {LocalEndPoint} #{i}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    /// <summary>
    /// Linux: the datagrams queued on the socket are read with one recvmmsg, answered one by one in
    /// arrival order, and the answers sent with one sendmmsg (<see cref="UdpBatch"/>). A receive
    /// timeout lets the loop notice shutdown.
    /// </summary>
    private void BatchLoop(Socket socket)
    {
        // A listener stopped right after it started closes the socket under this thread, maybe
        // before the first receive: that ends the loop, it must not end the process.
        try { ReceiveBatches(socket); }
        catch (ObjectDisposedException) { }
    }

    private void ReceiveBatches(Socket socket)
    {
        socket.ReceiveTimeout = 1000;
        using var batch = new UdpBatch(socket);
        while (!_stopping)
        {
            int count;
            try { count = batch.Receive(); }
            catch (ObjectDisposedException) { break; }
            catch (SocketException e)
            {
                if (_stopping) { break; }
                // ICMP errors from earlier sends surface here (ECONNREFUSED); keep serving.
                _logger.LogDebug("udp receive: {Error}", e.SocketErrorCode);
                continue;
            }
            for (int i = 0; i < count; i++)
            {
                var request = batch.Request(i);
                if (request.IsEmpty) { continue; }
                int length = Answer(request, batch.Peer(i), batch.ResponseSpace(ReceiveBufferSize));
                if (length > 0) { batch.Queue(i, length); }
            }
            batch.Flush();
        }
    }

    private void ReceiveLoop(Socket socket)
    {
        var request = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var response = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var remote = new SocketAddress(socket.AddressFamily);
        try
        {
            while (!_stopping)
            {
                int received;
                try
                {
                    received = socket.ReceiveFrom(request, SocketFlags.None, remote);
                }
                catch (ObjectDisposedException) { break; }
                catch (SocketException e)
                {
                    if (_stopping) { break; }
                    // ICMP errors from earlier sends surface here (ECONNREFUSED); keep serving.
                    _logger.LogDebug("udp receive: {Error}", e.SocketErrorCode);
                    continue;
                }
                int length = Answer(request.AsSpan(0, received), PeerAddress.FromSocketAddress(remote), response);
                if (length == 0) { continue; }
                try
                {
                    socket.SendTo(response.AsSpan(0, length), SocketFlags.None, remote);
                }
                catch (ObjectDisposedException) { break; }
                catch (SocketException e)
                {
                    _logger.LogDebug("udp send: {Error}", e.SocketErrorCode);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    /// <summary>One datagram through the handler; the length of the answer, 0 for none.</summary>
    private int Answer(ReadOnlySpan<byte> request, PeerAddress peer, Span<byte> response)
    {
        try
        {
            var reply = _handler.Handle(new Request(request, TransportKind.Udp, peer), response);
            // Streams are for TCP (RFC 5936 §4.2); a handler that offers one over UDP gets nothing sent.
            reply.Stream?.Dispose();
            return reply.Length;
        }
        catch (Exception e)
        {
            // The handler answers FORMERR itself; anything else is a bug, and still not fatal.
            _logger.LogError(e, "query handler failed");
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        foreach (var socket in _sockets) { socket.Dispose(); }
        foreach (var thread in _threads) { thread.Join(TimeSpan.FromSeconds(5)); }
        return ValueTask.CompletedTask;
    }
}
