using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transfer;

/// <summary>How NOTIFY is paced and retried.</summary>
/// <param name="MaxInFlight">NOTIFY messages awaiting their answer at once, over every zone and secondary.</param>
/// <param name="MessagesPerSecond">At most this many messages leave per second (first sends and retries together).</param>
/// <param name="Attempts">Sends of one serial to one secondary before giving up (RFC 1996 §3.6 leaves the count open).</param>
/// <param name="FirstTimeout">The wait for the first answer; it doubles with every retry.</param>
public sealed record NotifyOptions(int MaxInFlight = 32, double MessagesPerSecond = 200, int Attempts = 5, TimeSpan? FirstTimeout = null)
{
    public TimeSpan Timeout => FirstTimeout ?? TimeSpan.FromSeconds(1);
}

/// <summary>
/// NOTIFY (RFC 1996) to the secondaries of a zone when it has a new version, so that they fetch it at
/// once instead of waiting for their refresh timer. One queue for everything: each zone and secondary
/// is one slot holding the newest serial to announce; a newer serial replaces an older one (its
/// retries stop, the new one starts with a fresh count), and slots are sent in turn, at most
/// <see cref="NotifyOptions.MaxInFlight"/> awaiting an answer and <see cref="NotifyOptions.MessagesPerSecond"/>
/// per second, from one UDP socket per address family. A start-up with thousands of zones thus gives
/// the secondaries a steady stream rather than a flood. Retries back off (§3.6: the wait doubles).
/// </summary>
public sealed class Notifier : IAsyncDisposable
{
    private sealed class Slot(DnsName zone, NotifyTarget target)
    {
        public DnsName Zone { get; } = zone;
        public NotifyTarget Target { get; } = target;
        public uint Serial;
        public ResourceRecord? Soa;
        public int Generation;
        public int Attempt;
        public bool Queued;
        public bool Done = true;
    }

    private sealed record Pending(Slot Slot, int Generation, uint Serial, byte[] Message, byte[] RequestMac, IPEndPoint EndPoint);

    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly NotifyOptions _options;
    private readonly Dictionary<(DnsName Zone, IPEndPoint EndPoint), Slot> _slots = [];
    private readonly Dictionary<(int Id, IPEndPoint EndPoint), Pending> _pending = [];
    private readonly Channel<Slot> _ready = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _inFlight;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<AddressFamily, Socket> _sockets = [];
    private readonly List<Task> _receivers = [];
    private Task? _sender;
    private long _sent;

    public Notifier(ILogger logger, TimeProvider? clock = null, NotifyOptions? options = null)
    {
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new NotifyOptions();
        _inFlight = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
    }

    /// <summary>Messages sent so far (first sends and retries), for tests and metrics.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Zone and secondary pairs whose newest serial is not yet acknowledged (nor given up).</summary>
    public int Outstanding { get { lock (_lock) { return _slots.Values.Count(s => !s.Done); } } }

    /// <summary>Queues NOTIFY for <paramref name="serial"/> of <paramref name="zone"/> to every target (the SOA rides along as a hint).</summary>
    public void Notify(DnsName zone, uint serial, ResourceRecord? soa, IReadOnlyList<NotifyTarget> targets)
    {
        lock (_lock)
        {
            _sender ??= Task.Run(SendLoopAsync);
            foreach (var target in targets)
            {
                if (!_slots.TryGetValue((zone, target.EndPoint), out var slot) || slot.Target != target)
                {
                    slot = new Slot(zone, target);
                    _slots[(zone, target.EndPoint)] = slot;
                }
                if (!slot.Done && slot.Serial == serial) { continue; }
                slot.Serial = serial;
                slot.Soa = soa;
                slot.Generation++;
                slot.Attempt = 0;
                slot.Done = false;
                Enqueue(slot);
            }
        }
    }

    /// <summary>Stops notifying for a zone that is no longer served.</summary>
    public void Forget(DnsName zone)
    {
        lock (_lock)
        {
            foreach (var key in _slots.Keys.Where(k => k.Zone == zone).ToList())
            {
                _slots[key].Done = true;
                _slots.Remove(key);
            }
        }
    }

    private void Enqueue(Slot slot)
    {
        if (slot.Queued) { return; }
        slot.Queued = true;
        _ready.Writer.TryWrite(slot);
    }

