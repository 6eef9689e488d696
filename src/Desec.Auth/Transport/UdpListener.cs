using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

/// <summary>
/// UDP on one address: one socket per core bound with SO_REUSEPORT so the kernel spreads
/// datagrams over them, and one receive loop per socket that answers each datagram synchronously.
/// Uses the allocation-free ReceiveFromAsync/SendToAsync overloads with a reused SocketAddress.
/// </summary>
public sealed class UdpListener : IAsyncDisposable
{
    /// <summary>Largest UDP payload we read; bigger datagrams are not DNS queries we answer.</summary>
    private const int ReceiveBufferSize = 65_535;

    private readonly IQueryHandler _handler;
    private readonly ILogger _logger;
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();

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
        foreach (var socket in _sockets)
        {
            _loops.Add(Task.Factory.StartNew(() => ReceiveLoop(socket), TaskCreationOptions.LongRunning).Unwrap());
        }
    }

    private async Task ReceiveLoop(Socket socket)
    {
        var request = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var response = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var remote = new SocketAddress(socket.AddressFamily);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(request, SocketFlags.None, remote, _stop.Token);
                }
                catch (OperationCanceledException) { break; }
                catch (ObjectDisposedException) { break; }
                catch (SocketException e)
                {
                    // ICMP errors from earlier sends surface here (ECONNREFUSED); keep serving.
                    _logger.LogDebug("udp receive: {Error}", e.SocketErrorCode);
                    continue;
                }
                int length;
                try
                {
                    length = _handler.Handle(request.AsSpan(0, received), response, TransportKind.Udp, null);
                }
                catch (Exception e)
                {
                    // The handler answers FORMERR itself; anything else is a bug, and still not fatal.
                    _logger.LogError(e, "query handler failed");
                    continue;
                }
                if (length == 0) { continue; }
                try
                {
                    await socket.SendToAsync(response.AsMemory(0, length), SocketFlags.None, remote, _stop.Token);
                }
                catch (OperationCanceledException) { break; }
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var socket in _sockets) { socket.Dispose(); }
        try { await Task.WhenAll(_loops); } catch (Exception) { /* loops end on disposal */ }
        _stop.Dispose();
    }
}
