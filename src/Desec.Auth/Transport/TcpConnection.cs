using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

/// <summary>
/// One DNS-over-TCP connection (RFC 7766): two-octet length-prefixed messages, pipelined queries
/// answered in order as they come, zone transfers streamed. It publishes one deadline at a time (the
/// rule that applies to what it waits for) and <see cref="TcpConnectionTable"/> closes it when that
/// passes, so a client can hold a slot only by making progress. Between messages it holds no buffer.
/// </summary>
internal sealed class TcpConnection
{
    private const int MaxMessage = 65_535;

    /// <summary>
    /// Answers to the pipelined queries of one read are gathered up to this size and sent with one
    /// system call (RFC 7766 §6.2.1.1 lets a server answer pipelined queries in any timing).
    /// </summary>
    private const int BatchSize = 16_384;

    /// <summary>No deadline; otherwise <see cref="_deadline"/> is milliseconds (TickCount64) shifted left 3, OR the rule.</summary>
    private const long NoDeadline = long.MaxValue;

    private readonly Socket _socket;
    private readonly IQueryHandler _handler;
    private readonly PeerAddress _peer;
    private readonly ILogger _logger;
    private readonly TcpOptions _options;
    private readonly CancellationToken _stop;
    private long _deadline = NoDeadline;
    private long _lastActivity;
    private int _closeReason;
    private int _writing;
    private long _ackedAtCheck = -1;

    public TcpConnection(Socket socket, IPEndPoint remote, IQueryHandler handler, ILogger logger, TcpOptions options, CancellationToken stop)
    {
        _socket = socket;
        Remote = remote;
        _peer = PeerAddress.FromEndPoint(remote);
        _handler = handler;
        _logger = logger;
        _options = options;
        _stop = stop;
        _lastActivity = Environment.TickCount64;
    }

    public IPEndPoint Remote { get; }
    public IPAddress Address => Remote.Address;

    /// <summary>Positions in <see cref="TcpConnectionTable"/>'s lists (-1: not in them); only under its lock.</summary>
    internal int Slot = -1;
    internal int AddressSlot = -1;

    /// <summary>When the connection last made progress (TickCount64): accepted, a whole message read, an answer sent.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    public TcpCloseReason CloseReason => (TcpCloseReason)Volatile.Read(ref _closeReason);

    /// <summary>The rule whose deadline has passed at <paramref name="now"/>, or <see cref="TcpCloseReason.None"/>.</summary>
    public TcpCloseReason Expired(long now)
    {
        long deadline = Volatile.Read(ref _deadline);
        return deadline != NoDeadline && deadline >> 3 <= now ? (TcpCloseReason)(deadline & 7) : TcpCloseReason.None;
    }

