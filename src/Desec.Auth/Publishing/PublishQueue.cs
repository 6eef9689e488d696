using System.Threading.Channels;
using Desec.Zone.Names;

namespace Desec.Auth.Publishing;

/// <summary>
/// What one round of publishing has to do: every request that arrived while the previous round
/// ran, folded together (ten notifications for one zone are one read of it; SIGHUP and a folder
/// change are one read of the folder).
/// </summary>
public sealed class PublishBatch
{
    /// <summary>Read the zone folder again (changed files only).</summary>
    public bool ReadFolder { get; set; }

    /// <summary>Compare every database zone's version with the one last read.</summary>
    public bool CompareDatabase { get; set; }

    /// <summary>Zones the database notified: read unless their version is the one read last.</summary>
    public HashSet<DnsName> DatabaseZones { get; } = [];

    /// <summary>Zones to read again from whichever source holds them (retries, updates).</summary>
    public HashSet<DnsName> Zones { get; } = [];

    /// <summary>Every reason folded in, for the log.</summary>
    public HashSet<PublishReason> Reasons { get; } = [];

    public bool Startup => Reasons.Contains(PublishReason.Startup);

    public void Add(PublishRequest request)
    {
        Reasons.Add(request.Reason);
        switch (request.Reason)
        {
            case PublishReason.Startup or PublishReason.Hangup:
                ReadFolder = true;
                CompareDatabase = true;
                break;
            case PublishReason.FolderChanged:
                ReadFolder = true;
                break;
            case PublishReason.DatabaseNotification or PublishReason.DatabaseReconnected when request.Zone is null:
                CompareDatabase = true;
                break;
            case PublishReason.DatabaseNotification:
                DatabaseZones.Add(request.Zone!);
                break;
            case PublishReason.SignatureRefresh:
                // Refresh needs no source read: every round re-signs the zones whose signatures are due.
                break;
            default:
                if (request.Zone is { } zone) { Zones.Add(zone); }
                else
                {
                    ReadFolder = true;
                    CompareDatabase = true;
                }
                break;
        }
    }

    public override string ToString() => string.Join(", ", Reasons.Order());
}

/// <summary>
/// The one way into publishing: a channel of (zone or all, reason). Whoever wants zones published
/// (SIGHUP, the folder watch, the database listener, the refresh timer, a retry, later UPDATE and a
/// control socket) posts here and goes on; the publisher takes everything pending at once as one batch.
/// </summary>
public sealed class PublishQueue
{
    private readonly Channel<PublishRequest> _channel = Channel.CreateUnbounded<PublishRequest>(new UnboundedChannelOptions { SingleReader = true });

    public void Post(PublishRequest request) => _channel.Writer.TryWrite(request);

    public void Post(DnsName? zone, PublishReason reason) => Post(new PublishRequest(zone, reason));

    /// <summary>Waits for a request, then takes every one pending, folded into one batch.</summary>
    public async Task<PublishBatch> NextBatchAsync(CancellationToken cancel)
    {
        var first = await _channel.Reader.ReadAsync(cancel);
        var batch = new PublishBatch();
        batch.Add(first);
        while (_channel.Reader.TryRead(out var next)) { batch.Add(next); }
        return batch;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
