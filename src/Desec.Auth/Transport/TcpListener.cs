using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

public sealed record TcpOptions
{
    /// <summary>RFC 7766 §6.2.3: servers should close idle connections; seconds, not minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections beyond this are closed at once, so the existing ones keep being served.</summary>
    public int MaxConnections { get; init; } = 1024;
}

/// <summary>
/// DNS over TCP on one address (RFC 7766): two-octet length-prefixed messages, pipelined queries
/// answered in arrival order as they come, an idle timeout, and a cap on concurrent connections.
/// Idle connections hold no buffer (zero-byte reads).
/// </summary>
public sealed class TcpListener : IAsyncDisposable
{
    private const int MaxMessage = 65_535;

    /// <summary>
    /// Answers to the pipelined queries of one read are gathered up to this size and sent with one
    /// system call (RFC 7766 §6.2.1.1 lets a server answer pipelined queries in any timing).
    /// </summary>
    private const int BatchSize = 16_384;

    private readonly Socket _listener;
    private readonly IQueryHandler _handler;
    private readonly ILogger _logger;
    private readonly TcpOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _connections = [];
    private Task _acceptLoop = Task.CompletedTask;
    private int _connectionCount;

    public TcpListener(IPEndPoint endpoint, IQueryHandler handler, ILogger logger, TcpOptions options)
    {
        _handler = handler;
        _logger = logger;
        _options = options;
        _listener = SocketFactory.Bind(endpoint, SocketType.Stream, ProtocolType.Tcp, reusePort: false);
        _listener.Listen(512);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public void Start() => _acceptLoop = AcceptLoop();

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptAsync(_stop.Token); }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            catch (SocketException e)
            {
                _logger.LogDebug("tcp accept: {Error}", e.SocketErrorCode);
                continue;
            }
            if (Interlocked.Increment(ref _connectionCount) > _options.MaxConnections)
            {
                Interlocked.Decrement(ref _connectionCount);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            var task = Serve(socket);
            lock (_connections) { _connections.Add(task); }
            _ = task.ContinueWith(t => { lock (_connections) { _connections.Remove(t); } }, TaskScheduler.Default);
        }
    }

    private async Task Serve(Socket socket)
    {
        var remote = socket.RemoteEndPoint;
        var peer = PeerAddress.FromEndPoint(remote);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(useZeroByteReads: true));
        byte[]? response = null;
        byte[]? batch = null;
        int batched = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            while (true)
            {
                idle.CancelAfter(_options.IdleTimeout);
                ReadResult read = await reader.ReadAsync(idle.Token);
                if (!idle.TryReset()) { break; }
                var buffer = read.Buffer;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    response ??= ArrayPool<byte>.Shared.Rent(MaxMessage + 2);
                    batch ??= ArrayPool<byte>.Shared.Rent(BatchSize);
                    int length = Answer(frame, response, peer, out var transfer);
                    if (transfer is not null)
                    {
                        // A transfer: its messages go out in order before the next pipelined query is
                        // answered (RFC 7766 §7 lets a server answer in order). The idle timer is off
                        // meanwhile; only shutdown or a peer reset ends it.
                        batched = await Flush(socket, batch, batched);
                        using (transfer) { await SendStream(socket, transfer, response); }
                    }
                    else if (length > 0)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)length);
                        if (batched + length + 2 > batch.Length) { batched = await Flush(socket, batch, batched); }
                        if (length + 2 > batch.Length)
                        {
                            await socket.SendAsync(response.AsMemory(0, length + 2), SocketFlags.None, _stop.Token);
                        }
                        else
                        {
                            response.AsSpan(0, length + 2).CopyTo(batch.AsSpan(batched));
                            batched += length + 2;
                        }
                    }
                }
                if (batch is not null) { batched = await Flush(socket, batch, batched); }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) { break; }
            }
        }
        catch (OperationCanceledException) { /* idle timeout or shutdown */ }
        catch (IOException) { /* peer reset */ }
        catch (SocketException) { /* peer reset */ }
        catch (Exception e) { _logger.LogError(e, "tcp connection from {Remote} failed", remote); }
        finally
        {
            await reader.CompleteAsync();
            if (response is not null) { ArrayPool<byte>.Shared.Return(response); }
            if (batch is not null) { ArrayPool<byte>.Shared.Return(batch); }
            Interlocked.Decrement(ref _connectionCount);
        }
    }

    /// <summary>Sends the gathered answers, if any; returns the new fill (0).</summary>
    private async ValueTask<int> Flush(Socket socket, byte[] batch, int length)
    {
        if (length > 0) { await socket.SendAsync(batch.AsMemory(0, length), SocketFlags.None, _stop.Token); }
        return 0;
    }

    /// <summary>Writes and sends one message at a time through the one pooled buffer.</summary>
    private async Task SendStream(Socket socket, IResponseStream stream, byte[] response)
    {
        while (true)
        {
            int length;
            try { length = stream.WriteNext(response.AsSpan(2, MaxMessage)); }
            catch (Exception e)
            {
                // Cutting the connection is the only honest end of a transfer that cannot go on.
                _logger.LogError(e, "response stream failed");
                throw new IOException("response stream failed", e);
            }
            if (length == 0) { return; }
            BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)length);
            await socket.SendAsync(response.AsMemory(0, length + 2), SocketFlags.None, _stop.Token);
        }
    }

    private int Answer(ReadOnlySequence<byte> frame, byte[] response, PeerAddress peer, out IResponseStream? stream)
    {
        stream = null;
        byte[]? copy = null;
        try
        {
            ReadOnlySpan<byte> request;
            if (frame.IsSingleSegment) { request = frame.FirstSpan; }
            else
            {
                copy = ArrayPool<byte>.Shared.Rent((int)frame.Length);
                frame.CopyTo(copy);
                request = copy.AsSpan(0, (int)frame.Length);
            }
            var reply = _handler.Handle(new Request(request, TransportKind.Tcp, peer), response.AsSpan(2, MaxMessage));
            stream = reply.Stream;
            return reply.Length;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "query handler failed");
            return 0;
        }
        finally
        {
            if (copy is not null) { ArrayPool<byte>.Shared.Return(copy); }
        }
    }

    /// <summary>RFC 7766 §8: each message is preceded by its length in two octets.</summary>
    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 2) { return false; }
        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        if (buffer.Length < 2 + length) { return false; }
        frame = buffer.Slice(2, length);
        buffer = buffer.Slice(2 + length);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] open;
        lock (_connections) { open = [.. _connections]; }
        try { await Task.WhenAll(open); } catch (Exception) { /* connections end on cancellation */ }
        _stop.Dispose();
    }
}