    /// <summary>
    /// For a read past its deadline (called by the sweep): whether the client has sent something that
    /// this connection has not read yet. Then the delay is the server's (its thread is still queued),
    /// not the client's, and the sweep leaves the connection to read it and publish a new deadline.
    /// </summary>
    public bool DataWaiting()
    {
        try { return _socket.Available > 0; }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return false; }
    }

    /// <summary>
    /// For a transfer past its deadline (called by the sweep): whether the client acknowledged data
    /// since the send began or the last check; if so the deadline starts again and the transfer goes on.
    /// </summary>
    public bool TransferProgressed(long now)
    {
        long deadline = Volatile.Read(ref _deadline);
        if ((deadline & 7) != (long)TcpCloseReason.StalledTransfer) { return true; } // the send ended meanwhile
        long acked = TcpProgress.BytesAcked(_socket);
        long before = Interlocked.Exchange(ref _ackedAtCheck, acked);
        if (acked < 0 || before < 0 || acked <= before) { return false; }
        // Only if the connection has not published another deadline meanwhile.
        long renewed = now + (long)_options.TransferProgressTimeout.TotalMilliseconds << 3 | (long)TcpCloseReason.StalledTransfer;
        Interlocked.CompareExchange(ref _deadline, renewed, deadline);
        return true;
    }

    /// <summary>
    /// Closes the connection (once; false when it was closed already) and releases its file
    /// descriptor at once, which ends any read or write in progress. A connection with nothing being
    /// written is shut down in order first (FIN: the client reads the end of the stream, RFC 7766
    /// §6.2.3; .NET keeps that on dispose only after a shutdown); one with a write pending is reset,
    /// since the kernel would otherwise go on offering unsent answers to a client that does not read
    /// them for minutes.
    /// </summary>
    public bool Close(TcpCloseReason reason)
    {
        if (!MarkClosed(reason)) { return false; }
        CloseSocket();
        return true;
    }

    /// <summary>The first half of <see cref="Close"/>: records the reason; false when it was closed already.</summary>
    public bool MarkClosed(TcpCloseReason reason) => Interlocked.CompareExchange(ref _closeReason, (int)reason, 0) == 0;

    /// <summary>The second half of <see cref="Close"/>, after <see cref="MarkClosed"/>.</summary>
    public void CloseSocket()
    {
        try
        {
            if (Volatile.Read(ref _writing) != 0) { _socket.LingerState = new LingerOption(true, 0); }
            else { _socket.Shutdown(SocketShutdown.Both); }
        }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
        _socket.Dispose();
    }

    /// <summary>Serves the connection until the client closes it, a rule closes it, or the server stops.</summary>
    public async Task RunAsync()
    {
        NetworkStream? stream = null;
        PipeReader? reader = null;
        byte[]? response = null;
        byte[]? batch = null;
        int batched = 0;
        long partialSince = 0; // when the first octet of an unfinished message was seen; 0: none
        try
        {
            // Throws when a rule closed the socket before the connection got to run.
            stream = new NetworkStream(_socket, ownsSocket: true);
            reader = PipeReader.Create(stream, new StreamPipeReaderOptions(useZeroByteReads: true));
            while (true)
            {
                // RFC 7766 §6.2.3: a connection is closed after the idle timeout without a whole
                // message; RFC 7766 §10: a message, once begun, must also be finished within
                // tcp-io-timeout (a byte now and then does not keep a slot).
                long idleBy = LastActivity + (long)_options.IdleTimeout.TotalMilliseconds;
                long messageBy = partialSince + (long)_options.IoTimeout.TotalMilliseconds;
                if (partialSince != 0 && _options.IoTimeout > TimeSpan.Zero && messageBy < idleBy) { ExpectAt(messageBy, TcpCloseReason.SlowMessage); }
                else { ExpectAt(idleBy, TcpCloseReason.Idle); }
                ReadResult read = await reader.ReadAsync(_stop);
                ExpectAt(NoDeadline, TcpCloseReason.None);
                var buffer = read.Buffer;
                bool any = false;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    any = true;
                    Touch();
                    response ??= ArrayPool<byte>.Shared.Rent(MaxMessage + 2);
                    batch ??= ArrayPool<byte>.Shared.Rent(BatchSize);
                    int length = Answer(frame, response, out var transfer);
                    if (transfer is not null)
                    {
                        // A transfer: its messages go out in order before the next pipelined query is
                        // answered (RFC 7766 §7 lets a server answer in order).
                        batched = await Flush(batch, batched);
                        using (transfer) { await SendStream(transfer, response); }
                    }
                    else if (length > 0)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)length);
                        if (batched + length + 2 > batch.Length) { batched = await Flush(batch, batched); }
                        if (length + 2 > batch.Length) { await Send(response.AsMemory(0, length + 2), TcpCloseReason.SlowWrite, _options.IoTimeout); }
                        else
                        {
                            response.AsSpan(0, length + 2).CopyTo(batch.AsSpan(batched));
                            batched += length + 2;
                        }
                    }
                }
                if (batch is not null) { batched = await Flush(batch, batched); }
                // Between messages a connection holds no buffer: thousands of idle ones cost little.
                ReturnBuffers(ref response, ref batch);
                if (buffer.Length == 0) { partialSince = 0; }
                else if (any || partialSince == 0) { partialSince = Environment.TickCount64; }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) { break; }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Shutdown, a peer reset, or a rule closed the socket under a read or write.
        }
        catch (Exception e) { _logger.LogError(e, "tcp connection from {Remote} failed", Remote); }
        finally
        {
            Close(TcpCloseReason.Ended);
            if (reader is not null) { await reader.CompleteAsync(); }
            if (stream is not null) { await stream.DisposeAsync(); }
            ReturnBuffers(ref response, ref batch);
        }
    }

    private static void ReturnBuffers(ref byte[]? response, ref byte[]? batch)
    {
        if (response is not null) { ArrayPool<byte>.Shared.Return(response); }
        if (batch is not null) { ArrayPool<byte>.Shared.Return(batch); }
        response = batch = null;
    }

    /// <summary>Sends the gathered answers, if any; returns the new fill (0).</summary>
    private async ValueTask<int> Flush(byte[] batch, int length)
    {
        if (length > 0) { await Send(batch.AsMemory(0, length), TcpCloseReason.SlowWrite, _options.IoTimeout); }
        return 0;
    }

    /// <summary>
    /// Writes and sends one message at a time through the one pooled buffer. RFC 5936 §4.2 lets a
    /// server end a transfer that does not go on; here that is a client that takes nothing of it for
    /// tcp-transfer-progress-timeout. A send waits until the kernel has room for the message, which
    /// with a large send buffer can be long after the client last took something; so when the
    /// deadline passes, <see cref="TransferProgressed"/> asks the kernel whether the client
    /// acknowledged anything since, and the clock starts again if it did.
    /// </summary>
    private async Task SendStream(IResponseStream stream, byte[] response)
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
            Volatile.Write(ref _ackedAtCheck, TcpProgress.BytesAcked(_socket));
            await Send(response.AsMemory(0, length + 2), TcpCloseReason.StalledTransfer, _options.TransferProgressTimeout);
        }
    }

    /// <summary>One write under the deadline of <paramref name="rule"/>; a write the client does not take in time is cut.</summary>
    private async ValueTask Send(ReadOnlyMemory<byte> data, TcpCloseReason rule, TimeSpan limit)
    {
        Volatile.Write(ref _writing, 1);
        ExpectAt(limit > TimeSpan.Zero ? Environment.TickCount64 + (long)limit.TotalMilliseconds : NoDeadline, rule);
        await _socket.SendAsync(data, SocketFlags.None, _stop);
        ExpectAt(NoDeadline, TcpCloseReason.None);
        Volatile.Write(ref _writing, 0);
        Touch();
    }

    /// <summary>The one call into the protocol: a query's answer, or the stream of a transfer.</summary>
    private int Answer(ReadOnlySequence<byte> frame, byte[] response, out IResponseStream? stream)
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
            var reply = _handler.Handle(new Request(request, TransportKind.Tcp, _peer), response.AsSpan(2, MaxMessage));
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

    private void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    /// <summary>Publishes the deadline of <paramref name="rule"/> (milliseconds of TickCount64; <see cref="NoDeadline"/>: none).</summary>
    private void ExpectAt(long at, TcpCloseReason rule) =>
        Volatile.Write(ref _deadline, rule == TcpCloseReason.None || at == NoDeadline ? NoDeadline : at << 3 | (long)rule);

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
}