    /// <summary>Takes slots in turn and sends each one's current serial, within the bounds on messages in flight and per second.</summary>
    private async Task SendLoopAsync()
    {
        var stop = _stop.Token;
        var interval = TimeSpan.FromSeconds(1 / Math.Max(_options.MessagesPerSecond, 0.001));
        long nextSend = _clock.GetTimestamp();
        try
        {
            while (await _ready.Reader.WaitToReadAsync(stop))
            {
                if (!_ready.Reader.TryRead(out var slot)) { continue; }
                await _inFlight.WaitAsync(stop);
                var wait = _clock.GetElapsedTime(_clock.GetTimestamp(), nextSend);
                if (wait > TimeSpan.Zero) { await Task.Delay(wait, _clock, stop); }
                nextSend = Math.Max(nextSend, _clock.GetTimestamp()) + (long)(interval.TotalSeconds * _clock.TimestampFrequency);
                if (!Send(slot)) { _inFlight.Release(); }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    /// <summary>Sends the slot's current serial once; false when there was nothing to send (acknowledged, replaced, forgotten).</summary>
    private bool Send(Slot slot)
    {
        Pending pending;
        TimeSpan timeout;
        lock (_lock)
        {
            slot.Queued = false;
            if (slot.Done) { return false; }
            var endpoint = slot.Target.EndPoint;
            int id;
            do { id = Random.Shared.Next(ushort.MaxValue + 1); } while (_pending.ContainsKey((id, endpoint)));
            var (message, requestMac) = NotifyMessage.Build(slot.Zone, (ushort)id, slot.Soa, slot.Target.Key, _clock.GetUtcNow());
            pending = new Pending(slot, slot.Generation, slot.Serial, message, requestMac, endpoint);
            _pending[(id, endpoint)] = pending;
            timeout = _options.Timeout * (1 << Math.Min(slot.Attempt, 16));
            slot.Attempt++;
        }
        try
        {
            SocketFor(pending.EndPoint.AddressFamily).SendTo(pending.Message, pending.EndPoint);
            Interlocked.Increment(ref _sent);
        }
        catch (SocketException e)
        {
            _logger.LogDebug("NOTIFY to {Target}: {Error}", pending.Slot.Target, e.SocketErrorCode);
        }
        _ = TimeOutAsync(pending, timeout);
        return true;
    }

    /// <summary>No answer in time: the message no longer counts as in flight, and the slot is sent again unless replaced or out of attempts.</summary>
    private async Task TimeOutAsync(Pending pending, TimeSpan timeout)
    {
        try { await Task.Delay(timeout, _clock, _stop.Token); }
        catch (OperationCanceledException) { return; }
        lock (_lock)
        {
            if (!Remove(pending)) { return; }
            var slot = pending.Slot;
            if (slot.Done || slot.Generation != pending.Generation) { return; }
            if (slot.Attempt < _options.Attempts)
            {
                Enqueue(slot); // RFC 1996 §3.6: retry, the wait doubling each time
                return;
            }
            slot.Done = true;
        }
        _logger.LogWarning("zone {Zone}: NOTIFY for serial {Serial} to {Target} not acknowledged after {Attempts} attempts",
            pending.Slot.Zone, pending.Serial, pending.Slot.Target, _options.Attempts);
    }

    /// <summary>Takes a message out of flight once (answer or timeout, whichever comes first); the caller holds the lock.</summary>
    private bool Remove(Pending pending)
    {
        var key = (NotifyMessage.IdOf(pending.Message), pending.EndPoint);
        if (!_pending.TryGetValue(key, out var current) || !ReferenceEquals(current, pending)) { return false; }
        _pending.Remove(key);
        _inFlight.Release();
        return true;
    }

    private Socket SocketFor(AddressFamily family)
    {
        lock (_lock)
        {
            if (_sockets.TryGetValue(family, out var socket)) { return socket; }
            socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            _sockets[family] = socket;
            _receivers.Add(Task.Run(() => ReceiveLoopAsync(socket)));
            return socket;
        }
    }

    private async Task ReceiveLoopAsync(Socket socket)
    {
        var buffer = new byte[4096];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try { received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // e.g. ICMP port unreachable from an earlier send
            if (received.RemoteEndPoint is IPEndPoint from) { Answered(buffer.AsSpan(0, received.ReceivedBytes), from); }
        }
    }

    private void Answered(ReadOnlySpan<byte> answer, IPEndPoint from)
    {
        Pending? pending;
        lock (_lock)
        {
            if (!_pending.TryGetValue((NotifyMessage.IdOf(answer), from), out pending)) { return; }
        }
        if (!NotifyMessage.IsAcknowledgement(answer, pending.Message)) { return; }
        // RFC 8945 §5.4: the answer to a signed NOTIFY must carry a TSIG that verifies with the same key;
        // one that does not is not an acknowledgement: it is logged and the message stays in flight.
        if (pending.Slot.Target.Key is not null && !Verified(answer, pending)) { return; }
        lock (_lock)
        {
            if (!Remove(pending)) { return; }
            if (pending.Slot.Generation == pending.Generation) { pending.Slot.Done = true; }
        }
        _logger.LogInformation("zone {Zone}: NOTIFY for serial {Serial} acknowledged by {Target}", pending.Slot.Zone, pending.Serial, pending.Slot.Target);
    }

    private bool Verified(ReadOnlySpan<byte> answer, Pending pending)
    {
        var target = pending.Slot.Target;
        var result = TsigVerifier.VerifyResponse(answer, target.Key!, pending.RequestMac, _clock.GetUtcNow(), out var peerError);
        if (result == TsigResult.Ok && peerError == TsigError.NoError) { return true; }
        MessageHeader.TryRead(answer, out var header);
        _logger.LogWarning("zone {Zone}: the answer of {Target} to NOTIFY for serial {Serial} is not accepted (rcode {Rcode}): {Result}{PeerError}",
            pending.Slot.Zone, target, pending.Serial, RcodeExtensions.Combine(header.RcodeBits, 0),
            result == TsigResult.NoTsig ? "unsigned" : result.ToString(), peerError == TsigError.NoError ? "" : $" (it reports TSIG error {peerError})");
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) { return; }
        await _stop.CancelAsync();
        _ready.Writer.TryComplete();
        Task[] tasks;
        lock (_lock)
        {
            foreach (var socket in _sockets.Values) { socket.Dispose(); }
            tasks = [.. _receivers, .. _sender is null ? [] : new[] { _sender }];
        }
        try { await Task.WhenAll(tasks); } catch (OperationCanceledException) { } catch (ObjectDisposedException) { }
    }
}
